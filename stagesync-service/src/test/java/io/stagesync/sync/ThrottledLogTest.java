package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The same failure logs one line per window, with a count of what was left out; stack traces only at DEBUG. */
class ThrottledLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.stagesync.test.throttled");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final MutableClock clock = new MutableClock();
    private final ThrottledLog log = new ThrottledLog(logger, Duration.ofSeconds(300), clock);

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-20T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.WARN);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
        logger.setLevel(null);
    }

    @Test
    void aFailureRepeatedEverySecondLogsOneLinePerWindowWithTheCountLeftOut() {
        IllegalStateException boom = new IllegalStateException("boom");
        for (int second = 0; second < 600; second++) {
            log.warn("salesforce Account 001 boom", "dead letter: salesforce Account 001: boom", boom);
            log.warn("netsuite customer 7 boom", "dead letter: netsuite customer 7: boom", boom);
            clock.now = clock.now.plusSeconds(1);
        }
        log.warn("salesforce Account 001 boom", "dead letter: salesforce Account 001: boom", boom);

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "dead letter: salesforce Account 001: boom", "dead letter: netsuite customer 7: boom",
                "dead letter: salesforce Account 001: boom (299 more like it not logged in the last 300 s)",
                "dead letter: netsuite customer 7: boom (299 more like it not logged in the last 300 s)",
                "dead letter: salesforce Account 001: boom (299 more like it not logged in the last 300 s)");
        assertThat(lines.list).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getThrowableProxy()).as("no stack trace above DEBUG").isNull();
        });
    }

    @Test
    void theStackTraceGoesToDebugAndALongMessageIsCut() {
        logger.setLevel(Level.DEBUG);

        log.warn("k", "x".repeat(5_000), new IllegalStateException("boom"));

        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(0).getLevel()).isEqualTo(Level.DEBUG);
        assertThat(lines.list.get(0).getThrowableProxy()).isNotNull();
        assertThat(lines.list.get(1).getFormattedMessage()).hasSizeLessThan(1_100).endsWith("[4000 more characters]");
    }

    @Test
    void describeIsOneLineWithTheCause() {
        RuntimeException e = new RuntimeException("could not save\nrecord 7",
                new java.sql.SQLException("Value too long for column"));

        assertThat(ThrottledLog.describe(e)).isEqualTo("RuntimeException: could not save record 7 "
                + "(caused by SQLException: Value too long for column)");
    }
}
