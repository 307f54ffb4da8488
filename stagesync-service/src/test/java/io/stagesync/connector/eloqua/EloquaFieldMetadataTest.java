package io.stagesync.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.SystemCallException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contact field internal names ⇄ ids: paged, resolved once, configured fields checked (saas-apis.md §2.3, §2.4). */
class EloquaFieldMetadataTest extends EloquaWireMockTestBase {
    private final Map<String, String> extra = new HashMap<>();

    @Override
    Map<String, String> settingsValues() {
        Map<String, String> values = super.settingsValues();
        values.putAll(extra);
        return values;
    }

    private void reconfigure(String key, String value) {
        extra.put(key, value);
        client.close();
        client = newClient(io.stagesync.connector.CallPolicy.direct());
    }

    private void stubThreePagesOfTwo() {
        for (int page = 1; page <= 3; page++) {
            pod.stubFor(get(urlPathEqualTo(FIELDS)).withQueryParam("page", equalTo(Integer.toString(page)))
                    .willReturn(okJson(fixture("contact-fields-page" + page + ".json"))));
        }
    }

    @Test
    void pagesThroughTheFieldsOnceAndAnswersFromTheCache() {
        stubDiscovery();
        stubThreePagesOfTwo();
        EloquaFieldMetadata metadata = new EloquaFieldMetadata(client, 2);

        metadata.verify();
        assertThat(metadata.byInternalName("C_Lead_Stage1")).get().extracting(EloquaFieldMetadata.ContactField::id)
                .isEqualTo("100201");
        assertThat(metadata.byId("100202")).get().extracting(EloquaFieldMetadata.ContactField::internalName)
                .isEqualTo("C_Company_Size1");
        assertThat(metadata.byInternalName("C_DateModified")).get().satisfies(f -> {
            assertThat(f.readOnly()).isTrue();
            assertThat(f.dataType()).isEqualTo("date");
            assertThat(f.name()).isEqualTo("Date Modified");
        });
        assertThat(metadata.byInternalName("c_lead_stage1")).isEmpty();
        assertThat(metadata.byId("999")).isEmpty();
        assertThat(metadata.fields().keySet()).containsExactly("C_EmailAddress", "C_FirstName", "C_DateModified",
                "C_Lead_Stage1", "C_Company_Size1");
        metadata.verify();

        for (int page = 1; page <= 3; page++) {
            pod.verify(1, getRequestedFor(urlPathEqualTo(FIELDS))
                    .withQueryParam("depth", equalTo("complete"))
                    .withQueryParam("count", equalTo("2"))
                    .withQueryParam("page", equalTo(Integer.toString(page)))
                    .withHeader("Authorization", equalTo(BASIC)));
        }
        assertThat(pod.getAllServeEvents()).hasSize(3);
    }

    @Test
    void theDefaultPageSizeReadsEverythingInOneRequest() {
        stubDiscovery();
        stubContactFields();

        new EloquaFieldMetadata(client).verify();

        pod.verify(1, getRequestedFor(urlEqualTo(FIELDS + "?depth=complete&count=1000&page=1")));
    }

    @Test
    void aConfiguredFieldEloquaDoesNotHaveIsAPermanentErrorNamingFieldAndKey() {
        reconfigure(EloquaSettings.KEY_LEAD_STAGE_FIELD, "C_Lead_Stage_Typo");
        reconfigure(EloquaSettings.KEY_CONTACT_FIELDS, "C_Company_Size1, C_Industry1");
        stubDiscovery();
        stubContactFields();
        EloquaFieldMetadata metadata = new EloquaFieldMetadata(client);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(metadata::verify).isInstanceOfSatisfying(SystemCallException.class, e -> {
                assertThat(e.retriable()).isFalse();
                assertThat(e.vendorCode()).isEqualTo("UNKNOWN_FIELD");
                assertThat(e.getMessage()).isEqualTo("eloqua contact fields failed UNKNOWN_FIELD: contact field"
                        + " C_Lead_Stage_Typo (stagesync.eloqua.lead-stage-field) does not exist in Eloqua; contact field"
                        + " C_Industry1 (stagesync.eloqua.contact-fields) does not exist in Eloqua. Check the internal"
                        + " name under Settings > Fields & Views > Contact Fields");
            });
        }
        assertThatThrownBy(() -> metadata.byInternalName("C_EmailAddress")).isInstanceOf(SystemCallException.class);
        pod.verify(1, getRequestedFor(urlPathEqualTo(FIELDS)));
    }

    @Test
    void aFieldNamedInTheWrongCaseGetsAHint() {
        reconfigure(EloquaSettings.KEY_CONTACT_FIELDS, "c_company_size1");
        stubDiscovery();
        stubContactFields();

        assertThatThrownBy(() -> new EloquaFieldMetadata(client).verify())
                .hasMessageContaining("contact field c_company_size1 (stagesync.eloqua.contact-fields) does not exist"
                        + " in Eloqua (internal names are case-sensitive; Eloqua has C_Company_Size1)");
    }

    @Test
    void aFailedListingIsRetriableAndAskedAgainNextTime() {
        stubDiscovery();
        pod.stubFor(get(urlPathEqualTo(FIELDS)).inScenario("fields").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        pod.stubFor(get(urlPathEqualTo(FIELDS)).inScenario("fields").whenScenarioStateIs("up")
                .willReturn(okJson(fixture("contact-fields-all.json"))));
        EloquaFieldMetadata metadata = new EloquaFieldMetadata(client);

        assertThatThrownBy(metadata::verify).isInstanceOfSatisfying(SystemCallException.class,
                e -> assertThat(e.retriable()).isTrue());
        metadata.verify();

        assertThat(metadata.byInternalName("C_Lead_Stage1")).isPresent();
        pod.verify(2, getRequestedFor(urlPathEqualTo(FIELDS)));
    }
}
