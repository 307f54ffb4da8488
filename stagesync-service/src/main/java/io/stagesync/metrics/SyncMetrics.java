package io.stagesync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.DeadLetterStore;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryStore;
import io.stagesync.store.Watermark;
import io.stagesync.store.WatermarkStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics facade: counters the poller and the engine call, gauges bound to the state they read, and
 * the Prometheus text of all of them ({@link #scrape()}).
 *
 * <p>Metric names as Prometheus shows them (tags in braces):
 * <ul>
 * <li>{@code stagesync_records_synced_total{system,object,outcome}}: records a poll handled; outcome
 *     {@code applied}, {@code echo}, {@code held}, {@code dead_letter}</li>
 * <li>{@code stagesync_polls_total{system,outcome}}: polls, {@code success} or {@code failure}</li>
 * <li>{@code stagesync_api_calls_total{system,outcome}}: calls that reached a system (every retry counts);
 *     {@code success}, {@code retriable_error}, {@code error}</li>
 * <li>{@code stagesync_stage_decisions_total{entity,outcome}}: gate decisions recorded in the stage history</li>
 * <li>{@code stagesync_violations_total{rule,outcome,policy}}: refused moves per failed rule ({@code rule} is
 *     {@code not-allowed} when no transition leads there)</li>
 * <li>{@code stagesync_dead_letters{status}}: dead letters per status, read from the store at each scrape</li>
 * <li>{@code stagesync_poll_lag_seconds{system,object}}: now − the watermark's modstamp, per polled object</li>
 * <li>{@code stagesync_circuit_breaker_state{system,state}}: 1 for the breaker's current state, else 0</li>
 * <li>{@code stagesync_last_successful_poll_timestamp_seconds{system}}: epoch seconds; NaN before the first</li>
 * <li>{@code stagesync_api_quota_used_calls{system}}, {@code stagesync_api_quota_allowed_calls{system}},
 *     {@code stagesync_api_quota_used_ratio{system}}, {@code stagesync_api_calls_last_24h{system}}: see
 *     {@link #bindQuotas} and {@link ApiQuotas}</li>
 * <li>{@code stagesync_reconcile_drift_records{system,object}}: records whose system showed another stage than the
 *     canonical one at the last reconcile (after its repair, if it repaired); {@code stagesync_reconcile_checked_records}
 *     the records it compared; {@code stagesync_reconcile_last_run_timestamp_seconds}: when it ended</li>
 * </ul>
 *
 * <p>Counters start at 0 with the process (Prometheus handles the reset). Thread-safe.
 */
public final class SyncMetrics {
    public static final String CALL_SUCCESS = "success";
    public static final String CALL_RETRIABLE_ERROR = "retriable_error";
    public static final String CALL_ERROR = "error";
    /** The {@code rule} tag of a refusal that names no rule (no allowed transition). */
    public static final String NOT_ALLOWED_RULE = "not-allowed";
    /** Breaker states shown as a 0/1 gauge each (Resilience4j's names). */
    static final List<String> BREAKER_STATES = List.of("CLOSED", "OPEN", "HALF_OPEN", "DISABLED", "FORCED_OPEN",
            "METRICS_ONLY");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private volatile ApiQuotas quotas;
    private volatile WatermarkStore watermarks;
    private volatile StageDecisionFeed feed;
    private MultiGauge lag;
    private MultiGauge reconcileDrift;
    private MultiGauge reconcileChecked;
    private final java.util.concurrent.atomic.AtomicLong reconciledAt = new java.util.concurrent.atomic.AtomicLong(-1);

    /** @param clock the source of "now" for the lag gauge and the history feed's start */
    public SyncMetrics(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.quotas = new ApiQuotas(clock, Map.of(), java.util.Set.of());
    }

    /** The API usage per system: counted by {@link #apiCall}, reported by the connectors that can. */
    public ApiQuotas quotas() {
        return quotas;
    }

    /**
     * Sets the configured daily allowances (before any call is counted) and registers the quota gauges of the
     * systems: {@code stagesync_api_quota_used_calls}, {@code stagesync_api_quota_allowed_calls} (NaN when
     * unknown), {@code stagesync_api_quota_used_ratio} (NaN when unknown) and
     * {@code stagesync_api_calls_last_24h} per {@code system}; {@code reporting} are the systems that report their
     * own usage.
     */
    public synchronized void bindQuotas(List<String> systems, Map<String, Long> allowances, java.util.Set<String> reporting) {
        this.quotas = new ApiQuotas(clock, allowances, reporting);
        for (String system : systems) {
            Gauge.builder("stagesync.api.quota.used", this, m -> nan(m.quotas.quota(system).used())).baseUnit("calls")
                    .tag("system", system).description("API calls used in the system's daily window").register(registry);
            Gauge.builder("stagesync.api.quota.allowed", this, m -> nan(m.quotas.quota(system).allowed()))
                    .baseUnit("calls").tag("system", system).description("The system's daily API allowance")
                    .register(registry);
            Gauge.builder("stagesync.api.quota.used.ratio", this, m -> {
                Double ratio = m.quotas.quota(system).usedRatio();
                return ratio == null ? Double.NaN : ratio;
            }).tag("system", system).description("Used / allowed API calls of the daily window").register(registry);
            Gauge.builder("stagesync.api.calls.last.24h", this, m -> m.quotas.quota(system).callsLast24h())
                    .tag("system", system).description("Calls this process sent to the system in the rolling 24 h")
                    .register(registry);
        }
    }

    private static double nan(Long value) {
        return value == null ? Double.NaN : value;
    }

    /** Counts records one poll of one object handled, by outcome (see the class javadoc). */
    public void recordsSynced(String system, String object, String outcome, long count) {
        if (count > 0) {
            Counter.builder("stagesync.records.synced").tags("system", system, "object", object, "outcome", outcome)
                    .description("Records a poll handled, by outcome").register(registry).increment(count);
        }
    }

    /** Counts records read with an empty stage field (no move proposed; the record's stage is written there). */
    public void emptyStageFields(String system, String object, long count) {
        if (count > 0) {
            Counter.builder("stagesync.records.empty.stage.field").tags("system", system, "object", object)
                    .description("Records read with an empty stage field").register(registry).increment(count);
        }
    }

    /** Counts a poll of a system that completed ({@code ok}) or failed. */
    public void poll(String system, boolean ok) {
        Counter.builder("stagesync.polls").tags("system", system, "outcome", ok ? "success" : "failure")
                .description("Polls of a system").register(registry).increment();
    }

    /** Counts one call attempt that reached a system; outcome one of the CALL_* constants. */
    public void apiCall(String system, String outcome) {
        quotas.called(system);
        Counter.builder("stagesync.api.calls").tags("system", system, "outcome", outcome)
                .description("Calls that reached a system (each retry counts)").register(registry).increment();
    }

    /**
     * Counts one entry of the history by outcome (a deletion or merge in a source system counts under its own
     * outcome) and, when the gate refused a move, its violations per failed rule.
     */
    public void stageDecision(StageHistoryEntry entry) {
        Counter.builder("stagesync.stage.decisions").tags("entity", entry.entityType(), "outcome",
                entry.outcome().name()).description("Gate decisions recorded").register(registry).increment();
        if (!entry.outcome().refused()) {
            return;
        }
        List<String> rules = entry.rules().isEmpty() ? List.of(NOT_ALLOWED_RULE) : entry.rules();
        for (String rule : rules.stream().distinct().toList()) {
            Counter.builder("stagesync.violations").tags("rule", rule, "outcome", entry.outcome().name(),
                    "policy", entry.policy() == null ? "none" : entry.policy())
                    .description("Refused stage moves per failed rule").register(registry).increment();
        }
    }

    /** Gauges of dead letters per status, read from the store at each scrape. */
    public void bindDeadLetters(DeadLetterStore store) {
        for (DeadLetter.Status status : DeadLetter.Status.values()) {
            Gauge.builder("stagesync.dead.letters", store, s -> s.count(status)).tag("status", status.name())
                    .description("Dead letters per status").register(registry);
        }
    }

    /** The poll lag gauges, from the stored watermarks at each scrape. */
    public synchronized void bindWatermarks(WatermarkStore store) {
        this.watermarks = store;
        this.lag = MultiGauge.builder("stagesync.poll.lag").baseUnit("seconds")
                .description("Now minus the modstamp of the last applied change").register(registry);
    }

    /** Counts the decisions the stage history receives from now on (see {@link StageDecisionFeed}). */
    public void followStageHistory(StageHistoryStore history) {
        this.feed = new StageDecisionFeed(history, clock.instant());
    }

    /** Breaker state and last successful poll per configured system. */
    public void bindConnectors(ConnectorRuntime runtime) {
        for (String system : runtime.systems()) {
            for (String state : BREAKER_STATES) {
                Gauge.builder("stagesync.circuit.breaker.state", runtime,
                                r -> state.equals(r.breakerState(system)) ? 1 : 0)
                        .tags("system", system, "state", state).description("1 for the breaker's current state")
                        .register(registry);
            }
            Gauge.builder("stagesync.last.successful.poll.timestamp", runtime, r -> {
                Instant last = r.lastSuccessfulPoll(system);
                return last == null ? Double.NaN : last.toEpochMilli() / 1000.0;
            }).baseUnit("seconds").tag("system", system).description("When the system was last polled successfully")
                    .register(registry);
        }
    }

    /** Shows a reconcile's result in the {@code stagesync_reconcile_*} gauges (replacing the previous one's). */
    public synchronized void reconciled(io.stagesync.sync.ReconcileReport report) {
        if (reconcileDrift == null) {
            reconcileDrift = MultiGauge.builder("stagesync.reconcile.drift").baseUnit("records")
                    .description("Records whose system showed another stage than the canonical one at the last"
                            + " reconcile").register(registry);
            reconcileChecked = MultiGauge.builder("stagesync.reconcile.checked").baseUnit("records")
                    .description("Records the last reconcile compared").register(registry);
            Gauge.builder("stagesync.reconcile.last.run.timestamp", reconciledAt,
                            at -> at.get() < 0 ? Double.NaN : at.get() / 1000.0).baseUnit("seconds")
                    .description("When the last reconcile ended (epoch seconds)").register(registry);
        }
        List<MultiGauge.Row<?>> drift = new ArrayList<>();
        List<MultiGauge.Row<?>> checked = new ArrayList<>();
        for (io.stagesync.sync.ReconcileReport.ObjectReport o : report.objects()) {
            Tags tags = Tags.of("system", o.system(), "object", o.object());
            drift.add(MultiGauge.Row.of(tags, o.drifted()));
            checked.add(MultiGauge.Row.of(tags, o.checked()));
        }
        reconcileDrift.register(drift, true);
        reconcileChecked.register(checked, true);
        reconciledAt.set(report.at().toEpochMilli());
    }

    /** Refreshes what is read on demand (history decisions, lag rows), then renders Prometheus text (0.0.4). */
    public String scrape() {
        refresh();
        return registry.scrape();
    }

    /** The Content-Type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    private synchronized void refresh() {
        StageDecisionFeed decisions = feed;
        if (decisions != null) {
            decisions.poll(this::stageDecision);
        }
        if (watermarks != null && lag != null) {
            Instant now = clock.instant();
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (Watermark w : watermarks.all()) {
                double seconds = Duration.between(w.modstamp(), now).toMillis() / 1000.0;
                rows.add(MultiGauge.Row.of(Tags.of("system", w.system(), "object", w.objectType()), seconds));
            }
            lag.register(rows, true);
        }
    }

    /** The registry, to bind further meters (e.g. JVM metrics) or read values in tests. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
