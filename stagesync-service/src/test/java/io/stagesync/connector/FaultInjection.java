package io.stagesync.connector;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stagesync.connector.resilience.ResilienceSettings;
import io.stagesync.connector.resilience.ResilientCallPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * What the four connectors' fault-injection suites share: the real {@link ResilientCallPolicy} set up for one
 * fault at a time, the fault parameters, the gap between two requests as WireMock logged them, and the WARN
 * lines a connector wrote.
 *
 * <p>Time figures are chosen so that no assertion can flake on a loaded 2-core machine: a retry that ignores
 * {@code Retry-After} comes after {@link #BACKOFF} (100 ms), twenty times earlier than {@link #RETRY_AFTER}; a
 * hung call is held {@link #HANG} (8 s) by the fake while the read timeout under test is 1 s.
 */
public final class FaultInjection {
    /** The wait the fakes ask for in {@code Retry-After}. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    /** WireMock logs arrival times in whole milliseconds of the wall clock; a retry may not come earlier than this. */
    public static final Duration CLOCK_GRANULARITY = Duration.ofMillis(5);
    /** The policy's own first backoff: what a retry would wait without {@code Retry-After}. */
    public static final Duration BACKOFF = Duration.ofMillis(100);
    /** How long a fake holds a hung call: shorter than every old default timeout (10 s idle, 180 s socket). */
    public static final Duration HANG = Duration.ofSeconds(8);
    /** The read timeout the hang tests configure, in seconds. */
    public static final int READ_TIMEOUT_SECONDS = 1;
    /** The whole-call timeout the hang tests configure, in seconds. */
    public static final int CALL_TIMEOUT_SECONDS = 3;
    /** A call abandoned at a timeout of a few seconds ends before this, with room for a loaded machine. */
    public static final Duration WELL_BEFORE_THE_HANG_ENDS = Duration.ofMillis(6500);
    /** How long an open breaker stays open in the storm tests. */
    public static final Duration OPEN_STATE = Duration.ofSeconds(1);

    private FaultInjection() {
    }

    /**
     * The three timeout keys of a connector, in seconds: connect 1 s, and the given read and call timeouts.
     *
     * @param prefix the connector's prefix, e.g. {@code stagesync.netsuite.}
     */
    public static Map<String, String> timeouts(String prefix, int readSeconds, int callSeconds) {
        return Map.of(prefix + CallTimeouts.CONNECT_KEY, "1", prefix + CallTimeouts.READ_KEY,
                Integer.toString(readSeconds), prefix + CallTimeouts.CALL_KEY, Integer.toString(callSeconds));
    }

    /** A policy that retries up to {@code attempts} times from {@link #BACKOFF}, with a breaker that stays closed. */
    public static ResilientCallPolicy retrying(String system, int attempts) {
        return new ResilientCallPolicy(new ResilienceSettings(system, attempts, BACKOFF, BACKOFF.multipliedBy(2), 100,
                50, 50, OPEN_STATE, 4, Duration.ofSeconds(5)));
    }

    /** A policy without retries whose breaker opens when all of {@code window} calls failed, for {@link #OPEN_STATE}. */
    public static ResilientCallPolicy breaking(String system, int window) {
        return new ResilientCallPolicy(new ResilienceSettings(system, 1, BACKOFF, BACKOFF, 100, window, window,
                OPEN_STATE, 4, Duration.ofSeconds(5)));
    }

    /** The time between the first and the second of exactly two logged requests. */
    public static Duration gapBetweenTheTwo(List<LoggedRequest> requests) {
        assertThat(requests).as("the first request and exactly one retry").hasSize(2);
        List<LoggedRequest> sorted = new ArrayList<>(requests);
        sorted.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        return Duration.ofMillis(sorted.get(1).getLoggedDate().getTime() - sorted.get(0).getLoggedDate().getTime());
    }

    /** Starts recording what {@code logger} writes at WARN and above; {@link Warnings#close()} stops. */
    public static Warnings warningsOf(Class<?> logger) {
        return new Warnings((Logger) LoggerFactory.getLogger(logger));
    }

    /** The WARN (and higher) lines one logger wrote while open. */
    public static final class Warnings implements AutoCloseable {
        private final Logger logger;
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        private Warnings(Logger logger) {
            this.logger = logger;
            appender.start();
            logger.addAppender(appender);
        }

        /** The formatted messages written so far, oldest first. */
        public List<String> lines() {
            return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
