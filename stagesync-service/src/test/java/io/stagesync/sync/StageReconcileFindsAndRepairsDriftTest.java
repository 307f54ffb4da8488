package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reconcile} on the shipped config over in-memory Salesforce and NetSuite: after a sync every system shows the
 * canonical stage (no drift, the stages counted side by side); a stage changed past the systems' change tracking (its
 * modstamp not moved) is found per system and record with the value it should hold, while a change the next poll
 * will read is pending, not drift; the repair writes the canonical value through the normal write path, after which
 * nothing drifts and the next polls see only echoes.
 */
class StageReconcileFindsAndRepairsDriftTest {
    @TempDir
    Path dir;

    private StateStore store;
    private InMemorySystem salesforce;
    private InMemorySystem netsuite;
    private SyncEngine engine;

    @BeforeEach
    void syncOneAccountAtOpportunity() {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
        netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
        engine = ShippedConfig.engine(store, ShippedConfig.inMemory(salesforce, netsuite).build());
        salesforce.put("Account", "001A", Map.of("Name", "Example Analytics Ltd", "Lifecycle_Stage__c", "Opportunity"));
        engine.poll("salesforce");
        engine.poll("netsuite");
        engine.poll("salesforce");
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private String customer() {
        return store.xrefs().findByExternal("salesforce", "Account", "001A").flatMap(link -> store.xrefs()
                .find(link.canonicalId(), "netsuite", "customer")).orElseThrow().externalId();
    }

    private static Object idOf(Object value) {
        return value instanceof Map<?, ?> ref ? ref.get("id") : value;
    }

    @Test
    void afterASyncEverySystemShowsTheCanonicalStage() {
        ReconcileReport report = engine.reconcile();

        assertThat(report.drifts()).isEmpty();
        assertThat(report.objects()).filteredOn(o -> o.object().equals("Account")).singleElement().satisfies(o -> {
            assertThat(o.checked()).isEqualTo(1);
            assertThat(o.shown()).containsExactly(Map.entry("OPPORTUNITY", 1L));
            assertThat(o.canonical()).containsExactly(Map.entry("OPPORTUNITY", 1L));
        });
        assertThat(report.objects()).filteredOn(o -> o.object().equals("customer")).singleElement()
                .satisfies(o -> assertThat(o.shown()).containsExactly(Map.entry("OPPORTUNITY", 1L)));
    }

    @Test
    void aStageChangedByHandIsFoundPerSystemAndRecordAndTheRepairWritesTheCanonicalStageBack() {
        String customer = customer();
        netsuite.putAt("customer", customer, netsuite.readRecord("customer", customer).orElseThrow().modstamp(),
                Map.of("entityStatus", Map.of("id", "8")));
        salesforce.putAt("Account", "001A", salesforce.readRecord("Account", "001A").orElseThrow().modstamp(),
                Map.of("Lifecycle_Stage__c", "Nurture"));

        ReconcileReport report = engine.reconcile();

        assertThat(report.drifts()).extracting(ReconcileReport.Drift::system, ReconcileReport.Drift::externalId,
                        ReconcileReport.Drift::valueThere, ReconcileReport.Drift::stageThere,
                        ReconcileReport.Drift::canonicalStage, ReconcileReport.Drift::expectedValue)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("salesforce", "001A", "Nurture", "NURTURE", "OPPORTUNITY",
                                "Opportunity"),
                        org.assertj.core.groups.Tuple.tuple("netsuite", customer, "8", "SQL", "OPPORTUNITY", "9"));
        assertThat(report.objects()).filteredOn(o -> o.object().equals("customer")).singleElement()
                .satisfies(o -> assertThat(o.shown()).containsExactly(Map.entry("SQL", 1L)));

        List<String> repaired = engine.repair(report);

        assertThat(repaired).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("written: reconcile repaired"));
        assertThat(salesforce.get("Account", "001A")).containsEntry("Lifecycle_Stage__c", "Opportunity");
        assertThat(idOf(netsuite.get("customer", customer).get("entityStatus"))).isEqualTo("9");
        assertThat(engine.reconcile().drifts()).isEmpty();

        salesforce.put("Account", "001A", Map.of("Lifecycle_Stage__c", "Lost"));
        ReconcileReport beforeThePoll = engine.reconcile();
        assertThat(beforeThePoll.drifts()).as("a change the next poll reads goes through the gate").isEmpty();
        assertThat(beforeThePoll.objects()).filteredOn(o -> o.object().equals("Account")).singleElement()
                .satisfies(o -> assertThat(o.pending()).isEqualTo(1));
        assertThat(salesforce.get("Account", "001A")).containsEntry("Lifecycle_Stage__c", "Lost");
        salesforce.put("Account", "001A", Map.of("Lifecycle_Stage__c", "Opportunity"));
        int writes = salesforce.writeLog().size() + netsuite.writeLog().size();
        engine.poll("salesforce");
        engine.poll("netsuite");
        assertThat(salesforce.writeLog().size() + netsuite.writeLog().size()).as("the repairs' echoes cause nothing")
                .isEqualTo(writes);
        assertThat(store.records().find(store.xrefs().findByExternal("salesforce", "Account", "001A").orElseThrow()
                .canonicalId()).orElseThrow().stage()).isEqualTo("OPPORTUNITY");
        assertThat(store.warnings().recent(10)).extracting(w -> w.message())
                .anySatisfy(m -> assertThat(m).contains("reconcile repaired netsuite customer " + customer));
    }

    @Test
    void aSystemWithoutRoomInItsApiAllowanceIsNotReadAndSaysWhyWhileTheOthersAre() {
        ReconcileReport report = engine.reconcile(system -> "netsuite".equals(system)
                ? java.util.Optional.of("netsuite has used 85 % of its API allowance") : java.util.Optional.empty());

        assertThat(report.failed()).singleElement().satisfies(o -> {
            assertThat(o.system()).isEqualTo("netsuite");
            assertThat(o.checked()).isZero();
            assertThat(o.error()).isEqualTo("stopped to leave the API allowance to the sync: netsuite has used 85 %"
                    + " of its API allowance");
        });
        assertThat(report.objects()).filteredOn(o -> o.object().equals("Account")).singleElement()
                .satisfies(o -> assertThat(o.checked()).isEqualTo(1));
    }
}
