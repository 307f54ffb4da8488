package io.stagesync.app;

import io.stagesync.connector.SystemCallException;
import io.stagesync.metrics.SyncMetrics;
import io.stagesync.sync.PollResult;
import io.stagesync.sync.SyncEngine;
import io.stagesync.sync.ThrottledLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean the poll routes call ({@code syncPoller}, method {@code poll(system)}): one poll of one
 * system, after the initial capture of never-synced systems has run once.
 *
 * <p>The initial capture is per system ({@link SyncEngine#initialCapture()}): a system whose first read fails
 * (its API refuses the query, it is down) is tried again by its own polls only, and delays only what depends on
 * it (writes to it wait); the other systems are captured once and polled as usual.
 *
 * <p>A failed call (system down, breaker open, auth refused) is logged as one line with the
 * remote facts and leaves the watermark where it was; the next tick tries again. Any other failure of a poll is
 * one line too (the same failure at most once per {@link ThrottledLog#DEFAULT_WINDOW}, its stack trace at DEBUG),
 * never thrown to the route. Thread-safe: the routes of different systems call it concurrently.
 */
public final class SyncPoller {
    private static final Logger LOG = LoggerFactory.getLogger(SyncPoller.class);

    private final SyncEngine engine;
    private final Clock clock;
    private final SyncMetrics metrics;
    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, String> lastError = new ConcurrentHashMap<>();
    private final ThrottledLog failures = new ThrottledLog(LOG);
    private volatile boolean captured;
    private volatile boolean perSystem;
    private volatile java.util.function.Function<String, java.util.OptionalLong> leadEpoch =
            system -> java.util.OptionalLong.of(0);
    /** Per system led here, the lead (epoch) whose catch-up ran: a new lead catches up again. */
    private final java.util.Map<String, Long> capturedLeads = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per system, the lead (epoch) whose catch-up was told to {@link #caughtUp}. */
    private final java.util.Map<String, Long> toldCaughtUp = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.util.function.ObjLongConsumer<String> caughtUp = (system, epoch) -> { };

    /** A poller whose counts go to a registry of its own (nobody scrapes it). */
    public SyncPoller(SyncEngine engine, Clock clock) {
        this(engine, clock, new SyncMetrics(clock));
    }

    /** @param metrics receives polls and records handled per system, object and outcome */
    public SyncPoller(SyncEngine engine, Clock clock, SyncMetrics metrics) {
        this.engine = engine;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Counts what a poll's or a streamed batch's records became in the metrics. */
    void count(PollResult r) {
        metrics.recordsSynced(r.system(), r.object(), "applied", r.applied());
        metrics.recordsSynced(r.system(), r.object(), "echo", r.echoes());
        metrics.recordsSynced(r.system(), r.object(), "held", r.held());
        metrics.recordsSynced(r.system(), r.object(), "dead_letter", r.deadLettered());
        metrics.emptyStageFields(r.system(), r.object(), r.emptyStageFields());
    }

    /** Polls one system; returns a one-line summary (also when the poll failed). */
    public String poll(String system) {
        java.util.OptionalLong epoch = leadEpoch.apply(system);
        if (epoch.isEmpty()) {
            return system + " not polled: this instance does not lead its capture";
        }
        try {
            captureOnce(system, epoch.getAsLong());
            engine.capture(system);
            Long told = toldCaughtUp.get(system);
            if (perSystem && (told == null || told != epoch.getAsLong())) {
                caughtUp.accept(system, epoch.getAsLong());
                toldCaughtUp.put(system, epoch.getAsLong());
            }
            List<PollResult> results = engine.poll(system);
            lastSuccess.put(system, clock.instant());
            lastError.remove(system);
            metrics.poll(system, true);
            results.forEach(this::count);
            return system + " polled: " + results.stream()
                    .map(r -> r.object() + " " + r.read() + " read/" + r.applied() + " applied/" + r.echoes() + " echoes/"
                            + r.held() + " held/" + r.deadLettered() + " dead/" + r.emptyStageFields() + " empty stage")
                    .collect(Collectors.joining(", "));
        } catch (SystemCallException e) {
            lastError.put(system, e.getMessage());
            metrics.poll(system, false);
            LOG.warn("{} poll failed, will retry next time: {}", system, e.getMessage());
            return system + " poll failed: " + e.getMessage();
        } catch (RuntimeException e) {
            String cause = ThrottledLog.describe(e);
            lastError.put(system, cause);
            metrics.poll(system, false);
            failures.warn(system + " " + e.getClass().getName() + " " + e.getMessage(),
                    system + " poll failed, will retry next time: " + cause, e);
            return system + " poll failed: " + cause;
        }
    }

    /**
     * Whether a system's initial capture has still to succeed (writes to it wait until it has); true for every
     * system until the first poll has run the initial capture (with several instances: only while this instance
     * captures a system whose lead it took).
     */
    public boolean capturePending(String system) {
        if (perSystem) {
            return engine.capturePending(system);
        }
        return !captured || engine.capturePending(system);
    }

    /**
     * With several instances: polls a system only while {@code leadEpoch} says this instance leads its capture (the
     * epoch it took the lead in, empty when it does not), and the first poll of each lead captures that system only,
     * as its capture's new leader (see {@link SyncEngine#initialCapture(java.util.Collection)}): again each time this
     * instance takes the lead anew, so its writes to the system wait until it has read it. The systems it does not
     * lead are captured by their leaders. Set before the first poll.
     */
    public void captureWhereLeading(java.util.function.Function<String, java.util.OptionalLong> leadEpoch) {
        captureWhereLeading(leadEpoch, (system, epoch) -> { });
    }

    /**
     * As {@link #captureWhereLeading(java.util.function.Function)}, telling {@code caughtUp} once per lead when this
     * instance has read the system in it (its initial capture done; the other instances may send to it then). A
     * failure of {@code caughtUp} fails that poll; it is told again at the next one.
     */
    public void captureWhereLeading(java.util.function.Function<String, java.util.OptionalLong> leadEpoch,
                                    java.util.function.ObjLongConsumer<String> caughtUp) {
        this.leadEpoch = java.util.Objects.requireNonNull(leadEpoch, "leadEpoch");
        this.caughtUp = java.util.Objects.requireNonNull(caughtUp, "caughtUp");
        this.perSystem = true;
    }

    private synchronized void captureOnce(String system, long epoch) {
        if (perSystem) {
            Long before = capturedLeads.put(system, epoch);
            if (before == null || before != epoch) {
                engine.initialCapture(List.of(system));
            }
            captured = true;
            return;
        }
        if (!captured) {
            engine.initialCapture();
            captured = true;
        }
    }

    /** When a system was last polled successfully, if ever (this process). */
    public Instant lastSuccess(String system) {
        return lastSuccess.get(system);
    }

    /** The last poll failure of a system, or null after a success. */
    public String lastError(String system) {
        return lastError.get(system);
    }
}
