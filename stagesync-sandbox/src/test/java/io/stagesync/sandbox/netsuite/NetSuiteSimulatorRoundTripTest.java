package io.stagesync.sandbox.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import io.stagesync.connector.netsuite.NetSuiteChangeReader;
import io.stagesync.connector.netsuite.NetSuiteClient;
import io.stagesync.connector.netsuite.NetSuiteRecordWriter;
import io.stagesync.sandbox.SimulatedConnectors;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real NetSuite connector (camel-http with TBA, NetSuiteChangeReader, NetSuiteRecordWriter) against the
 * NetSuite simulator: SuiteQL position paging over what the simulator holds, eid upserts, PATCH by internal id,
 * sales orders, and authentication that really checks the realm and the signature.
 */
class NetSuiteSimulatorRoundTripTest {
    /** A clock that never moves: every change lands in the same second unless the simulator moves it on. */
    private static final Clock FROZEN = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    private final NetSuiteSimulator netsuite = new NetSuiteSimulator(FROZEN, NetSuiteSimulator.DEFAULT_ACCOUNT_ID,
            ZoneOffset.UTC).start();
    private final SimulatedConnectors connectors = new SimulatedConnectors();
    private NetSuiteChangeReader reader;
    private NetSuiteRecordWriter writer;

    @BeforeEach
    void connect() {
        NetSuiteClient client = connectors.netsuite(netsuite.properties(), netsuite.env());
        reader = new NetSuiteChangeReader(client);
        writer = new NetSuiteRecordWriter(client);
    }

    @AfterEach
    void close() {
        connectors.close();
        netsuite.close();
    }

    private record Page(List<SystemRecord> records, ChangePosition end) {
    }

    private List<Page> read(String type, ChangePosition after) {
        List<Page> pages = new ArrayList<>();
        reader.readChanges(type, after, NetSuiteSimulator.PAGE_SIZE, (records, end) -> pages.add(new Page(records, end)));
        return pages;
    }

    private List<String> seedCustomers(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(netsuite.create("customer", Map.of("companyName", "Example " + i + " Ltd",
                    "email", "ap" + i + "@example.com", "entityStatus", "13")));
        }
        return ids;
    }

    @Test
    void twoHundredFiftyCustomersCreatedInOneSecondAreReadInThreePagesOnceEach() {
        List<String> ids = seedCustomers(250);
        long before = netsuite.requestCount();

        List<Page> pages = read("customer", null);

        assertThat(pages).extracting(p -> p.records().size()).containsExactly(100, 100, 50);
        assertThat(pages.stream().flatMap(p -> p.records().stream()).map(SystemRecord::id).toList())
                .containsExactlyElementsOf(ids);
        for (Page page : pages) {
            SystemRecord last = page.records().get(page.records().size() - 1);
            assertThat(page.end()).isEqualTo(new ChangePosition(
                    (Instant) netsuite.get("customer", last.id()).orElseThrow().get("lastModifiedDate"),
                    NetSuiteChangeReader.cursor(last.id())));
        }
        assertThat(netsuite.requestCount() - before).as("one SuiteQL call per page").isEqualTo(3);
        assertThat(pages.get(0).records().get(0).fields()).containsEntry("companyname", "Example 1 Ltd")
                .containsEntry("entitystatus", "13").containsEntry("entityid", "Example 1 Ltd")
                .containsEntry("externalid", null).containsEntry("id", ids.get(0));
    }

    @Test
    void anEditOfAnOlderCustomerInTheSameSecondIsStillTheOneChangeTheNextReadReturns() {
        List<String> ids = seedCustomers(250);
        List<Page> initial = read("customer", null);
        ChangePosition position = initial.get(initial.size() - 1).end();

        netsuite.update("customer", ids.get(16), Map.of("entityStatus", Map.of("id", "16")));
        List<Page> next = read("customer", position);

        assertThat(next).singleElement().satisfies(page -> assertThat(page.records()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(ids.get(16));
            assertThat(r.fields()).containsEntry("entitystatus", "16");
            assertThat(r.modstamp()).as("moved on one second, since its id is below the position's")
                    .isEqualTo(position.modstamp().plusSeconds(1));
        }));
        assertThat(read("customer", next.get(0).end())).isEmpty();
    }

    @Test
    void anEidUpsertCreatesTheCustomerThenUpdatesTheSameOne() {
        String externalId = "001XX/0000 a+b";
        List<WriteResult> created = writer.upsert("customer", NetSuiteRecordWriter.EXTERNAL_ID, List.of(new UpsertRequest(
                externalId, Map.of("companyName", "Example Analytics Ltd", "url", "https://www.example.com",
                        "entityStatus", Map.of("id", "9")))));
        assertThat(created).singleElement().satisfies(r -> {
            assertThat(r.success()).as(String.valueOf(r.message())).isTrue();
            assertThat(r.id()).matches("\\d+");
        });

        List<WriteResult> updated = writer.upsert("customer", NetSuiteRecordWriter.EXTERNAL_ID, List.of(new UpsertRequest(
                externalId, Map.of("phone", "+1 555 0100"))));

        assertThat(updated).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(created.get(0).id()));
        assertThat(netsuite.list("customer")).singleElement().satisfies(customer -> {
            assertThat(customer).containsEntry("externalId", externalId).containsEntry("phone", "+1 555 0100")
                    .containsEntry("companyName", "Example Analytics Ltd").containsEntry("entityStatus", Map.of("id", "9"));
        });
        assertThat(read("customer", null)).singleElement().satisfies(p -> assertThat(p.records()).singleElement()
                .satisfies(r -> assertThat(r.fields()).containsEntry("externalid", externalId)
                        .containsEntry("phone", "+1 555 0100")));
    }

    @Test
    void aPatchByInternalIdChangesTheCustomerAndAnUnknownIdFailsThatRecordAlone() {
        String id = netsuite.create("customer", Map.of("companyName", "Example Gears GmbH"));

        List<WriteResult> results = writer.upsert("customer", NetSuiteRecordWriter.INTERNAL_ID, List.of(
                new UpsertRequest(id, Map.of("entityStatus", Map.of("id", "13"))),
                new UpsertRequest("999999", Map.of("entityStatus", Map.of("id", "13"))),
                new UpsertRequest(id, Map.of("entityStatus", Map.of("id", "99")))));

        assertThat(results.get(0).success()).isTrue();
        assertThat(results.get(1).errorCode()).isEqualTo("NONEXISTENT_ID");
        assertThat(results.get(2).errorCode()).as("no such customer status").isEqualTo("USER_ERROR");
        assertThat(netsuite.get("customer", id).orElseThrow()).containsEntry("entityStatus", Map.of("id", "13"));
    }

    @Test
    void anOpportunityWrittenByExternalIdIsReadFromTheTransactionTable() {
        String customer = netsuite.create("customer", Map.of("companyName", "Example Analytics Ltd"));
        writer.upsert("opportunity", NetSuiteRecordWriter.EXTERNAL_ID, List.of(new UpsertRequest("006XX0000000001AAA",
                Map.of("title", "Example - 100 seats", "projectedTotal", 24000.5, "expectedCloseDate", "2026-12-15",
                        "entity", Map.of("id", customer), "entityStatus", Map.of("id", "10")))));
        netsuite.create("salesOrder", Map.of("entity", customer, "item",
                Map.of("items", List.of(Map.of("item", Map.of("id", "42"), "quantity", 1, "amount", 10)))));

        List<Page> pages = read("opportunity", null);

        assertThat(pages).singleElement().satisfies(p -> assertThat(p.records()).as("sales orders are not opportunities")
                .singleElement().satisfies(r -> {
                    assertThat(r.fields()).containsEntry("title", "Example - 100 seats").containsEntry("entity", customer)
                            .containsEntry("expectedclosedate", "12/15/2026").containsEntry("entitystatus", "10")
                            .containsEntry("externalid", "006XX0000000001AAA");
                    assertThat(new BigDecimal(r.fields().get("projectedtotal").toString())).isEqualByComparingTo("24000.5");
                }));
    }

    @Test
    void aSalesOrderIsCreatedForTheCustomerAndOneWithoutLinesIsRefused() {
        String customer = netsuite.create("customer", Map.of("companyName", "Example Analytics Ltd"));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("item", Map.of("id", "42"));
        line.put("quantity", 1);
        line.put("amount", 24000.0);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("entity", Map.of("id", customer));
        order.put("tranDate", "2026-12-15");
        order.put("memo", "stagesync: won deal Example - 100 seats");
        order.put("item", Map.of("items", List.of(line)));

        List<WriteResult> results = writer.upsert("salesOrder", NetSuiteRecordWriter.EXTERNAL_ID, List.of(
                new UpsertRequest("deal-1", order),
                new UpsertRequest("deal-2", Map.of("entity", Map.of("id", customer), "item", Map.of("items", List.of())))));

        assertThat(results.get(0).success()).isTrue();
        assertThat(results.get(1)).satisfies(r -> {
            assertThat(r.errorCode()).isEqualTo("USER_ERROR");
            assertThat(r.message()).contains("at least one line item");
        });
        assertThat(netsuite.find("salesOrder", "entity", customer)).singleElement().satisfies(so -> {
            assertThat(so).containsEntry("externalId", "deal-1").containsEntry("tranId", "SO" + so.get("id"));
            assertThat((BigDecimal) so.get("total")).isEqualByComparingTo("24000");
        });
    }

    @Test
    void aContactWithABadEmailIsRefusedWithInvalidValueOnThatField() {
        String customer = netsuite.create("customer", Map.of("companyName", "Example Analytics Ltd"));

        List<WriteResult> results = writer.upsert("contact", NetSuiteRecordWriter.EXTERNAL_ID, List.of(new UpsertRequest(
                "003XX0000000001AAA", Map.of("firstName", "Ada", "lastName", "Example", "email", "ada-at-example",
                        "company", Map.of("id", customer)))));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.errorCode()).isEqualTo("INVALID_VALUE");
            assertThat(r.message()).contains("'email'");
        });
        assertThat(netsuite.list("contact")).isEmpty();
    }

    @Test
    void anotherAccountsRealmIsRefusedWith401() {
        Map<String, String> otherAccount = new LinkedHashMap<>(netsuite.properties());
        otherAccount.put("stagesync.netsuite.account-id", "7654321");
        try (SimulatedConnectors other = new SimulatedConnectors()) {
            NetSuiteChangeReader wrongRealm = new NetSuiteChangeReader(other.netsuite(otherAccount, netsuite.env()));
            assertThatThrownBy(() -> wrongRealm.readChanges("customer", null, 10, (p, e) -> true))
                    .isInstanceOfSatisfying(SystemCallException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.vendorCode()).isEqualTo("INVALID_LOGIN");
                    });
        }
    }

    @Test
    void aWrongTokenSecretFailsTheSignatureWith401() {
        Map<String, String> env = new LinkedHashMap<>(netsuite.env());
        env.put(NetSuiteSimulator.ENV_TOKEN_SECRET, "not-the-token-secret");
        try (SimulatedConnectors other = new SimulatedConnectors()) {
            NetSuiteRecordWriter wrongSecret = new NetSuiteRecordWriter(other.netsuite(netsuite.properties(), env));
            assertThatThrownBy(() -> wrongSecret.upsert("customer", NetSuiteRecordWriter.EXTERNAL_ID,
                    List.of(new UpsertRequest("x-1", Map.of("companyName", "Example Co")))))
                    .isInstanceOfSatisfying(SystemCallException.class, e -> assertThat(e.status()).isEqualTo(401));
        }
        assertThat(netsuite.list("customer")).isEmpty();
    }
}
