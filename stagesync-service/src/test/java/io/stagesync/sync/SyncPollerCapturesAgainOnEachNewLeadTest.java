package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stagesync.app.SyncPoller;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With several instances the poller polls a system only while this instance leads its capture, and the first poll
 * of each lead (each epoch) catches that system up before anything is written to it: also when this instance
 * takes back a lead it had given up, since another instance read and wrote the system meanwhile. Each lead's
 * catch-up is told once (the other instances then send to that system).
 */
class SyncPollerCapturesAgainOnEachNewLeadTest {
    @TempDir
    Path dir;

    private StateStore store;
    private final Logger engineLog = (Logger) LoggerFactory.getLogger(SyncEngine.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        log.start();
        engineLog.setLevel(ch.qos.logback.classic.Level.INFO);
        engineLog.addAppender(log);
    }

    @AfterEach
    void stop() {
        engineLog.detachAppender(log);
        engineLog.setLevel(null);
        store.close();
    }

    private long netsuiteCaptures() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("netsuite caught up") || m.startsWith("initial capture of netsuite")).count();
    }

    @Test
    void aLeadTakenAnewCatchesItsSystemUpAgainAndNoLeadMeansNoPoll() {
        SyncEngine engine = ShippedConfig.engine(store, ShippedConfig.inMemory(
                new InMemorySystem("salesforce", SalesforceConnector.DIALECT),
                new InMemorySystem("netsuite", NetSuiteConnector.DIALECT)).build());
        Map<String, Long> epochs = new ConcurrentHashMap<>();
        SyncPoller poller = new SyncPoller(engine, Clock.systemUTC());
        java.util.List<String> caughtUp = new java.util.concurrent.CopyOnWriteArrayList<>();
        poller.captureWhereLeading(system -> epochs.containsKey(system) ? OptionalLong.of(epochs.get(system))
                : OptionalLong.empty(), (system, epoch) -> caughtUp.add(system + "@" + epoch));

        assertThat(poller.poll("netsuite")).isEqualTo("netsuite not polled: this instance does not lead its capture");
        assertThat(netsuiteCaptures()).isZero();

        epochs.put("netsuite", 1L);
        poller.poll("netsuite");
        poller.poll("netsuite");
        assertThat(netsuiteCaptures()).as("one catch-up per lead").isEqualTo(1);
        assertThat(caughtUp).as("told once per lead, after its catch-up").containsExactly("netsuite@1");
        assertThat(poller.capturePending("netsuite")).isFalse();

        epochs.remove("netsuite");
        poller.poll("netsuite");
        epochs.put("netsuite", 3L);
        assertThat(poller.poll("netsuite")).startsWith("netsuite polled");
        assertThat(netsuiteCaptures()).as("the lead taken back in epoch 3 caught up again").isEqualTo(2);
        assertThat(caughtUp).containsExactly("netsuite@1", "netsuite@3");
        assertThat(poller.lastSuccess("salesforce")).as("salesforce is not led here: never polled").isNull();
    }
}
