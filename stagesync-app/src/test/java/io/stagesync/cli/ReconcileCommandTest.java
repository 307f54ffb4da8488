package io.stagesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.app.StandaloneEngine;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.sandbox.netsuite.NetSuiteSimulator;
import io.stagesync.sandbox.salesforce.SalesforceSimulator;
import io.stagesync.store.StateStore;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stagesync reconcile} with the service stopped, against the Salesforce and NetSuite simulators and the
 * shipped config: after a sync nothing drifts (exit 0, each system's stages beside the canonical ones); a NetSuite
 * customer's status changed past NetSuite's change tracking is reported with the value it should hold (exit 5);
 * {@code --repair} writes that value through the normal write path (exit 0) and NetSuite holds it.
 */
class ReconcileCommandTest {
    @TempDir
    Path dir;

    private final SalesforceSimulator salesforce = new SalesforceSimulator().start();
    private final NetSuiteSimulator netsuite = new NetSuiteSimulator().start();
    private Path config;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void syncTwoAccounts() throws IOException {
        config = ShippedConfigCopy.into(dir);
        Map<String, String> properties = new HashMap<>(salesforce.properties());
        properties.putAll(netsuite.properties());
        properties.put("stagesync.data-dir", dir.resolve("data").toString());
        properties.put("stagesync.connectors", "salesforce,netsuite");
        properties.put("stagesync.sync.sales-order-item-id", "42");
        properties.put("stagesync.admin.enabled", "false");
        Files.writeString(config.resolve("application.properties"), properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        env.putAll(salesforce.env());
        env.putAll(netsuite.env());
        salesforce.create("Account", Map.of("Name", "Example Analytics Ltd", "Lifecycle_Stage__c", "Opportunity"));
        salesforce.create("Account", Map.of("Name", "Example Robotics Ltd", "Lifecycle_Stage__c", "Customer"));
        StagesyncConfig loaded = StagesyncConfig.load(config, env);
        try (StateStore store = JdbcStateStore.open(loaded.settings().storeSettings());
             StandaloneEngine engine = StandaloneEngine.start(loaded, store)) {
            engine.engine().initialCapture();
            for (int round = 0; round < 3; round++) {
                engine.engine().poll("salesforce");
                engine.engine().poll("netsuite");
            }
        }
    }

    @AfterEach
    void stop() {
        salesforce.close();
        netsuite.close();
    }

    private static Object idOf(Object value) {
        return value instanceof Map<?, ?> ref ? ref.get("id") : value;
    }

    @Test
    void afterASyncNothingDriftsAndEachSystemsStagesAreShownBesideTheCanonicalOnes() {
        CliRun run = CliRun.of(env, "reconcile", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("salesforce Account.Lifecycle_Stage__c: 2 checked, 0 drifting")
                .contains("netsuite customer.entityStatus: 2 checked, 0 drifting")
                .contains("  shown there: CUSTOMER 1, OPPORTUNITY 1")
                .contains("  canonical:   CUSTOMER 1, OPPORTUNITY 1")
                .contains("0 drifting record(s)");
    }

    @Test
    void aStatusChangedPastNetSuitesChangeTrackingIsReportedAndRepaired() {
        Map<String, Object> customer = netsuite.list("customer").stream()
                .filter(c -> "9".equals(String.valueOf(idOf(c.get("entityStatus"))))).findFirst().orElseThrow();
        String id = customer.get("id").toString();
        netsuite.updateUntracked("customer", id, Map.of("entityStatus", Map.of("id", "8")));

        CliRun found = CliRun.of(env, "reconcile", "--config", config.toString());

        assertThat(found.exitCode()).as(found.err()).isEqualTo(ExitCodes.DRIFT);
        assertThat(found.out()).contains("netsuite customer.entityStatus: 2 checked, 1 drifting")
                .contains("drift: netsuite customer " + id + " (canonical ")
                .contains("entityStatus is '8' (SQL), canonical stage OPPORTUNITY wants '9'")
                .contains("1 drifting record(s)");
        assertThat(String.valueOf(idOf(netsuite.get("customer", id).orElseThrow().get("entityStatus"))))
                .as("reconcile alone writes nothing").isEqualTo("8");

        CliRun repaired = CliRun.of(env, "reconcile", "--config", config.toString(), "--repair");

        assertThat(repaired.exitCode()).as(repaired.out() + repaired.err()).isEqualTo(ExitCodes.OK);
        assertThat(repaired.out()).contains("written: reconcile repaired netsuite customer " + id
                        + ": entityStatus was '8' (SQL), written '9' for the canonical stage OPPORTUNITY")
                .contains("after the repair: 0 drifting record(s)");
        assertThat(String.valueOf(idOf(netsuite.get("customer", id).orElseThrow().get("entityStatus"))))
                .isEqualTo("9");
    }
}
