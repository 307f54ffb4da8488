package io.stagesync.connector.pardot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.settings.SettingProblem;
import io.stagesync.settings.SettingsException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PardotSettings}: defaults, every problem at once naming its key, secrets masked. */
class PardotSettingsTest {
    private static final String BU = "0UvXX00000000010AA";

    private static Map<String, String> password() {
        Map<String, String> v = new HashMap<>();
        v.put(PardotSettings.KEY_AUTH_TYPE, "password");
        v.put(PardotSettings.KEY_CLIENT_ID, "3MVG9-key");
        v.put(PardotSettings.KEY_CLIENT_SECRET, "s3cret-app");
        v.put(PardotSettings.KEY_USERNAME, "integration@example.com");
        v.put(PardotSettings.KEY_PASSWORD, "pw-value");
        v.put(PardotSettings.KEY_SECURITY_TOKEN, "tok-value");
        v.put(PardotSettings.KEY_BUSINESS_UNIT_ID, BU);
        return v;
    }

    private static List<String> problems(Map<String, String> values) {
        try {
            PardotSettings.from(values);
        } catch (SettingsException e) {
            assertThat(e.getMessage()).startsWith("Invalid Pardot settings: ");
            return e.problems();
        }
        throw new AssertionError("the settings were accepted: " + values);
    }

    @Test
    void defaultsForAMinimalPasswordSetup() {
        PardotSettings s = PardotSettings.from(password());

        assertThat(s.baseUrl()).isEqualTo("https://pi.pardot.com");
        assertThat(s.loginUrl()).isEqualTo("https://login.salesforce.com");
        assertThat(s.authType()).isEqualTo(PardotSettings.AuthType.PASSWORD);
        assertThat(s.passwordWithSecurityToken()).isEqualTo("pw-valuetok-value");
        assertThat(s.businessUnitId()).isEqualTo(BU);
        assertThat(s.pageSize()).isEqualTo(1000);
        assertThat(s.maxConcurrentCalls()).isEqualTo(4);
        assertThat(s.stageField()).isEqualTo("Lifecycle_Stage__c");
        assertThat(s.salesforceIdFields()).containsExactly("salesforceLeadId", "salesforceContactId");
        assertThat(s.prospectFields()).isEmpty();
        assertThat(s.jwtAudience()).isEqualTo("https://login.salesforce.com");
    }

    @Test
    void anEmptyConfigurationReportsEveryRequiredKeyAtOnce() {
        assertThat(problems(Map.of())).containsExactly(
                "stagesync.pardot.auth-type is required: client-credentials, jwt or password",
                "stagesync.pardot.client-id is required: the connected app's consumer key",
                "stagesync.pardot.business-unit-id is required: the 18-character id starting 0Uv"
                        + " (Setup > Account Engagement > Business Unit Setup)");
    }

    @Test
    void manyProblemsComeBackTogetherEachNamingItsKey() {
        Map<String, String> v = password();
        v.put(PardotSettings.KEY_BASE_URL, "ftp://pi.pardot.com");
        v.put(PardotSettings.KEY_LOGIN_URL, "https://login.salesforce.com/services/oauth2/token");
        v.put(PardotSettings.KEY_PAGE_SIZE, "1001");
        v.put(PardotSettings.KEY_MAX_CONCURRENT_CALLS, "6");
        v.put(PardotSettings.KEY_STAGE_FIELD, "Lifecycle Stage");
        v.put(PardotSettings.KEY_PROSPECT_FIELDS, "jobTitle, campaign.name,,a.b.c.d");
        v.put(PardotSettings.KEY_SALESFORCE_ID_FIELDS, "salesforceLeadId,crm-lead");
        v.put("stagesync.pardot.bussiness-unit-id", BU);

        List<String> problems = problems(v);

        assertThat(problems).hasSize(8);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("stagesync.pardot.bussiness-unit-id is not a Pardot setting"));
        assertThat(problems).contains(
                "stagesync.pardot.base-url must be an https URL (http only for localhost); got 'ftp://pi.pardot.com'",
                "stagesync.pardot.login-url must be scheme and host only (the token path is added);"
                        + " got 'https://login.salesforce.com/services/oauth2/token'",
                "stagesync.pardot.page-size must be a whole number from 1 to 1000; got '1001'",
                "stagesync.pardot.max-concurrent-calls must be a whole number from 1 to 5; got '6'",
                "stagesync.pardot.stage-field must be a prospect field's v5 name such as Lifecycle_Stage__c"
                        + " (letters, digits and _); got 'Lifecycle Stage'",
                "stagesync.pardot.prospect-fields must be a comma list of prospect field names (v5 names, dot notation"
                        + " up to three levels); not a field name: '', 'a.b.c.d'",
                "stagesync.pardot.salesforce-id-fields must be a comma list of prospect field names (v5 names, or none);"
                        + " not a field name: 'crm-lead'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0Uv123", "0UvXX00000000010AAB", "00DXX0000000001AAA", "0UvXX00000000-1AAA", "0uvXX0000000001AAA"})
    void aBusinessUnitIdOfTheWrongShapeIsRejected(String id) {
        Map<String, String> v = password();
        v.put(PardotSettings.KEY_BUSINESS_UNIT_ID, id);

        assertThat(problems(v)).containsExactly("stagesync.pardot.business-unit-id must be 18 letters and digits starting 0Uv"
                + " (Setup > Account Engagement > Business Unit Setup); got '" + id + "'");
    }

    @Test
    void aBusinessUnitIdWithAWrongCaseChecksumIsRejectedWithTheRightOne() {
        Map<String, String> v = password();
        v.put(PardotSettings.KEY_BUSINESS_UNIT_ID, "0UvXX0000000001AAA");

        assertThat(problems(v)).containsExactly("stagesync.pardot.business-unit-id: '0UvXX0000000001AAA' is not a valid "
                + "Salesforce id: its last 3 characters encode the case of the first 15 and must be 0AA "
                + "(0UvXX00000000010AA); copy the id from Salesforce rather than typing it "
                + "(Setup > Account Engagement > Business Unit Setup)");
    }

    @Test
    void passwordFlowNeedsSecretUserAndPassword() {
        Map<String, String> v = password();
        v.remove(PardotSettings.KEY_CLIENT_SECRET);
        v.remove(PardotSettings.KEY_USERNAME);
        v.remove(PardotSettings.KEY_PASSWORD);
        v.remove(PardotSettings.KEY_SECURITY_TOKEN);

        assertThat(problems(v)).containsExactly(
                "stagesync.pardot.client-secret is required when stagesync.pardot.auth-type=password: the connected app's consumer secret",
                "stagesync.pardot.username is required when stagesync.pardot.auth-type=password: the integration user",
                "stagesync.pardot.password is required when stagesync.pardot.auth-type=password: the integration user's password");
    }

    @Test
    void clientCredentialsNeedTheMyDomainHost() {
        Map<String, String> v = new HashMap<>(Map.of(PardotSettings.KEY_AUTH_TYPE, "client-credentials",
                PardotSettings.KEY_CLIENT_ID, "3MVG9-key", PardotSettings.KEY_CLIENT_SECRET, "s3cret",
                PardotSettings.KEY_BUSINESS_UNIT_ID, BU));

        assertThat(problems(v)).containsExactly("stagesync.pardot.login-url must be the org's My Domain URL"
                + " (e.g. https://acme.my.salesforce.com) for auth-type client-credentials; Salesforce refuses that flow"
                + " on https://login.salesforce.com");

        v.put(PardotSettings.KEY_LOGIN_URL, "https://acme.my.salesforce.com/");
        v.put(PardotSettings.KEY_BASE_URL, "https://pi.demo.pardot.com/");
        PardotSettings s = PardotSettings.from(v);
        assertThat(s.loginUrl()).isEqualTo("https://acme.my.salesforce.com");
        assertThat(s.baseUrl()).isEqualTo("https://pi.demo.pardot.com");
        assertThat(s.passwordWithSecurityToken()).isNull();
    }

    @Test
    void jwtNeedsAUserAndAReadableKeystore() {
        Map<String, String> v = new HashMap<>(Map.of(PardotSettings.KEY_AUTH_TYPE, "JWT",
                PardotSettings.KEY_CLIENT_ID, "3MVG9-key", PardotSettings.KEY_BUSINESS_UNIT_ID, BU,
                PardotSettings.KEY_JWT_KEYSTORE_PATH, "/nonexistent/jwt.p12"));

        assertThat(problems(v)).containsExactly(
                "stagesync.pardot.username is required when stagesync.pardot.auth-type=jwt: the integration user (the JWT sub claim)",
                "stagesync.pardot.jwt.keystore-password is required when stagesync.pardot.auth-type=jwt: the keystore password",
                "stagesync.pardot.jwt.keystore-path must be a readable file; got /nonexistent/jwt.p12");
    }

    @Test
    void anUnknownAuthTypeIsNamed() {
        Map<String, String> v = password();
        v.put(PardotSettings.KEY_AUTH_TYPE, "api-key");

        assertThat(problems(v)).containsExactly("stagesync.pardot.auth-type must be client-credentials, jwt or password;"
                + " got 'api-key'");
    }

    @Test
    void sandboxLoginDefaultsTheJwtAudienceToTestSalesforce() {
        Map<String, String> v = password();
        v.put(PardotSettings.KEY_LOGIN_URL, "https://test.salesforce.com");

        assertThat(PardotSettings.from(v).jwtAudience()).isEqualTo("https://test.salesforce.com");
    }

    @Test
    void httpIsOnlyForLocalhost() {
        Map<String, String> v = password();
        v.put(PardotSettings.KEY_BASE_URL, "http://pi.pardot.com");
        v.put(PardotSettings.KEY_LOGIN_URL, "http://login.salesforce.com");

        assertThat(problems(v)).containsExactly(
                "stagesync.pardot.base-url must be an https URL (http only for localhost); got 'http://pi.pardot.com'",
                "stagesync.pardot.login-url must be an https URL (http only for localhost); got 'http://login.salesforce.com'");

        v.put(PardotSettings.KEY_BASE_URL, "http://localhost:8089/pardot");
        v.put(PardotSettings.KEY_LOGIN_URL, "http://127.0.0.1:8089");
        assertThat(PardotSettings.from(v).baseUrl()).isEqualTo("http://localhost:8089/pardot");
    }

    @Test
    void fieldListsAreTrimmedDeduplicatedAndNoneReadsNoSalesforceIds() {
        Map<String, String> v = password();
        v.put(PardotSettings.KEY_PROSPECT_FIELDS, " jobTitle , campaign.name, jobTitle,Industry__c ");
        v.put(PardotSettings.KEY_SALESFORCE_ID_FIELDS, "NONE");
        v.put(PardotSettings.KEY_STAGE_FIELD, "Stage__c");

        PardotSettings s = PardotSettings.from(v);

        assertThat(s.prospectFields()).containsExactly("jobTitle", "campaign.name", "Industry__c");
        assertThat(s.salesforceIdFields()).isEmpty();
        assertThat(s.stageField()).isEqualTo("Stage__c");
    }

    @Test
    void blankValuesCountAsAbsentAndOtherPrefixesAreIgnored() {
        Map<String, String> v = password();
        v.put(PardotSettings.KEY_PAGE_SIZE, "  ");
        v.put("stagesync.netsuite.page-size", "5000");

        assertThat(PardotSettings.from(v).pageSize()).isEqualTo(1000);
    }

    @Test
    void toStringMasksEverySecret() {
        String text = PardotSettings.from(password()).toString();

        assertThat(text).doesNotContain("s3cret-app", "pw-value", "tok-value")
                .contains("clientSecret=****", "password=****", "securityToken=****", "businessUnitId=" + BU,
                        "clientId=3MVG9-key");
    }

    @Test
    void everyKeyIsUnderThePrefixAndSecretsAreKeys() {
        assertThat(PardotSettings.KEYS).hasSize(24).allSatisfy(k -> assertThat(k).startsWith("stagesync.pardot."));
        assertThat(PardotSettings.KEYS).containsAll(PardotSettings.SECRET_KEYS);
        assertThat(PardotSettings.SECRET_KEYS).containsExactlyInAnyOrder(PardotSettings.KEY_CLIENT_SECRET,
                PardotSettings.KEY_PASSWORD, PardotSettings.KEY_SECURITY_TOKEN, PardotSettings.KEY_JWT_KEYSTORE_PASSWORD);
    }

    @Test
    void theExceptionsProblemsAreImmutable() {
        SettingsException e = new SettingsException("Pardot", List.of(
                new SettingProblem("stagesync.pardot.a", "is bad"), new SettingProblem("stagesync.pardot.b", ": worse")));

        assertThat(e.getMessage()).isEqualTo("Invalid Pardot settings: stagesync.pardot.a is bad; stagesync.pardot.b: worse");
        assertThat(e.settingProblems()).extracting(SettingProblem::key)
                .containsExactly("stagesync.pardot.a", "stagesync.pardot.b");
        assertThatThrownBy(() -> e.problems().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.settingProblems().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }
}
