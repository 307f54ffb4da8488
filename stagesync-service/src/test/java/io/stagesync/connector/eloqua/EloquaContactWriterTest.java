package io.stagesync.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contact writes by email (search, then PUT or POST) and by id, fields split into properties and fieldValues (saas-apis.md §2.3). */
class EloquaContactWriterTest extends EloquaWireMockTestBase {
    private static final String CONTACT_1007 = CONTACT + "/1007";
    /** The PUT body for contact 1007: its current profile properties, then the change; no subscription state. */
    private static final String UPDATE_1007 = "{\"type\": \"Contact\", \"id\": \"1007\", \"emailAddress\": \"jane.roe@example.com\","
            + " \"firstName\": \"Jane\", \"lastName\": \"Roe\", \"accountName\": \"Example Co\", \"title\": \"CEO\","
            + " \"address1\": \"1 Example Way\", \"city\": \"Springfield\", \"country\": \"United States\","
            + " \"businessPhone\": \"+1 555 0100\", \"salesPerson\": \"Sam Seller\","
            + " \"fieldValues\": [{\"type\": \"FieldValue\", \"id\": \"100201\", \"value\": \"SQL\"}]}";

    private EloquaRecordWriter writer;

    @BeforeEach
    void writerWithMetadata() {
        stubDiscovery();
        stubContactFields();
        writer = new EloquaRecordWriter(client, new EloquaFieldMetadata(client));
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static RequestPatternBuilder searchFor(String email) {
        return getRequestedFor(urlPathEqualTo(CONTACTS))
                .withQueryParam("search", equalTo("emailAddress='" + email + "'"))
                .withQueryParam("depth", equalTo("complete"))
                .withQueryParam("count", equalTo("2"))
                .withQueryParam("page", equalTo("1"))
                .withHeader("Authorization", equalTo(BASIC));
    }

    private void stubSearch(String email, String fixture) {
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).withQueryParam("search", equalTo("emailAddress='" + email + "'"))
                .willReturn(okJson(fixture(fixture))));
    }

    private void stubCreate() {
        pod.stubFor(post(urlEqualTo(CONTACT)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("contact-created.json"))));
    }

    @Test
    void createsTheContactWhenNoneHasTheEmailWithFieldValuesById() {
        stubSearch("new.person@example.com", "contact-search-none.json");
        stubCreate();

        List<WriteResult> results = writer.upsert("contact", "emailAddress", List.of(new UpsertRequest("new.person@example.com",
                fields("firstName", "New", "C_Lead_Stage1", "MQL", "C_Company_Size1", 250))));

        assertThat(results).containsExactly(WriteResult.ok("new.person@example.com", "1101", true));
        pod.verify(1, searchFor("new.person@example.com"));
        pod.verify(1, postRequestedFor(urlEqualTo(CONTACT)).withHeader("Authorization", equalTo(BASIC))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"type\": \"Contact\", \"emailAddress\": \"new.person@example.com\","
                        + " \"firstName\": \"New\", \"fieldValues\": ["
                        + "{\"type\": \"FieldValue\", \"id\": \"100201\", \"value\": \"MQL\"},"
                        + "{\"type\": \"FieldValue\", \"id\": \"100202\", \"value\": \"250\"}]}")));
        pod.verify(0, putRequestedFor(urlPathMatching(CONTACT + "/.*")));
    }

    @Test
    void updatesTheContactWithTheEmailIgnoringCaseAndKeepsItsProfileProperties() {
        stubSearch("Jane.Roe@Example.com", "contact-search-one.json");
        pod.stubFor(put(urlEqualTo(CONTACT_1007)).willReturn(okJson(fixture("contact-1007.json"))));

        List<WriteResult> results = writer.upsert("contact", "emailAddress", List.of(new UpsertRequest("Jane.Roe@Example.com",
                fields("C_Lead_Stage1", "SQL", "title", "CEO"))));

        assertThat(results).containsExactly(WriteResult.ok("Jane.Roe@Example.com", "1007", false));
        pod.verify(1, putRequestedFor(urlEqualTo(CONTACT_1007)).withHeader("Authorization", equalTo(BASIC))
                .withRequestBody(equalToJson(UPDATE_1007)));
        pod.verify(0, postRequestedFor(urlEqualTo(CONTACT)));
    }

    @Test
    void updatesByIdAfterReadingTheContact() {
        pod.stubFor(get(urlEqualTo(CONTACT_1007 + "?depth=complete")).willReturn(okJson(fixture("contact-1007.json"))));
        pod.stubFor(put(urlEqualTo(CONTACT_1007)).willReturn(okJson(fixture("contact-1007.json"))));

        List<WriteResult> results = writer.upsert("contact", "id", List.of(new UpsertRequest("1007",
                fields("C_Lead_Stage1", "SQL", "title", "CEO"))));

        assertThat(results).containsExactly(WriteResult.ok("1007", "1007", false));
        pod.verify(1, getRequestedFor(urlEqualTo(CONTACT_1007 + "?depth=complete")));
        pod.verify(1, putRequestedFor(urlEqualTo(CONTACT_1007)).withRequestBody(equalToJson(UPDATE_1007)));
        pod.verify(0, getRequestedFor(urlPathEqualTo(CONTACTS)));
    }

    @Test
    void aValidationErrorFailsThatRecordOnlyAndResultsKeepRequestOrder() {
        stubSearch("new.person@example.com", "contact-search-none.json");
        stubCreate();
        stubSearch("jane.roe@example.com", "contact-search-one.json");
        pod.stubFor(put(urlEqualTo(CONTACT_1007)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(fixture("error-400-validation.json"))));

        List<WriteResult> results = writer.upsert("contact", "emailAddress", List.of(
                new UpsertRequest("new.person@example.com", fields("C_Lead_Stage1", "MQL")),
                new UpsertRequest("jane.roe@example.com", fields("emailAddress", "not-an-email")),
                new UpsertRequest("new.person@example.com", fields("C_Lead_Stage1", "MQL"))));

        assertThat(results).extracting(WriteResult::key).containsExactly("new.person@example.com", "jane.roe@example.com",
                "new.person@example.com");
        assertThat(results.get(0)).isEqualTo(WriteResult.ok("new.person@example.com", "1101", true));
        assertThat(results.get(1)).isEqualTo(WriteResult.failed("jane.roe@example.com", "EmailAddressRequirement",
                "emailAddress: EmailAddressRequirement; lastName: ValidTextLengthRequirement"));
        assertThat(results.get(2)).isEqualTo(WriteResult.ok("new.person@example.com", "1101", true));
        pod.verify(2, searchFor("new.person@example.com"));
        pod.verify(1, putRequestedFor(urlEqualTo(CONTACT_1007)));
    }

    @Test
    void aRetriableFailureIsThrownAndLeavesTheRestUnwritten() {
        stubSearch("new.person@example.com", "contact-search-none.json");
        stubCreate();
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).withQueryParam("search", equalTo("emailAddress='jane.roe@example.com'"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        assertThatThrownBy(() -> writer.upsert("contact", "emailAddress", List.of(
                new UpsertRequest("new.person@example.com", fields("C_Lead_Stage1", "MQL")),
                new UpsertRequest("jane.roe@example.com", fields("C_Lead_Stage1", "SQL")),
                new UpsertRequest("third@example.com", fields("C_Lead_Stage1", "SQL")))))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.operation()).isEqualTo("search contact");
                });
        pod.verify(0, searchFor("third@example.com"));
    }

    @Test
    void fieldsTheConnectorCannotWriteFailTheirRecordBeforeAnyCall() {
        List<WriteResult> results = writer.upsert("contact", "emailAddress", List.of(
                new UpsertRequest("a@example.com", fields("C_Lead_Stage_Typo", "MQL")),
                new UpsertRequest("b@example.com", fields("updatedAt", "1714557600")),
                new UpsertRequest("c@example.com", fields("C_DateModified", "1714557600")),
                new UpsertRequest("d@example.com", fields("C_Lead_Stage1", List.of("MQL", "SQL")))));

        assertThat(results).extracting(WriteResult::errorCode)
                .containsExactly("UNKNOWN_FIELD", "READ_ONLY_FIELD", "READ_ONLY_FIELD", "UNSUPPORTED_VALUE");
        assertThat(results.get(0).message()).contains("C_Lead_Stage_Typo does not exist in Eloqua");
        pod.verify(0, getRequestedFor(urlPathEqualTo(CONTACTS)));
        pod.verify(0, postRequestedFor(urlEqualTo(CONTACT)));
    }

    @Test
    void anEmailThatCouldBreakOutOfTheSearchGoesInOnlyAsAPatternThatStaysInsideTheQuotes() {
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).willReturn(okJson(fixture("contact-search-none.json"))));
        stubCreate();

        List<WriteResult> results = writer.upsert("contact", "emailAddress", List.of(
                new UpsertRequest("x'emailAddress!='", fields()),
                new UpsertRequest(" ", fields())));

        assertThat(results).extracting(WriteResult::errorCode).containsExactly(null, "EMPTY_KEY");
        assertThat(pod.findAll(getRequestedFor(urlPathEqualTo(CONTACTS)))).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("search").firstValue())
                        .isEqualTo("emailAddress='x*emailAddress!=*'"));
    }

    @Test
    void aSearchHitWithAnotherAddressIsNotTakenForTheContact() {
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).willReturn(okJson(fixture("contact-search-one.json"))));
        stubCreate();

        List<WriteResult> results = writer.upsert("contact", "emailAddress",
                List.of(new UpsertRequest("jane@example.com", fields("firstName", "Jane"))));

        assertThat(results).containsExactly(WriteResult.ok("jane@example.com", "1101", true));
        pod.verify(0, putRequestedFor(urlEqualTo(CONTACT_1007)));
    }

    @Test
    void twoContactsWithTheAddressAreReportedNotGuessed() {
        String contact = fixture("contact-1007.json");
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).willReturn(okJson("{\"elements\": [" + contact + ", "
                + contact.replace("\"id\": \"1007\"", "\"id\": \"1008\"") + "], \"page\": 1, \"pageSize\": 2, \"total\": 2}")));

        List<WriteResult> results = writer.upsert("contact", "emailAddress",
                List.of(new UpsertRequest("jane.roe@example.com", fields("C_Lead_Stage1", "SQL"))));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.errorCode()).isEqualTo("DUPLICATE_CONTACT");
            assertThat(r.message()).contains("1007", "1008");
        });
        pod.verify(0, putRequestedFor(urlPathMatching(CONTACT + "/.*")));
    }

    @Test
    void anUnknownIdFailsThatRecordWithTheStatus() {
        pod.stubFor(get(urlEqualTo(CONTACT + "/999?depth=complete")).willReturn(aResponse().withStatus(404)));

        List<WriteResult> results = writer.upsert("contact", "id", List.of(new UpsertRequest("999", fields("title", "x")),
                new UpsertRequest("12ab", fields("title", "x"))));

        assertThat(results).extracting(WriteResult::errorCode).containsExactly("HTTP_404", "INVALID_ID");
        pod.verify(0, putRequestedFor(urlPathMatching(CONTACT + "/.*")));
    }

    @Test
    void nullClearsAndInstantsAndBooleansAreWrittenAsEloquaTakesThem() {
        stubSearch("new.person@example.com", "contact-search-none.json");
        stubCreate();
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("C_Lead_Stage1", null);
        ordered.put("C_Company_Size1", Instant.ofEpochSecond(1_714_557_600L));
        ordered.put("isSubscribed", false);

        writer.upsert("contact", "emailAddress", List.of(new UpsertRequest("new.person@example.com", ordered)));

        pod.verify(postRequestedFor(urlEqualTo(CONTACT)).withRequestBody(equalToJson("{\"type\": \"Contact\","
                + " \"emailAddress\": \"new.person@example.com\", \"isSubscribed\": \"false\", \"fieldValues\": ["
                + "{\"type\": \"FieldValue\", \"id\": \"100201\", \"value\": \"\"},"
                + "{\"type\": \"FieldValue\", \"id\": \"100202\", \"value\": \"1714557600\"}]}")));
    }

    @Test
    void anotherObjectTypeOrKeyFieldIsRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> writer.upsert("account", "emailAddress", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contact");
        assertThatThrownBy(() -> writer.upsert("contact", "C_EmailAddress", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("emailAddress or id");
        assertThat(pod.getAllServeEvents()).isEmpty();
    }

    @Test
    void searchTermsAreQuotedAndHostileValuesRefused() {
        assertThat(EloquaSearch.equalTo("emailAddress", "jane@example.com")).isEqualTo("emailAddress='jane@example.com'");
        assertThat(EloquaSearch.atOrAfter("updatedAt", Instant.parse("2024-05-01T10:00:00.999Z"), java.time.ZoneOffset.UTC))
                .isEqualTo("updatedAt>='2024-05-01 10:00:00'");
        for (String hostile : List.of("a'b", "a\"b", "a\\b", "a*", "a\nb", "a\u0000b")) {
            assertThatThrownBy(() -> EloquaSearch.literal(hostile)).as(hostile).isInstanceOf(IllegalArgumentException.class);
            assertThat(EloquaSearch.lookUp("emailAddress", hostile)).as(hostile)
                    .isEqualTo(new EloquaSearch.Lookup("emailAddress='a*" + (hostile.equals("a*") ? "" : "b") + "'", false));
        }
        assertThat(EloquaSearch.lookUp("emailAddress", "a b@example.com"))
                .isEqualTo(new EloquaSearch.Lookup("emailAddress='a b@example.com'", true));
        assertThatThrownBy(() -> EloquaSearch.equalTo("emailAddress='x'", "y")).isInstanceOf(IllegalArgumentException.class);
        assertThat(UrlQuery.of("search", "emailAddress='a+b@example.com'", "page", 1, "skip", null))
                .isEqualTo("search=emailAddress%3D%27a%2Bb%40example.com%27&page=1");
    }
}
