package io.stagesync.connector.pardot;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Prospect writes: upsert by e-mail through upsertLatestByEmail, update by id through PATCH, per-record failures. */
class PardotProspectUpsertTest extends PardotWireMockTestBase {
    private static final String UPSERT = PROSPECTS + "/do/upsertLatestByEmail";

    @BeforeEach
    void token() {
        stubToken();
    }

    private PardotRecordWriter writer() {
        return new PardotRecordWriter(client);
    }

    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private void stubUpsert(String email, int status, String fixture) {
        wireMock.stubFor(post(urlEqualTo(UPSERT)).withRequestBody(matchingJsonPath("$.matchEmail", equalTo(email)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(fixture(fixture))));
    }

    @Test
    void upsertByEmailCreatesAProspectAndReturnsItsId() {
        stubUpsert("new.prospect@example.com", 201, "upsert-created.json");

        List<WriteResult> results = writer().upsert("prospect", "email", List.of(new UpsertRequest("new.prospect@example.com",
                fields("firstName", "Nia", "lastName", "Prospect", "company", "Example Robotics", "Lifecycle_Stage__c", "MQL"))));

        assertThat(results).containsExactly(WriteResult.ok("new.prospect@example.com", "3001", true));
        wireMock.verify(1, postRequestedFor(urlEqualTo(UPSERT))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {
                          "matchEmail": "new.prospect@example.com",
                          "prospect": {
                            "email": "new.prospect@example.com",
                            "firstName": "Nia",
                            "lastName": "Prospect",
                            "company": "Example Robotics",
                            "Lifecycle_Stage__c": "MQL"
                          },
                          "fields": ["id", "email"]
                        }""")));
        assertEveryApiCallCarries(FIRST_TOKEN);
    }

    @Test
    void upsertByEmailUpdatesTheLatestProspectWithThatEmail() {
        stubUpsert("ada.example@example.com", 200, "upsert-updated.json");
        Map<String, Object> update = fields("Lifecycle_Stage__c", "SQL");
        update.put("company", null);

        List<WriteResult> results = writer().upsert("prospect", "email",
                List.of(new UpsertRequest("ada.example@example.com", update)));

        assertThat(results).containsExactly(WriteResult.ok("ada.example@example.com", "1001", false));
        wireMock.verify(1, postRequestedFor(urlEqualTo(UPSERT)).withRequestBody(equalToJson("""
                {"matchEmail": "ada.example@example.com",
                 "prospect": {"email": "ada.example@example.com", "Lifecycle_Stage__c": "SQL", "company": null},
                 "fields": ["id", "email"]}""")));
    }

    @Test
    void anEmailFieldChangesTheAddressOfTheProspectMatchedByTheKey() {
        stubUpsert("old@example.com", 200, "upsert-updated.json");

        writer().upsert("prospect", "email", List.of(new UpsertRequest("old@example.com", fields("email", "new@example.com"))));

        wireMock.verify(1, postRequestedFor(urlEqualTo(UPSERT)).withRequestBody(equalToJson("""
                {"matchEmail": "old@example.com", "prospect": {"email": "new@example.com"}, "fields": ["id", "email"]}""")));
    }

    @Test
    void aBatchComesBackInOrderWithAValidationErrorAsAFailedResult() {
        stubUpsert("new.prospect@example.com", 201, "upsert-created.json");
        wireMock.stubFor(post(urlEqualTo(UPSERT)).withRequestBody(matchingJsonPath("$.matchEmail", equalTo("not-an-email")))
                .willReturn(pardotError(400, "error-4-invalid-email.json")));
        stubUpsert("ada.example@example.com", 200, "upsert-updated.json");

        List<WriteResult> results = writer().upsert("prospect", "email", List.of(
                new UpsertRequest("new.prospect@example.com", fields("lastName", "Prospect")),
                new UpsertRequest("not-an-email", fields("lastName", "Broken")),
                new UpsertRequest("ada.example@example.com", fields("score", 80))));

        assertThat(results).containsExactly(
                WriteResult.ok("new.prospect@example.com", "3001", true),
                WriteResult.failed("not-an-email", "4", "Invalid prospect email address"),
                WriteResult.ok("ada.example@example.com", "1001", false));
        assertThat(apiRequests()).extracting(r -> r.getBodyAsString().contains("\"matchEmail\":\"not-an-email\""))
                .containsExactly(false, true, false);
    }

    @Test
    void updateByIdPatchesTheProspectAndAsksForItsIdBack() {
        wireMock.stubFor(patch(urlPathEqualTo(PROSPECTS + "/1003")).withQueryParam("fields", equalTo("id,email"))
                .willReturn(okJson(fixture("update-prospect-1003.json"))));

        List<WriteResult> results = writer().upsert("prospect", "id",
                List.of(new UpsertRequest("1003", fields("Lifecycle_Stage__c", "OPPORTUNITY", "score", 150))));

        assertThat(results).containsExactly(WriteResult.ok("1003", "1003", false));
        wireMock.verify(1, patchRequestedFor(urlEqualTo(PROSPECTS + "/1003?fields=id,email"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("{\"Lifecycle_Stage__c\": \"OPPORTUNITY\", \"score\": 150}")));
        assertEveryApiCallCarries(FIRST_TOKEN);
    }

    @Test
    void updatingAProspectThatDoesNotExistFailsThatRecordOnly() {
        wireMock.stubFor(patch(urlPathEqualTo(PROSPECTS + "/404")).willReturn(pardotError(404, "error-192-not-found.json")));
        wireMock.stubFor(patch(urlPathEqualTo(PROSPECTS + "/1003")).willReturn(okJson(fixture("update-prospect-1003.json"))));

        List<WriteResult> results = writer().upsert("prospect", "id", List.of(
                new UpsertRequest("404", fields("score", 1)), new UpsertRequest("1003", fields("score", 2))));

        assertThat(results).containsExactly(
                WriteResult.failed("404", "192", "The requested object does not exist."),
                WriteResult.ok("1003", "1003", false));
    }

    @Test
    void aRetriableErrorIsThrownAndTheRestOfTheBatchIsNotWritten() {
        stubUpsert("new.prospect@example.com", 201, "upsert-created.json");
        wireMock.stubFor(post(urlEqualTo(UPSERT)).withRequestBody(matchingJsonPath("$.matchEmail", equalTo("b@example.com")))
                .willReturn(pardotError(400, "error-66-concurrency-limit.json")));

        assertThatThrownBy(() -> writer().upsert("prospect", "email", List.of(
                new UpsertRequest("new.prospect@example.com", fields()),
                new UpsertRequest("b@example.com", fields()),
                new UpsertRequest("c@example.com", fields()))))
                .isInstanceOf(SystemCallException.class)
                .satisfies(e -> {
                    assertThat(((SystemCallException) e).retriable()).isTrue();
                    assertThat(((SystemCallException) e).vendorCode()).isEqualTo("66");
                });
        assertThat(apiRequests()).hasSize(2);
    }

    @Test
    void anAuthOrBusinessUnitFailureIsAboutTheConfigurationAndIsThrown() {
        wireMock.stubFor(post(urlEqualTo(UPSERT)).willReturn(pardotError(400, "error-201-business-unit.json")));

        assertThatThrownBy(() -> writer().upsert("prospect", "email", List.of(new UpsertRequest("a@example.com", fields()))))
                .isInstanceOf(PardotCallException.class).hasMessageContaining("does not accept the business unit");

        wireMock.resetMappings();
        stubTokenThenRenewed();
        wireMock.stubFor(patch(urlPathEqualTo(PROSPECTS + "/1003")).willReturn(pardotError(401, "error-184-invalid-token.json")));
        assertThatThrownBy(() -> writer().upsert("prospect", "id", List.of(new UpsertRequest("1003", fields("score", 1)))))
                .isInstanceOf(PardotCallException.class).hasMessageContaining("pardot_api");
    }

    @Test
    void anAnswerWithoutAProspectIdIsThrown() {
        wireMock.stubFor(post(urlEqualTo(UPSERT)).willReturn(okJson("{\"email\": \"a@example.com\"}")));

        assertThatThrownBy(() -> writer().upsert("prospect", "email", List.of(new UpsertRequest("a@example.com", fields()))))
                .isInstanceOf(SystemCallException.class).hasMessageContaining("no prospect id");
    }

    @Test
    void anEmptyEmailOrANonNumericIdFailsWithoutACall() {
        assertThat(writer().upsert("prospect", "email", List.of(new UpsertRequest(" ", fields("score", 1)))))
                .containsExactly(WriteResult.failed(" ", "EMPTY_KEY", "the e-mail to match must not be empty"));
        assertThat(writer().upsert("prospect", "id", List.of(new UpsertRequest("12/../do/undelete", fields("score", 1)))))
                .containsExactly(WriteResult.failed("12/../do/undelete", "INVALID_ID",
                        "a Pardot prospect id is 1-19 digits; got '12/../do/undelete'"));
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void anotherObjectOrKeyFieldIsRejected() {
        Map<String, Object> none = new HashMap<>();
        assertThatThrownBy(() -> writer().upsert("lead", "email", List.of(new UpsertRequest("a@example.com", none))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[prospect]");
        assertThatThrownBy(() -> writer().upsert("prospect", "salesforceLeadId", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email (upsert) or id (update)");
    }
}
