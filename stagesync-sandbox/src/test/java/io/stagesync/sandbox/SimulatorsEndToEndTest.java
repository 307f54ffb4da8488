package io.stagesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stagesync.app.StagesyncApplication;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.sandbox.netsuite.NetSuiteSimulator;
import io.stagesync.sandbox.salesforce.SalesforceSimulator;
import io.stagesync.store.StateStore;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real application (camel-main with routes/, the shipped stage model and mappings, the real connectors)
 * configured only with the properties and environment the two simulators hand out: a deal a rep closes in the
 * Salesforce simulator becomes a sales order in the NetSuite simulator's state. Shows the connectors run
 * unchanged against the simulators.
 */
class SimulatorsEndToEndTest {
    @TempDir
    Path dir;

    private final SalesforceSimulator salesforce = new SalesforceSimulator().start();
    private final NetSuiteSimulator netsuite = new NetSuiteSimulator().start();
    private StateStore store;
    private StagesyncApplication app;
    private Thread runner;

    @BeforeEach
    void bootTheApplicationAgainstBothSimulators() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.copy(Path.of("config/stage-model.yaml"), config.resolve("stage-model.yaml"));
        Path mappings = Files.createDirectories(config.resolve("mappings"));
        try (Stream<Path> files = Files.list(Path.of("config/mappings"))) {
            for (Path file : files.toList()) {
                Files.copy(file, mappings.resolve(file.getFileName()));
            }
        }
        String simulators = Stream.concat(salesforce.properties().entrySet().stream(),
                netsuite.properties().entrySet().stream())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
        Files.writeString(config.resolve("application.properties"), """
                stagesync.data-dir=%s
                stagesync.connectors=salesforce,netsuite
                stagesync.sync.poll-seconds=1
                stagesync.sync.sales-order-item-id=42
                stagesync.admin.enabled=false
                %s
                """.formatted(dir.resolve("data").toString().replace('\\', '/'), simulators));
        Map<String, String> env = new HashMap<>(salesforce.env());
        env.putAll(netsuite.env());
        StagesyncConfig loaded = StagesyncConfig.load(config, env);
        store = JdbcStateStore.open(loaded.settings().storeSettings());
        app = new StagesyncApplication(loaded, store, Path.of("routes"));
        runner = new Thread(() -> {
            try {
                app.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "stagesync-simulators-e2e");
        runner.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.stop();
            runner.join(30_000);
        }
        if (store != null) {
            store.close();
        }
        salesforce.close();
        netsuite.close();
    }

    @Test
    void aDealClosedWonInSalesforceBecomesOneSalesOrderForTheCustomerInNetSuite() {
        String account = salesforce.create("Account", Map.of("Name", "Example Analytics Ltd",
                "Website", "https://www.example.com", "Phone", "+1 555 0100", "Lifecycle_Stage__c", "Opportunity"));
        String deal = salesforce.create("Opportunity", Map.of("Name", "Example - 100 seats", "AccountId", account,
                "Amount", 24000, "CloseDate", LocalDate.of(2026, 12, 15), "StageName", "Prospecting"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(netsuite.getByExternalId("customer", account)).isPresent();
            assertThat(netsuite.getByExternalId("opportunity", deal)).as("the open deal reached NetSuite").isPresent();
        });
        String customer = netsuite.getByExternalId("customer", account).orElseThrow().get("id").toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(salesforce.get("Account", account)
                .orElseThrow()).as("the NetSuite id written back").containsEntry("NetSuite_Id__c", customer));

        salesforce.update("Opportunity", deal, Map.of("StageName", "Closed Won"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(netsuite.list("salesOrder")).hasSize(1));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(netsuite.list("salesOrder")).as("exactly one, also after further polls").singleElement()
                    .satisfies(order -> {
                        assertThat(order).containsEntry("entity", Map.of("id", customer));
                        assertThat((BigDecimal) order.get("total")).isEqualByComparingTo("24000");
                        assertThat(order.get("item").toString()).contains("id=42");
                    });
            assertThat(netsuite.list("customer")).singleElement()
                    .satisfies(c -> assertThat(c).containsEntry("entityStatus", Map.of("id", "13")));
            assertThat(salesforce.get("Account", account).orElseThrow()).containsEntry("Lifecycle_Stage__c", "Customer");
        });
        assertThat(store.deadLetters().list(null, 10)).as("nothing refused on the way").isEmpty();
    }
}
