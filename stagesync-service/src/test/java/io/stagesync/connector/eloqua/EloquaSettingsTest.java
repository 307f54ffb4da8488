package io.stagesync.connector.eloqua;

import static io.stagesync.connector.eloqua.EloquaSettings.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.settings.SettingsException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EloquaSettingsTest {

    private static Map<String, String> basic() {
        Map<String, String> values = new HashMap<>();
        values.put(KEY_SITE, "ExampleCo");
        values.put(KEY_USERNAME, "api.user");
        values.put(KEY_PASSWORD, "password-value");
        return values;
    }

    private static Map<String, String> oauth2() {
        Map<String, String> values = new HashMap<>();
        values.put(KEY_AUTH_TYPE, "oauth2");
        values.put(KEY_CLIENT_ID, "client-1");
        values.put(KEY_CLIENT_SECRET, "client-secret-value");
        values.put(KEY_REFRESH_TOKEN, "refresh-token-value");
        return values;
    }

    @Test
    void defaults() {
        EloquaSettings s = EloquaSettings.from(basic());

        assertThat(s.loginUrl()).isEqualTo("https://login.eloqua.com");
        assertThat(s.tokenUrl()).isEqualTo("https://login.eloqua.com/auth/oauth2/token");
        assertThat(s.baseUrl()).isEmpty();
        assertThat(s.authType()).isEqualTo(AuthType.BASIC);
        assertThat(s.siteUser()).isEqualTo("ExampleCo\\api.user");
        assertThat(s.pageSize()).isEqualTo(1000);
        assertThat(s.maxConcurrentCalls()).isEqualTo(4);
        assertThat(s.searchZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(s.leadStageField()).isEqualTo("C_Lead_Stage1");
        assertThat(s.contactFields()).isEmpty();
        assertThat(s.requiredContactFields()).containsExactly("C_Lead_Stage1");
        assertThat(s.scoringModelId()).isEmpty();
        assertThat(s.scoreField()).isEqualTo("EngagementScore");
        assertThat(s.bulkSyncTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.refreshToken()).isEmpty();
    }

    @Test
    void overridesAreReadAndTrailingSlashesDropped() {
        Map<String, String> values = basic();
        values.put(KEY_LOGIN_URL, "http://localhost:8089/");
        values.put(KEY_BASE_URL, "https://secure.p03.eloqua.com/");
        values.put(KEY_PAGE_SIZE, "250");
        values.put(KEY_MAX_CONCURRENT_CALLS, "2");
        values.put(KEY_SEARCH_TIMEZONE, "UTC");
        values.put(KEY_LEAD_STAGE_FIELD, "C_Lifecycle_Stage1");
        values.put(KEY_CONTACT_FIELDS, " C_Company_Size1, C_Lifecycle_Stage1 ,C_Industry1,C_Company_Size1");
        values.put(KEY_SCORING_MODEL_ID, "3");
        values.put(KEY_SCORE_FIELD, "ProfileScore");
        values.put(KEY_BULK_SYNC_TIMEOUT_SECONDS, "60");
        values.put("stagesync.other.key", "ignored");

        EloquaSettings s = EloquaSettings.from(values);

        assertThat(s.loginUrl()).isEqualTo("http://localhost:8089");
        assertThat(s.baseUrl()).contains("https://secure.p03.eloqua.com");
        assertThat(s.pageSize()).isEqualTo(250);
        assertThat(s.maxConcurrentCalls()).isEqualTo(2);
        assertThat(s.searchZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(s.contactFields()).containsExactly("C_Company_Size1", "C_Lifecycle_Stage1", "C_Industry1");
        assertThat(s.requiredContactFields()).containsExactly("C_Lifecycle_Stage1", "C_Company_Size1", "C_Industry1");
        assertThat(s.scoringModelId()).contains("3");
        assertThat(s.scoreField()).isEqualTo("ProfileScore");
        assertThat(s.bulkSyncTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsKey() {
        Map<String, String> values = new HashMap<>();
        values.put(KEY_LOGIN_URL, "ftp://login.eloqua.com");
        values.put(KEY_BASE_URL, "https://secure.p03.eloqua.com?x=1");
        values.put(KEY_SITE, "Example\\Co");
        values.put(KEY_PAGE_SIZE, "1001");
        values.put(KEY_MAX_CONCURRENT_CALLS, "zero");
        values.put(KEY_SEARCH_TIMEZONE, "Mars/Olympus");
        values.put(KEY_LEAD_STAGE_FIELD, "C Lead Stage");
        values.put(KEY_CONTACT_FIELDS, "C_Ok1, 1bad, x-y");
        values.put(KEY_SCORING_MODEL_ID, "model-1");
        values.put(KEY_BULK_SYNC_TIMEOUT_SECONDS, "5");
        values.put(PREFIX + "page-szie", "10");

        assertThatThrownBy(() -> EloquaSettings.from(values))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .hasSize(13)
                        .anySatisfy(p -> assertThat(p).startsWith(PREFIX + "page-szie is not an Eloqua setting"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_LOGIN_URL + " must be an http or https URL"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_BASE_URL + " must not have a query"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_SITE + " must not contain \\ or :"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_USERNAME + " is required when "
                                + KEY_AUTH_TYPE + "=basic"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_PASSWORD + " is required when"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_PAGE_SIZE + " must be a whole number from 1 to 1000"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_MAX_CONCURRENT_CALLS + " must be a whole number"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_SEARCH_TIMEZONE + " must be a time zone id"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_LEAD_STAGE_FIELD + " must be a field internal name"))
                        .anySatisfy(p -> assertThat(p).isEqualTo(KEY_CONTACT_FIELDS
                                + " must be comma-separated field internal names; not names: '1bad', 'x-y'"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_SCORING_MODEL_ID + " must be the numeric id"))
                        .anySatisfy(p -> assertThat(p).startsWith(KEY_BULK_SYNC_TIMEOUT_SECONDS
                                + " must be a whole number from 10 to 86400")));
    }

    @Test
    void unknownAuthTypeIsReportedWithoutCredentialNoise() {
        assertThatThrownBy(() -> EloquaSettings.from(Map.of(KEY_AUTH_TYPE, "saml")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .containsExactly(KEY_AUTH_TYPE + " must be basic or oauth2; got 'saml'"));
    }

    @Test
    void oauth2WithARefreshTokenNeedsOnlyTheClient() {
        EloquaSettings s = EloquaSettings.from(oauth2());

        assertThat(s.authType()).isEqualTo(AuthType.OAUTH2);
        assertThat(s.clientId()).isEqualTo("client-1");
        assertThat(s.refreshToken()).contains("refresh-token-value");
        assertThat(s.site()).isNull();
    }

    @Test
    void oauth2WithoutARefreshTokenUsesThePasswordGrantAndNeedsItsCredentials() {
        Map<String, String> values = oauth2();
        values.remove(KEY_REFRESH_TOKEN);
        values.remove(KEY_CLIENT_SECRET);
        values.put(KEY_REDIRECT_URI, "not a url");

        assertThatThrownBy(() -> EloquaSettings.from(values))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        KEY_CLIENT_SECRET + " is required when " + KEY_AUTH_TYPE + "=oauth2: the AppCloud app's client secret",
                        KEY_REDIRECT_URI + " is not a valid URL (Illegal character in path); got 'not a url'",
                        KEY_SITE + " is required when " + KEY_AUTH_TYPE + "=oauth2 without " + KEY_REFRESH_TOKEN
                                + " (password grant): the company name entered at login",
                        KEY_USERNAME + " is required when " + KEY_AUTH_TYPE + "=oauth2 without " + KEY_REFRESH_TOKEN
                                + " (password grant): the integration user",
                        KEY_PASSWORD + " is required when " + KEY_AUTH_TYPE + "=oauth2 without " + KEY_REFRESH_TOKEN
                                + " (password grant): that user's password"));
    }

    @Test
    void aUserNameWithAColonCannotBeSentAsBasic() {
        Map<String, String> values = basic();
        values.put(KEY_USERNAME, "api:user");

        assertThatThrownBy(() -> EloquaSettings.from(values))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .containsExactly(KEY_USERNAME + " must not contain : (HTTP Basic splits user and password there)"));
    }

    @Test
    void toStringMasksSecrets() {
        Map<String, String> values = oauth2();
        values.put(KEY_PASSWORD, "password-value");
        String basicText = EloquaSettings.from(basic()).toString();
        String oauthText = EloquaSettings.from(values).toString();

        assertThat(basicText).contains("site=ExampleCo", "username=api.user", "password=****")
                .doesNotContain("password-value");
        assertThat(oauthText).contains("clientId=client-1", "clientSecret=****", "refreshToken=****")
                .doesNotContain("client-secret-value", "refresh-token-value", "password-value");
    }

    @Test
    void everyKeyIsUnderThePrefixAndSecretsAreKeys() {
        assertThat(KEYS).allSatisfy(k -> assertThat(k).startsWith(PREFIX));
        assertThat(KEYS).containsAll(SECRET_KEYS);
        assertThat(SECRET_KEYS).containsExactlyInAnyOrderElementsOf(List.of(KEY_PASSWORD, KEY_CLIENT_SECRET,
                KEY_REFRESH_TOKEN));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "3|Rating|" + KEY_SCORE_FIELD + " cannot be Rating, the letter-digit rating (e.g. A1) that is read as the grade",
            "3|engagementscore|" + KEY_SCORE_FIELD + " must be spelt EngagementScore (model field names are case-sensitive)",
            "3|Engagement Score|" + KEY_SCORE_FIELD + " must be a field name",
            "|ProfileScore|" + KEY_SCORE_FIELD + " has no effect without " + KEY_SCORING_MODEL_ID + " (the model it is a "
                    + "field of; GET /api/bulk/2.0/contacts/scoring/models lists them): set both, or remove it"})
    void aScoreFieldMistakeIsExplainedWithWhatTheKeyIsAndItsValues(String modelId, String scoreField, String expected) {
        Map<String, String> values = basic();
        if (modelId != null) {
            values.put(KEY_SCORING_MODEL_ID, modelId);
        }
        values.put(KEY_SCORE_FIELD, scoreField);

        assertThatThrownBy(() -> EloquaSettings.from(values))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p).startsWith(expected);
                            if (modelId != null) {
                                assertThat(p).endsWith(": the lead scoring model field whose number becomes the canonical"
                                        + " score (the LEAD->MQL rule reads score >= 50): EngagementScore (the default: how"
                                        + " active the contact is) or ProfileScore (how well it fits); got '" + scoreField + "'");
                            }
                        }));
    }
}
