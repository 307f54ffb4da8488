package io.stagesync.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import io.stagesync.sync.Connectors;
import io.stagesync.sync.SyncEngine;
import io.stagesync.sync.SyncSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A poll failing with an unexpected exception (a bug, not a refused call) is one WARN line with the cause and the
 * system, once however often it repeats, never thrown to the route (where Camel's error handler would log an
 * ERROR with the stack trace every poll), and shows as the connector's last error.
 */
class SyncPollerFailureLoggingTest {
    @TempDir
    Path dir;

    private StateStore store;
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stop() {
        root.detachAppender(log);
        store.close();
    }

    @Test
    void anUnexpectedFailureRepeatedEveryPollIsOneLineWithItsCauseAndNeverThrown() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        ChangeReader broken = (objectType, after, pageSize, consumer) -> {
            throw new IllegalStateException("reader bug on " + objectType);
        };
        RecordWriter writer = (objectType, keyField, requests) -> List.of();
        SyncEngine engine = new SyncEngine(config.model(), config.mappings(), store, Connectors.builder()
                .add("salesforce", broken, writer, SalesforceConnector.DIALECT).build(), new SyncSettings(50, "42", SystemConnectors.installed().lookBackDefaults()),
                Clock.systemUTC());
        SyncPoller poller = new SyncPoller(engine, Clock.systemUTC());

        List<String> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(poller.poll("salesforce"));
        }

        assertThat(answers).allSatisfy(a -> assertThat(a).startsWith("salesforce poll failed: IllegalStateException"));
        assertThat(poller.lastError("salesforce")).contains("reader bug");
        List<ILoggingEvent> warnings = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        assertThat(warnings).noneMatch(e -> e.getThrowableProxy() != null)
                .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(warnings).filteredOn(e -> e.getFormattedMessage().contains("reader bug"))
                .as("the capture's line and the poll's line, each once in 20 polls").hasSize(2)
                .anySatisfy(e -> assertThat(e.getFormattedMessage())
                        .isEqualTo("salesforce poll failed, will retry next time: IllegalStateException: reader bug on Account"));
    }
}
