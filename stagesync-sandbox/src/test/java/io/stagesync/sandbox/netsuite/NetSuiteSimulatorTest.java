package io.stagesync.sandbox.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.netsuite.NetSuiteClient;
import io.stagesync.connector.netsuite.SuiteQlPage;
import io.stagesync.sandbox.SimulatedConnectors;
import io.stagesync.sandbox.http.SimulatorRejectedException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The NetSuite simulator's Java API (the sandbox's seed and script) and the parts of its REST API the change
 * reader does not exercise: refusals, references, offset paging, SuiteQL functions in a time zone, record GET.
 */
class NetSuiteSimulatorTest {
    /** 23:30 UTC is already the next day in Berlin: SuiteQL must show and compare Berlin time. */
    private static final Clock LATE = Clock.fixed(Instant.parse("2026-11-20T23:30:00Z"), ZoneId.of("UTC"));

    private final NetSuiteSimulator netsuite = new NetSuiteSimulator(LATE, "1234567", ZoneId.of("Europe/Berlin"))
            .start();
    private final SimulatedConnectors connectors = new SimulatedConnectors();
    private NetSuiteClient client;

    @BeforeEach
    void connect() {
        client = connectors.netsuite(netsuite.properties(), netsuite.env());
    }

    @AfterEach
    void close() {
        connectors.close();
        netsuite.close();
    }

    @Test
    void aCustomerWithoutCompanyNameIsRefusedAsNetSuiteWouldAndNothingIsCreated() {
        assertThatThrownBy(() -> netsuite.create("customer", Map.of("email", "ap@example.com")))
                .isInstanceOfSatisfying(SimulatorRejectedException.class, e -> {
                    assertThat(e.codes()).containsExactly("USER_ERROR");
                    assertThat(e.getMessage()).contains("Company Name");
                });
        assertThatThrownBy(() -> netsuite.create("opportunity", Map.of("title", "x", "entity", "424242")))
                .isInstanceOfSatisfying(SimulatorRejectedException.class,
                        e -> assertThat(e.getMessage()).contains("Invalid Field Value 424242"));
        assertThat(netsuite.list("customer")).isEmpty();
        assertThat(netsuite.list("opportunity")).isEmpty();
    }

    @Test
    void suiteQlPagesByOffsetAndShowsDatetimesInTheUsersTimeZone() {
        for (int i = 1; i <= 5; i++) {
            netsuite.create("customer", Map.of("companyName", "Example " + i));
        }

        SuiteQlPage second = client.suiteQl("SELECT id, companyname, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS')"
                + " AS modstamp, lastmodifieddate FROM customer WHERE companyname LIKE 'Example%'"
                + " AND lastmodifieddate >= TO_TIMESTAMP('2026-11-21 00:00:00', 'YYYY-MM-DD HH24:MI:SS')"
                + " ORDER BY id DESC", 2, 2);

        assertThat(second.items()).extracting(r -> r.get("companyname")).containsExactly("Example 3", "Example 2");
        assertThat(second.hasMore()).isTrue();
        assertThat(second.totalResults()).isEqualTo(5);
        assertThat(second.items().get(0)).containsEntry("modstamp", "2026-11-21 00:30:00")
                .containsEntry("lastmodifieddate", "11/21/2026");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRecordReadThroughTheRecordApiShowsReferencesWithTheirNames() {
        String customer = netsuite.create("customer", Map.of("companyName", "Example Analytics Ltd",
                "entityStatus", "8"));
        String opportunity = netsuite.create("opportunity", Map.of("title", "Example - 100 seats", "entity", customer));

        Map<String, Object> read = client.getRecord("opportunity", opportunity);

        assertThat(read).containsEntry("id", opportunity).containsEntry("tranId", "OPP" + opportunity)
                .containsEntry("tranDate", "2026-11-21");
        assertThat((Map<String, Object>) read.get("entity")).containsEntry("id", customer)
                .containsEntry("refName", "Example Analytics Ltd");
        assertThat((Map<String, Object>) read.get("entityStatus")).containsEntry("refName", "PROSPECT-Proposal");
        assertThatThrownBy(() -> client.getRecordByExternalId("customer", "none-such"))
                .isInstanceOfSatisfying(SystemCallException.class, e -> assertThat(e.vendorCode()).isEqualTo("NONEXISTENT_ID"));
    }

    @Test
    void anUnknownColumnIsAnInvalidSearchQuery() {
        assertThatThrownBy(() -> client.suiteQl("SELECT id, colour FROM customer", 10, 0))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.vendorCode()).isEqualTo("INVALID_PARAMETER");
                    assertThat(e.getMessage()).contains("Field 'colour' for record 'customer' was not found");
                });
    }

    @Test
    void findMatchesAReferenceByItsId() {
        String a = netsuite.create("customer", Map.of("companyName", "Example A"));
        String b = netsuite.create("customer", Map.of("companyName", "Example B"));
        netsuite.create("contact", Map.of("lastName", "Example", "company", Map.of("id", b)));

        assertThat(netsuite.find("contact", "company", b)).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("entityId", "Example"));
        assertThat(netsuite.find("contact", "company", a)).isEmpty();
        assertThat(List.of(a, b)).containsExactly("1001", "1002");
    }

    @Test
    void changesInOneSecondAreMovedOnSoThatPositionsGrowUnlessStampedWithTheClockSecondAsNetSuiteDoes() {
        String lower = netsuite.create("customer", Map.of("companyName", "Example A"));
        String higher = netsuite.create("customer", Map.of("companyName", "Example B"));
        netsuite.update("customer", higher, Map.of("phone", "+1 555 0100"));
        netsuite.update("customer", lower, Map.of("phone", "+1 555 0101"));
        Instant movedOn = (Instant) netsuite.get("customer", lower).orElseThrow().get("lastModifiedDate");
        assertThat(movedOn).as("a lower id changed later in the clock's second is moved on")
                .isAfter((Instant) netsuite.get("customer", higher).orElseThrow().get("lastModifiedDate"));

        netsuite.stampWithClockSecond();
        netsuite.update("customer", higher, Map.of("phone", "+1 555 0102"));
        netsuite.update("customer", lower, Map.of("phone", "+1 555 0103"));

        assertThat(netsuite.get("customer", lower).orElseThrow().get("lastModifiedDate"))
                .as("the clock's second, the same as the higher id's change before it")
                .isEqualTo(netsuite.get("customer", higher).orElseThrow().get("lastModifiedDate"))
                .isEqualTo(Instant.parse("2026-11-20T23:30:00Z"));
    }
}
