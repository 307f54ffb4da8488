package io.stagesync.connector.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Incremental reads over SuiteQL by (lastmodifieddate, id) position. */
class NetSuiteChangeReaderTest extends NetSuiteWireMockTestBase {
    private static final String SUITEQL = "/services/rest/query/v1/suiteql";
    private static final String CUSTOMER_SELECT = "SELECT id, entityid, companyname, email, phone, url, entitystatus, externalid,"
            + " TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS modstamp FROM customer";
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    /** A data set with ties on the modstamp, ids not in time order, and a tie group wider than most pages. */
    private final FakeSuiteQlChanges fake = new FakeSuiteQlChanges(List.of(
            new FakeSuiteQlChanges.Row(57, "2024-05-01 10:00:00"),
            new FakeSuiteQlChanges.Row(3, "2024-05-01 10:00:00"),
            new FakeSuiteQlChanges.Row(61, "2024-05-01 10:00:05"),
            new FakeSuiteQlChanges.Row(62, "2024-05-01 10:00:05"),
            new FakeSuiteQlChanges.Row(9, "2024-05-01 10:00:05"),
            new FakeSuiteQlChanges.Row(100, "2024-05-01 10:00:05"),
            new FakeSuiteQlChanges.Row(1000, "2024-05-01 10:00:05"),
            new FakeSuiteQlChanges.Row(12, "2024-05-01 10:00:09"),
            new FakeSuiteQlChanges.Row(11, "2024-05-02 00:00:00"),
            new FakeSuiteQlChanges.Row(99, "2024-05-02 00:00:00"),
            new FakeSuiteQlChanges.Row(2, "2024-12-31 23:59:59"),
            new FakeSuiteQlChanges.Row(5, "2025-01-01 00:00:00"),
            new FakeSuiteQlChanges.Row(4, "2025-01-01 00:00:00")));

    @Override
    WireMockConfiguration wireMockOptions() {
        return super.wireMockOptions().extensions(fake);
    }

    private NetSuiteChangeReader reader() {
        return new NetSuiteChangeReader(client);
    }

    private static String queryJson(String q) {
        return "{\"q\": \"" + q + "\"}";
    }

    @Test
    void readsAfterASavedPositionAcrossAPageBoundaryInsideATieWithExactQueries() {
        String afterSaved = CUSTOMER_SELECT + " WHERE (lastmodifieddate > TO_TIMESTAMP('2024-05-01 10:00:00', 'YYYY-MM-DD HH24:MI:SS')"
                + " OR (lastmodifieddate = TO_TIMESTAMP('2024-05-01 10:00:00', 'YYYY-MM-DD HH24:MI:SS') AND id > 42))"
                + " ORDER BY lastmodifieddate, id";
        String afterPage1 = CUSTOMER_SELECT + " WHERE (lastmodifieddate > TO_TIMESTAMP('2024-05-01 10:00:05', 'YYYY-MM-DD HH24:MI:SS')"
                + " OR (lastmodifieddate = TO_TIMESTAMP('2024-05-01 10:00:05', 'YYYY-MM-DD HH24:MI:SS') AND id > 61))"
                + " ORDER BY lastmodifieddate, id";
        wireMock.stubFor(post(urlEqualTo(SUITEQL + "?limit=2&offset=0")).withRequestBody(equalToJson(queryJson(afterSaved)))
                .willReturn(okJson(fixture("suiteql-customer-changes-page1.json"))));
        wireMock.stubFor(post(urlEqualTo(SUITEQL + "?limit=2&offset=0")).withRequestBody(equalToJson(queryJson(afterPage1)))
                .willReturn(okJson(fixture("suiteql-customer-changes-page2.json"))));
        List<List<SystemRecord>> pages = new ArrayList<>();
        List<ChangePosition> ends = new ArrayList<>();

        reader().readChanges("customer", new ChangePosition(T0, NetSuiteChangeReader.cursor("42")), 2, (page, end) -> {
            pages.add(page);
            ends.add(end);
            return true;
        });

        assertThat(pages).extracting(p -> p.stream().map(SystemRecord::id).toList())
                .containsExactly(List.of("57", "61"), List.of("62", "12"));
        assertThat(ends).containsExactly(
                new ChangePosition(Instant.parse("2024-05-01T10:00:05Z"), "00000000000000000061"),
                new ChangePosition(Instant.parse("2024-05-01T10:00:09Z"), "00000000000000000012"));
        SystemRecord first = pages.get(0).get(0);
        assertThat(first.system()).isEqualTo("netsuite");
        assertThat(first.objectType()).isEqualTo("customer");
        assertThat(first.modstamp()).isEqualTo(T0);
        assertThat(first.fields().keySet()).containsExactly("id", "entityid", "companyname", "email", "phone", "url",
                "entitystatus", "externalid");
        assertThat(first.fields()).containsEntry("externalid", "SF-001").containsEntry("entitystatus", "13");
        wireMock.verify(2, postRequestedFor(urlEqualTo(SUITEQL + "?limit=2&offset=0"))
                .withHeader("Prefer", equalTo("transient"))
                .withHeader("Authorization", equalTo(expectedTba("POST", SUITEQL, "limit=2&" + OAUTH_PARAMS + "&offset=0"))));
    }

    @ParameterizedTest(name = "page size {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 13, 1000})
    void oneContinuousReadDeliversEveryRowOnceInOrder(int pageSize) {
        wireMock.stubFor(post(urlPathEqualTo(SUITEQL)).willReturn(aResponse().withTransformers(FakeSuiteQlChanges.NAME)));
        List<Long> ids = new ArrayList<>();

        reader().readChanges("customer", null, pageSize, (page, end) -> {
            page.forEach(r -> ids.add(Long.parseLong(r.id())));
            assertThat(end.cursor()).isEqualTo(NetSuiteChangeReader.cursor(page.get(page.size() - 1).id()));
            return true;
        });

        assertThat(ids).containsExactlyElementsOf(fake.ordered().stream().map(FakeSuiteQlChanges.Row::id).toList());
    }

    @ParameterizedTest(name = "page size {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void stoppingAfterEveryPageAndResumingFromTheSavedPositionNeitherSkipsNorRepeats(int pageSize) {
        wireMock.stubFor(post(urlPathEqualTo(SUITEQL)).willReturn(aResponse().withTransformers(FakeSuiteQlChanges.NAME)));
        List<Long> ids = new ArrayList<>();
        ChangePosition[] saved = {null};
        int reads = 0;
        boolean[] delivered = {true};
        while (delivered[0]) {
            delivered[0] = false;
            reader().readChanges("customer", saved[0], pageSize, (page, end) -> {
                page.forEach(r -> ids.add(Long.parseLong(r.id())));
                saved[0] = end;
                delivered[0] = true;
                return false;
            });
            reads++;
            assertThat(reads).isLessThanOrEqualTo(fake.ordered().size() + 1);
        }

        assertThat(ids).containsExactlyElementsOf(fake.ordered().stream().map(FakeSuiteQlChanges.Row::id).toList());
        assertThat(saved[0]).isEqualTo(new ChangePosition(Instant.parse("2025-01-01T00:00:00Z"), "00000000000000000005"));
    }

    @Test
    void nothingChangedDeliversNoPage() {
        wireMock.stubFor(post(urlPathEqualTo(SUITEQL)).willReturn(aResponse().withTransformers(FakeSuiteQlChanges.NAME)));

        reader().readChanges("customer", new ChangePosition(Instant.parse("2025-01-01T00:00:00Z"), NetSuiteChangeReader.cursor("5")),
                10, (page, end) -> {
                    throw new AssertionError("no page expected, got " + page);
                });

        wireMock.verify(1, postRequestedFor(urlPathEqualTo(SUITEQL)));
    }

    @Test
    void opportunitiesComeFromTransactionsAndModstampsAreReadInTheConfiguredZone() {
        String query = "SELECT id, title, projectedtotal, expectedclosedate, entitystatus, entity, externalid,"
                + " TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS modstamp FROM transaction"
                + " WHERE type = 'Opprtnty' AND (lastmodifieddate > TO_TIMESTAMP('2024-05-01 02:59:59', 'YYYY-MM-DD HH24:MI:SS')"
                + " OR (lastmodifieddate = TO_TIMESTAMP('2024-05-01 02:59:59', 'YYYY-MM-DD HH24:MI:SS') AND id > 0))"
                + " ORDER BY lastmodifieddate, id";
        wireMock.stubFor(post(urlEqualTo(SUITEQL + "?limit=1000&offset=0")).withRequestBody(equalToJson(queryJson(query)))
                .willReturn(okJson(fixture("suiteql-opportunity-changes.json"))));
        List<SystemRecord> records = new ArrayList<>();
        NetSuiteChangeReader pacific = new NetSuiteChangeReader(client, ZoneId.of("America/Los_Angeles"));

        // 09:59:59Z is 02:59:59 in Los Angeles (PDT, UTC-7); pageSize above 1000 asks for 1000
        pacific.readChanges("opportunity", new ChangePosition(Instant.parse("2024-05-01T09:59:59Z"),
                NetSuiteChangeReader.cursor("0")), 5000, (page, end) -> records.addAll(page));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("9001");
            assertThat(r.objectType()).isEqualTo("opportunity");
            assertThat(r.modstamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
            assertThat(r.fields()).containsEntry("projectedtotal", new java.math.BigDecimal("24000.5"))
                    .containsEntry("entity", "647").doesNotContainKey("modstamp").doesNotContainKey("links");
        });
    }

    @Test
    void contactQueryFromTheBeginningHasNoPositionFilter() {
        assertThat(reader().query("contact", null)).isEqualTo("SELECT id, firstname, lastname, email, phone, company, externalid,"
                + " TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS modstamp FROM contact ORDER BY lastmodifieddate, id");
        assertThat(NetSuiteChangeReader.objectTypes()).containsExactlyInAnyOrder("customer", "contact", "opportunity");
    }

    @Test
    void extraColumnsSuchAsACustomEntityFieldAreSelectedAfterTheFixedOnesInLowerCase() {
        NetSuiteChangeReader reader = new NetSuiteChangeReader(client, java.time.ZoneOffset.UTC,
                Map.of("contact", List.of("firstName", "custentity_StageSync_Stage", "custentity_stagesync_stage")));

        assertThat(reader.query("contact", null)).isEqualTo("SELECT id, firstname, lastname, email, phone, company,"
                + " externalid, custentity_stagesync_stage, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS modstamp"
                + " FROM contact ORDER BY lastmodifieddate, id");
        assertThat(reader.query("customer", null)).as("other objects keep their columns")
                .startsWith("SELECT id, entityid, companyname, email, phone, url, entitystatus, externalid, TO_CHAR(");
    }

    @Test
    void anExtraColumnThatIsNotAColumnNameIsRefusedUpFront() {
        assertThatThrownBy(() -> new NetSuiteChangeReader(client, java.time.ZoneOffset.UTC,
                Map.of("contact", List.of("id FROM employee --")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a SuiteQL column name for NetSuite contact");
        assertThatThrownBy(() -> new NetSuiteChangeReader(client, java.time.ZoneOffset.UTC,
                Map.of("employee", List.of("email")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cursorsAreZeroPaddedSoTheySortLikeIds() {
        assertThat(NetSuiteChangeReader.cursor("42")).isEqualTo("00000000000000000042");
        assertThat(NetSuiteChangeReader.cursor("0")).isEqualTo("00000000000000000000");
        assertThat(NetSuiteChangeReader.cursor("99999999999999999999")).isEqualTo("99999999999999999999");
        assertThat(NetSuiteChangeReader.idOf("00000000000000000042")).isEqualTo("42");
        assertThat(NetSuiteChangeReader.idOf("00000000000000000000")).isEqualTo("0");
        assertThat(NetSuiteChangeReader.cursor("9")).isLessThan(NetSuiteChangeReader.cursor("10"));
        assertThatThrownBy(() -> NetSuiteChangeReader.cursor("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetSuiteChangeReader.idOf("42")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCursorCarryingSuiteQlIsRejectedBeforeAnyCall() {
        ChangePosition tampered = new ChangePosition(T0, "1 OR 1=1) UNION SELECT id");

        assertThatThrownBy(() -> reader().readChanges("customer", tampered, 10, (p, e) -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 digits");
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void aRowWithANonNumericIdIsRefused() {
        wireMock.stubFor(post(urlPathEqualTo(SUITEQL)).willReturn(okJson("{\"links\": [], \"count\": 1, \"hasMore\": false,"
                + " \"items\": [{\"links\": [], \"id\": \"1) OR (1=1\", \"modstamp\": \"2024-05-01 10:00:00\"}],"
                + " \"offset\": 0, \"totalResults\": 1}")));

        assertThatThrownBy(() -> reader().readChanges("customer", null, 10, (p, e) -> true))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains("no numeric id");
                });
    }

    @Test
    void failuresNameTheObjectTypeInTheOperation() {
        wireMock.stubFor(post(urlPathEqualTo(SUITEQL)).willReturn(aResponse().withStatus(429)
                .withBody(fixture("error-429-concurrency-limit.json"))));

        assertThatThrownBy(() -> reader().readChanges("contact", null, 10, (p, e) -> true))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.operation()).isEqualTo("suiteql contact");
                    assertThat(e.retriable()).isTrue();
                });
    }

    @Test
    void unknownObjectTypesAndBadPageSizesAreRejected() {
        assertThatThrownBy(() -> reader().readChanges("employee", null, 10, (p, e) -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[contact, customer, opportunity]");
        assertThatThrownBy(() -> reader().readChanges("customer", null, 0, (p, e) -> true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void stringValuesAreEscapedForSuiteQl() {
        String hostile = "x' OR '1'='1'; --";

        assertThat(SuiteQl.string(hostile)).isEqualTo("'x'' OR ''1''=''1''; --'");
        assertThat(SuiteQl.string("O'Brien \\' ")).isEqualTo("'O''Brien \\'' '");
        assertThatThrownBy(() -> SuiteQl.string("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SuiteQl.integer("1 OR 1=1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SuiteQl.integer("647")).isEqualTo("647");
    }

    @Test
    void anEscapedValueTravelsAsOneLiteralInTheRequestBody() {
        wireMock.stubFor(post(urlPathEqualTo(SUITEQL)).willReturn(okJson(fixture("suiteql-customer-page3.json"))));
        String query = "SELECT id FROM customer WHERE email = " + SuiteQl.string("a@b.example' OR 1=1 --");

        client.suiteQl(query, 10, 0);

        wireMock.verify(postRequestedFor(urlPathEqualTo(SUITEQL)).withRequestBody(equalToJson(
                "{\"q\": \"SELECT id FROM customer WHERE email = 'a@b.example'' OR 1=1 --'\"}")));
    }

    @Test
    void aPageThatDoesNotAdvanceStopsTheReadInsteadOfLooping() {
        wireMock.stubFor(post(urlPathEqualTo(SUITEQL)).willReturn(okJson("{\"links\": [], \"count\": 1, \"hasMore\": true,"
                + " \"items\": [{\"links\": [], \"id\": \"7\", \"modstamp\": \"2024-05-01 10:00:00\"}],"
                + " \"offset\": 0, \"totalResults\": 2}")));
        List<Object> pages = new ArrayList<>();

        assertThatThrownBy(() -> reader().readChanges("customer", null, 1, (p, e) -> pages.add(p)))
                .isInstanceOfSatisfying(SystemCallException.class, e -> assertThat(e.getMessage()).contains("did not advance"));
        assertThat(pages).hasSize(1);
        wireMock.verify(2, postRequestedFor(urlPathEqualTo(SUITEQL)));
    }

    @Test
    void recordFieldsAreImmutable() {
        wireMock.stubFor(post(urlPathEqualTo(SUITEQL)).willReturn(aResponse().withTransformers(FakeSuiteQlChanges.NAME)));
        List<SystemRecord> records = new ArrayList<>();
        reader().readChanges("customer", null, 1, (page, end) -> records.addAll(page) && false);

        assertThatThrownBy(() -> records.get(0).fields().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
