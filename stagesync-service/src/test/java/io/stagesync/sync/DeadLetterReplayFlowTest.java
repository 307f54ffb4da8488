package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying dead letters through the engine (Salesforce ⇄ NetSuite on in-memory stand-ins): once the cause is
 * fixed (a stage value added to the mapping, a missing setting set, the target's validation satisfied) the
 * stored payload goes the poll's way and lands in the target; a replay never undoes a newer change, and one
 * that fails again says why without adding a second letter.
 */
class DeadLetterReplayFlowTest {
    @TempDir
    Path dir;

    private StateStore store;
    private InMemorySystem salesforce;
    private InMemorySystem netsuite;

    @BeforeEach
    void start() {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir.resolve("data")));
        salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
        netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    /** An engine on the shipped config, its stage model edited by {@code edit}, and a sales order item id. */
    private SyncEngine engine(String name, UnaryOperator<String> edit, String salesOrderItemId) throws IOException {
        Path config = Files.createDirectories(dir.resolve(name));
        Files.writeString(config.resolve("stage-model.yaml"), edit.apply(Files.readString(Path.of("config/stage-model.yaml"))));
        Files.createDirectories(config.resolve("mappings"));
        for (String file : List.of("salesforce.yaml", "netsuite.yaml", "ownership.yaml")) {
            Files.copy(Path.of("config/mappings", file), config.resolve("mappings").resolve(file));
        }
        StagesyncConfig loaded = StagesyncConfig.load(config, Map.of());
        Connectors connectors = Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", netsuite, netsuite, NetSuiteConnector.DIALECT)
                .build();
        return new SyncEngine(loaded.model(), loaded.mappings(), store, connectors,
                new SyncSettings(50, salesOrderItemId, SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    private static String withGodotMapped(String stageModel) {
        return stageModel.replace("        \"Closed Won\": WON\n",
                "        \"Closed Won\": WON\n        \"Waiting for Godot\": OPPORTUNITY\n");
    }

    private DeadLetter onlyOpenLetter() {
        List<DeadLetter> open = store.deadLetters().list(DeadLetter.Status.OPEN, 10);
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    @Test
    void anUnmappedStageValueReplaysIntoNetSuiteOnceTheMappingHasIt() throws Exception {
        SyncEngine before = engine("before", s -> s, "42");
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd"));
        salesforce.put("Opportunity", "3", Map.of("Name", "Odd", "Amount", 1200.0, "CloseDate", "2026-12-15",
                "AccountId", "1", "StageName", "Waiting for Godot"));
        before.poll("salesforce");
        DeadLetter letter = onlyOpenLetter();
        assertThat(netsuite.all("opportunity")).isEmpty();
        assertThat(before.replay(letter)).as("the mapping still lacks the value")
                .returns(false, ReplayOutcome::resolved)
                .satisfies(o -> assertThat(o.message()).contains("stage value 'Waiting for Godot'"));
        assertThat(netsuite.all("opportunity")).isEmpty();

        SyncEngine fixed = engine("fixed", DeadLetterReplayFlowTest::withGodotMapped, "42");
        ReplayOutcome outcome = fixed.replay(letter);

        assertThat(outcome.resolved()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).startsWith("replayed: salesforce Opportunity 3").contains("applied");
        assertThat(netsuite.all("opportunity").values()).singleElement().satisfies(o -> assertThat(o)
                .containsEntry("externalId", "3").containsEntry("title", "Odd").containsEntry("projectedTotal", 1200.0)
                .containsEntry("entityStatus", Map.of("id", "10"))
                .containsEntry("entity", Map.of("id", netsuite.all("customer").keySet().iterator().next())));
        String opportunityId = netsuite.all("opportunity").keySet().iterator().next();
        assertThat(salesforce.get("Opportunity", "3")).as("the reverse link, as after a poll")
                .containsEntry("NetSuite_Id__c", opportunityId);
        assertThat(store.deadLetters().list(DeadLetter.Status.OPEN, 10)).as("no new letter").hasSize(1);
    }

    @Test
    void aReplayOlderThanAChangeAppliedSinceIsSupersededAndUndoesNothing() throws Exception {
        SyncEngine before = engine("before", s -> s, "42");
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd"));
        salesforce.put("Opportunity", "3", Map.of("Name", "Odd", "Amount", 1200.0, "AccountId", "1",
                "StageName", "Waiting for Godot"));
        before.poll("salesforce");
        DeadLetter letter = onlyOpenLetter();
        salesforce.put("Opportunity", "3", Map.of("Name", "Renamed", "StageName", "Negotiation/Review"));
        before.poll("salesforce");
        int writes = netsuite.writeLog().size();

        ReplayOutcome outcome = engine("fixed", DeadLetterReplayFlowTest::withGodotMapped, "42").replay(letter);

        assertThat(outcome.resolved()).isTrue();
        assertThat(outcome.message()).contains("superseded");
        assertThat(netsuite.writeLog()).hasSize(writes);
        assertThat(netsuite.all("opportunity").values().iterator().next()).containsEntry("title", "Renamed");
    }

    @Test
    void aSalesOrderRefusedForAMissingSettingIsCreatedOnceTheSettingIsSet() throws Exception {
        SyncEngine unset = engine("unset", s -> s, null);
        salesforce.put("Account", "1", Map.of("Name", "Example Analytics Ltd", "Lifecycle_Stage__c", "Opportunity"));
        salesforce.put("Opportunity", "2", Map.of("Name", "Example - 100 seats", "Amount", 24000.0,
                "CloseDate", "2026-12-15", "AccountId", "1", "StageName", "Prospecting"));
        unset.poll("salesforce");
        unset.poll("netsuite");
        salesforce.put("Opportunity", "2", Map.of("StageName", "Closed Won"));
        unset.poll("salesforce");
        DeadLetter letter = onlyOpenLetter();
        assertThat(letter.objectType()).isEqualTo("salesOrder");
        assertThat(letter.error()).as("names the key application.properties knows").contains("set stagesync.sync.sales-order-item-id ");
        assertThat(netsuite.all("salesOrder")).isEmpty();

        SyncEngine set = engine("set", s -> s, "42");
        ReplayOutcome outcome = set.replay(letter);

        assertThat(outcome.resolved()).as(outcome.message()).isTrue();
        assertThat(netsuite.all("salesOrder").values()).singleElement().satisfies(order -> {
            assertThat(order).containsEntry("externalId", letter.externalId()).containsEntry("tranDate", "2026-12-15");
            assertThat(order.get("item").toString()).contains("amount=24000.0").contains("id=42");
        });
        assertThat(set.replay(letter)).as("a second replay creates no second order")
                .satisfies(o -> assertThat(o.message()).contains("exists already"));
        assertThat(netsuite.all("salesOrder")).hasSize(1);
    }

    @Test
    void aWriteTheTargetStillRefusesFailsWithItsReasonAndAddsNoLetterThenSucceedsOnceAccepted() throws Exception {
        SyncEngine engine = engine("shipped", s -> s, "42");
        salesforce.put("Account", "5", Map.of("Name", "Rejected Co", "Phone", "+1 555 0100"));
        netsuite.reject("5", "Please enter a value for Subsidiary");
        engine.poll("salesforce");
        DeadLetter letter = onlyOpenLetter();

        ReplayOutcome again = engine.replay(letter);
        assertThat(again).isEqualTo(new ReplayOutcome(false,
                "FIELD_CUSTOM_VALIDATION_EXCEPTION: Please enter a value for Subsidiary"));
        assertThat(store.deadLetters().list(null, 10)).hasSize(1);

        netsuite.stopRejecting("5");
        ReplayOutcome outcome = engine.replay(letter);

        assertThat(outcome.resolved()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("written to netsuite customer");
        assertThat(netsuite.all("customer").values()).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("externalId", "5").containsEntry("companyName", "Rejected Co")
                .containsEntry("phone", "+1 555 0100"));
        String customerId = netsuite.all("customer").keySet().iterator().next();
        assertThat(store.xrefs().findByExternal("netsuite", "customer", customerId)).isPresent();
        assertThat(salesforce.get("Account", "5")).containsEntry("NetSuite_Id__c", customerId);
        engine.poll("netsuite");
        engine.poll("salesforce");
        assertThat(netsuite.all("customer")).as("the echo of the replayed write creates nothing").hasSize(1);
    }

    @Test
    void aLetterFromBeforeReplayExistedSaysItCannotBeReplayed() throws Exception {
        DeadLetter old = store.deadLetters().add("salesforce", "Opportunity", "3",
                "SystemRecord[system=salesforce, objectType=Opportunity, id=3, fields={StageName=Odd}]", "unmapped");

        ReplayOutcome outcome = engine("shipped", s -> s, "42").replay(old);

        assertThat(outcome.resolved()).isFalse();
        assertThat(outcome.message()).contains("not JSON").contains("touch the record");
    }
}
