package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.pardot.PardotConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target failing as a whole delays only its own writes: with NetSuite answering 503 to every call, changes
 * between Salesforce and Pardot keep flowing within a poll (the Salesforce poll is not failed by the NetSuite
 * write it also plans), the writes for NetSuite wait in its outbox (durable: a new engine on the same store
 * sends them), and once NetSuite answers again it gets each held change once, as the record is then.
 * Salesforce, Pardot and NetSuite on the shipped config, played by in-memory stand-ins.
 */
class NetSuiteOutageDelaysOnlyItsOwnWritesTest {
    private static final String PROSPECT = "101";

    @TempDir
    Path dir;

    private StateStore store;
    private StagesyncConfig config;
    private final InMemorySystem salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
    private final InMemorySystem netsuite = new InMemorySystem("netsuite", NetSuiteConnector.DIALECT);
    private final InMemorySystem pardot = new InMemorySystem("pardot", PardotConnector.DIALECT);
    private final AtomicInteger netsuiteCallsWhileDown = new AtomicInteger();
    private volatile boolean netsuiteDown;
    private SyncEngine engine;

    @BeforeEach
    void start() {
        config = StagesyncConfig.load(Path.of("config"), Map.of());
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        engine = newEngine();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private SyncEngine newEngine() {
        return new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", salesforce, salesforce, SalesforceConnector.DIALECT)
                .add("netsuite", downableReader(), downableWriter(), NetSuiteConnector.DIALECT)
                .add("pardot", pardot, pardot, PardotConnector.DIALECT)
                .build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()), Clock.systemUTC());
    }

    private SystemCallException unavailable(String operation) {
        netsuiteCallsWhileDown.incrementAndGet();
        return new SystemCallException("netsuite", operation, 503, null, "Service Unavailable", null, true, null, null);
    }

    private ChangeReader downableReader() {
        return new ChangeReader() {
            @Override
            public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
                if (netsuiteDown) {
                    throw unavailable("suiteql " + objectType);
                }
                netsuite.readChanges(objectType, after, pageSize, consumer);
            }
        };
    }

    private RecordWriter downableWriter() {
        return (objectType, keyField, requests) -> {
            if (netsuiteDown) {
                throw unavailable("upsert " + objectType);
            }
            return netsuite.upsert(objectType, keyField, requests);
        };
    }

    private static Map<String, Object> prospect(int score) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("email", "ada@example.com");
        fields.put("firstName", "Ada");
        fields.put("lastName", "Example");
        fields.put("company", "Example Analytics Ltd");
        fields.put("score", score);
        fields.put("grade", "A");
        fields.put("optedOut", false);
        fields.put("campaignId", "7001");
        fields.put("Lifecycle_Stage__c", "Lead");
        return fields;
    }

    private void pollEach() {
        for (String system : List.of("salesforce", "pardot", "netsuite")) {
            try {
                engine.poll(system);
            } catch (SystemCallException e) {
                assertThat(e.system()).as("only the failing system's own poll fails").isEqualTo("netsuite");
            }
        }
    }

    /** Everything synced while all three answer: an account in NetSuite, the MQL's Lead in Salesforce. */
    private String syncedBeforeTheOutage() {
        salesforce.put("Account", "001A", Map.of("Name", "Example Analytics Ltd", "Website", "https://example.com",
                "Phone", "+1 555 0100"));
        pardot.put("prospect", PROSPECT, prospect(72));
        engine.initialCapture();
        for (int i = 0; i < 3; i++) {
            pollEach();
        }
        assertThat(netsuite.all("customer")).hasSize(1);
        assertThat(salesforce.all("Lead")).hasSize(1);
        return salesforce.all("Lead").keySet().iterator().next();
    }

    private String customerId() {
        return netsuite.all("customer").keySet().iterator().next();
    }

    private long customerWritesWithPhone(String phone) {
        return netsuite.writeLog().stream().filter(w -> w.startsWith("customer ") && w.contains(phone)).count();
    }

    @Test
    void salesforceAndPardotKeepSyncingWhileNetSuiteIsDownAndNetSuiteGetsEachHeldChangeOnceAfter() {
        String lead = syncedBeforeTheOutage();
        netsuiteDown = true;

        salesforce.put("Account", "001A", Map.of("Phone", "+1 555 0199"));
        salesforce.put("Lead", lead, Map.of("Phone", "+1 555 0142"));
        pardot.put("prospect", PROSPECT, Map.of("grade", "B"));
        pollEach();

        assertThat(pardot.get("prospect", PROSPECT)).as("Salesforce -> Pardot flowed within the poll")
                .containsEntry("phone", "+1 555 0142");
        assertThat(salesforce.get("Lead", lead)).as("Pardot -> Salesforce flowed within the poll")
                .doesNotContainKey("Grade__c");
        assertThat(store.outbox().counts()).as("the NetSuite write waits in NetSuite's outbox")
                .containsExactly(Map.entry("netsuite", 1));
        assertThat(store.watermarks().get("salesforce", "Account")).as("Salesforce's poll was committed").isPresent();
        int callsAfterTheFirstPoll = netsuiteCallsWhileDown.get();

        salesforce.put("Account", "001A", Map.of("Phone", "+1 555 0177"));
        pollEach();
        assertThat(netsuiteCallsWhileDown.get() - callsAfterTheFirstPoll)
                .as("a failing target is not called for each held write: only its own poll tries it").isEqualTo(1);
        assertThat(store.outbox().counts()).as("one held write per record, not per change")
                .containsExactly(Map.entry("netsuite", 1));

        netsuiteDown = false;
        engine = newEngine(); // the outbox is durable: a restarted process sends what the last one held
        engine.initialCapture();
        pollEach();
        pollEach();

        assertThat(netsuite.get("customer", customerId())).containsEntry("phone", "+1 555 0177");
        assertThat(customerWritesWithPhone("+1 555 0177")).as("the held change reached NetSuite once").isEqualTo(1);
        assertThat(customerWritesWithPhone("+1 555 0199")).as("the superseded value was never sent").isZero();
        assertThat(store.outbox().counts()).isEmpty();
        assertThat(store.deadLetters().list(io.stagesync.store.DeadLetter.Status.OPEN, 10)).isEmpty();
    }

    @Test
    void aUserEditInNetSuiteDuringTheOutageIsReadBeforeTheHeldWriteIsPlannedAgain() {
        syncedBeforeTheOutage();
        netsuiteDown = true;
        salesforce.put("Account", "001A", Map.of("Name", "Example Analytics Group"));
        pollEach();
        assertThat(store.outbox().counts()).containsExactly(Map.entry("netsuite", 1));

        netsuite.put("customer", customerId(), Map.of("phone", "+1 555 0123"));
        netsuiteDown = false;
        pollEach();
        pollEach();

        assertThat(salesforce.get("Account", "001A")).as("NetSuite's edit made while it was failing flows out")
                .containsEntry("Phone", "+1 555 0123");
        assertThat(netsuite.get("customer", customerId())).as("the held write went out without undoing it")
                .containsEntry("phone", "+1 555 0123").containsEntry("companyName", "Example Analytics Group");
        assertThat(store.outbox().counts()).isEmpty();
    }

    @Test
    void heldWritesStayHeldWhileTheTargetStillFailsWhenItsOwnPollRuns() {
        syncedBeforeTheOutage();
        netsuiteDown = true;
        salesforce.put("Account", "001A", Map.of("Phone", "+1 555 0199"));
        engine.poll("salesforce");

        assertThatThrownBy(() -> engine.poll("netsuite")).isInstanceOf(SystemCallException.class);

        assertThat(store.outbox().oldest("netsuite", 10)).singleElement().satisfies(held -> {
            assertThat(held.targetObject()).isEqualTo("customer");
            assertThat(held.reason()).contains("Service Unavailable");
        });
    }
}
