package io.stagesync.admin;

import io.stagesync.kpi.KpiPeriod;
import io.stagesync.metrics.ConnectorRuntime;
import io.stagesync.stage.StageModel;
import io.stagesync.stage.TeamTarget;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryEntry.Outcome;
import io.stagesync.store.StateStore;
import io.stagesync.store.Watermark;
import io.stagesync.store.XrefEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's logic, one method per endpoint, free of HTTP: each takes the parsed parameters and
 * returns the reply to render, or throws {@link AdminException} (400 naming the parameter, 404 for an
 * unknown id). The endpoints and their JSON are documented in docs/admin-api.md. Thread-safe.
 */
public final class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    /** Parameters each endpoint takes. */
    static final Set<String> VIOLATION_PARAMS = Set.of("rule", "stage", "system", "since", "until", "limit", "order");
    static final Set<String> DEAD_LETTER_PARAMS = Set.of("status", "limit");
    static final Set<String> REPLAY_ALL_PARAMS = Set.of("system", "limit");
    static final Set<String> DISCARD_PARAMS = Set.of("reason");
    static final Set<String> KPI_PARAMS = KpiEndpoints.KPI_PARAMS;
    static final Set<String> KPI_TREND_PARAMS = KpiEndpoints.TREND_PARAMS;
    static final Set<String> KPI_ENTRIES_PARAMS = KpiEndpoints.ENTRIES_PARAMS;
    static final Set<String> RECONCILE_PARAMS = Set.of("repair");
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_DEAD_LETTERS = 1000;

    private final StageModel model;
    private final StateStore store;
    private final ConnectorRuntime runtime;
    private final DeadLetterActions deadLetterActions;
    private final KpiEndpoints kpiEndpoints;
    private final Reconciliations reconciliations;
    private final Clock clock;

    /**
     * An API without reconcile ({@code /api/reconcile} answers 503).
     *
     * @param replayer supplies the current replayer (the engine's, or {@link DeadLetterReplayer#unavailable()})
     */
    public AdminApi(StageModel model, StateStore store, ConnectorRuntime runtime, Supplier<DeadLetterReplayer> replayer,
                    Clock clock) {
        this(model, store, runtime, replayer, Reconciliations.unavailable(), clock);
    }

    /**
     * @param replayer        supplies the current replayer (the engine's, or {@link DeadLetterReplayer#unavailable()})
     * @param reconciliations runs {@code reconcile} in the service and keeps its last result
     */
    public AdminApi(StageModel model, StateStore store, ConnectorRuntime runtime, Supplier<DeadLetterReplayer> replayer,
                    Reconciliations reconciliations, Clock clock) {
        this.reconciliations = Objects.requireNonNull(reconciliations, "reconciliations");
        this.model = Objects.requireNonNull(model, "model");
        this.store = Objects.requireNonNull(store, "store");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.deadLetterActions = new DeadLetterActions(store.deadLetters(), replayer);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.kpiEndpoints = new KpiEndpoints(model, store, clock);
    }

    /**
     * {@code GET /api/health}: 200 UP when the store answers, else 503 DOWN, and what this instance is (its role
     * among instances sharing the store, see {@link ConnectorRuntime#instance()}). No secrets: it needs no token.
     */
    public AdminReply health() {
        boolean storeUp;
        try {
            store.deadLetters().count(DeadLetter.Status.OPEN);
            storeUp = true;
        } catch (RuntimeException e) {
            LOG.warn("health: the state store does not answer: {}", e.getMessage());
            storeUp = false;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", storeUp ? "UP" : "DOWN");
        body.put("store", storeUp ? "UP" : "DOWN");
        Map<String, Object> instance = runtime.instance();
        if (!instance.isEmpty()) {
            body.put("instance", instance);
        }
        return new AdminReply(storeUp ? 200 : 503, body);
    }

    /**
     * {@code GET /api/connectors}: per system, poll state, breaker, API quota, the writes waiting in its outbox
     * (planned and not sent yet: many while it fails as a whole or is slow), watermarks and lag.
     */
    public AdminReply connectors() {
        Instant now = clock.instant();
        List<Watermark> watermarks = store.watermarks().all();
        Map<String, Integer> held = store.outbox().counts();
        Set<String> systems = new LinkedHashSet<>(runtime.systems());
        watermarks.forEach(w -> systems.add(w.system()));
        systems.addAll(held.keySet());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String system : systems) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("system", system);
            view.put("configured", runtime.systems().contains(system));
            view.put("lastSuccessfulPoll", runtime.lastSuccessfulPoll(system));
            view.put("lastError", runtime.lastError(system));
            view.put("breaker", runtime.breakerState(system));
            view.put("apiQuota", AdminViews.quota(runtime.apiQuota(system)));
            view.put("heldWrites", held.getOrDefault(system, 0));
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Watermark w : watermarks) {
                if (w.system().equals(system)) {
                    Map<String, Object> object = new LinkedHashMap<>();
                    object.put("objectType", w.objectType());
                    object.put("watermark", w.modstamp());
                    object.put("lastId", w.lastId());
                    object.put("lagSeconds", Duration.between(w.modstamp(), now).toMillis() / 1000.0);
                    objects.add(object);
                }
            }
            view.put("objects", objects);
            out.add(view);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("now", now);
        body.put("connectors", out);
        return AdminReply.ok(body);
    }

    /** The order of {@code GET /api/violations}; the limit keeps the first entries in that order. */
    enum Order { OLDEST, NEWEST }

    /** {@code GET /api/violations}: refused moves from the stage history, oldest first ({@code order=newest}: newest). */
    public AdminReply violations(AdminQuery query) {
        String stage = query.string("stage");
        if (stage != null && model.stage(stage).isEmpty()) {
            throw AdminException.badParameter("stage", "unknown stage '" + stage + "'; stages: "
                    + String.join(", ", model.stages().stream().map(s -> s.id()).toList()));
        }
        Instant since = query.instant("since");
        Instant until = query.instant("until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw AdminException.badParameter("until", "until (" + until + ") must be after since (" + since + ")");
        }
        int limit = query.intIn("limit", 1, HistoryQuery.MAX_LIMIT, DEFAULT_LIMIT);
        Order order = query.enumOf("order", Order.class);
        List<StageHistoryEntry> entries = store.stageHistory().query(HistoryQuery.builder()
                .outcome(Outcome.REFUSED_VIOLATED, Outcome.REFUSED_NOT_ALLOWED).rule(query.string("rule"))
                .toStage(stage).sourceSystem(query.string("system")).since(since).until(until).limit(limit)
                .newestFirst(order == Order.NEWEST).build());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", entries.size());
        body.put("truncated", entries.size() == limit);
        body.put("violations", entries.stream().map(AdminViews::entry).toList());
        return AdminReply.ok(body);
    }

    /** {@code GET /api/dead-letters}: newest first, with the count per status. */
    public AdminReply deadLetters(AdminQuery query) {
        DeadLetter.Status status = query.enumOf("status", DeadLetter.Status.class);
        int limit = query.intIn("limit", 1, MAX_DEAD_LETTERS, DEFAULT_LIMIT);
        List<DeadLetter> letters = store.deadLetters().list(status, limit);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (DeadLetter.Status s : DeadLetter.Status.values()) {
            counts.put(s.name(), store.deadLetters().count(s));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("counts", counts);
        body.put("count", letters.size());
        body.put("deadLetters", letters.stream().map(AdminViews::deadLetter).toList());
        return AdminReply.ok(body);
    }

    /** {@code POST /api/dead-letters/{id}/replay}: see {@link DeadLetterReplayer} for the lifecycle. */
    public AdminReply replay(String idText) {
        return deadLetterActions.replay(DeadLetterActions.parseId(idText));
    }

    /** {@code POST /api/dead-letters/replay?system=&limit=}: every OPEN letter of one system, oldest first. */
    public AdminReply replayAll(AdminQuery query) {
        return deadLetterActions.replayAll(query);
    }

    /** {@code GET /api/reconcile}: the last reconcile's result (scheduled or asked for); 404 before the first. */
    public AdminReply lastReconcile() {
        return AdminReply.ok(AdminViews.reconcile(reconciliations.last().orElseThrow(() -> AdminException.notFound(
                "no reconcile has run yet: POST /api/reconcile, or set stagesync.reconcile.interval-minutes"))));
    }

    /**
     * {@code POST /api/reconcile?repair=false|true}: reads every linked record's stage in every connected system now
     * and compares it with the canonical stage; with {@code repair=true} writes the canonical stage to the drifting
     * records. 503 while the engine is not up.
     */
    public AdminReply reconcile(AdminQuery query) {
        String repair = query.string("repair");
        if (repair != null && !repair.equals("true") && !repair.equals("false")) {
            throw AdminException.badParameter("repair", "repair must be true or false, got '" + repair + "'");
        }
        if (!reconciliations.available()) {
            throw new AdminException(503, null, "reconcile is not available yet: the sync engine is starting");
        }
        return AdminReply.ok(AdminViews.reconcile(reconciliations.run("true".equals(repair))));
    }

    /** {@code POST /api/dead-letters/{id}/discard?reason=}: gives a letter up; it is kept, DISCARDED. */
    public AdminReply discard(String idText, AdminQuery query) {
        return deadLetterActions.discard(DeadLetterActions.parseId(idText), query);
    }

    /** {@code GET /api/records/{canonicalId}/history}: links in every system and the stage history. */
    public AdminReply recordHistory(String canonicalId) {
        if (canonicalId == null || canonicalId.isBlank()) {
            throw AdminException.badParameter("canonicalId", "the canonical id is empty");
        }
        List<XrefEntry> links = store.xrefs().findByCanonical(canonicalId);
        List<StageHistoryEntry> history = store.stageHistory().forRecord(canonicalId);
        Optional<CanonicalRecord> record = store.records().find(canonicalId);
        if (links.isEmpty() && history.isEmpty() && record.isEmpty()) {
            throw AdminException.notFound("no record with canonical id " + canonicalId);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("canonicalId", canonicalId);
        body.put("entityType", record.map(CanonicalRecord::entityType)
                .orElse(history.isEmpty() ? null : history.get(0).entityType()));
        body.put("stage", record.map(CanonicalRecord::stage).orElse(null));
        body.put("updatedAt", record.map(CanonicalRecord::updatedAt).orElse(null));
        body.put("links", links.stream().map(AdminViews::link).toList());
        body.put("history", history.stream().map(AdminViews::entry).toList());
        return AdminReply.ok(body);
    }

    /** {@code GET /api/kpis}: the funnel and team KPIs of one period over the whole stage history. */
    public AdminReply kpis(AdminQuery query) {
        return kpiEndpoints.kpis(query);
    }

    /** {@code GET /api/kpis/trend}: the team KPIs of the last weeks or months (see {@link KpiEndpoints#trend}). */
    public AdminReply kpiTrend(AdminQuery query) {
        return kpiEndpoints.trend(query);
    }

    /** {@code GET /api/kpis/{kpi}/entries}: what one team KPI is made of (see {@link KpiEndpoints#entries}). */
    public AdminReply kpiEntries(String kpi, AdminQuery query) {
        return kpiEndpoints.entries(kpi, query);
    }

    /**
     * The period: {@code from} and {@code to} as given; {@code from} alone → one {@code period} (default
     * month) from it; neither → the calendar {@code period} (UTC) containing now.
     */
    static KpiPeriod period(AdminQuery query, Instant now) {
        String unitText = query.string("period");
        TeamTarget.Period unit = unitText == null ? TeamTarget.Period.MONTH : TeamTarget.Period.parse(unitText)
                .orElseThrow(() -> AdminException.badParameter("period", "parameter 'period' must be one of "
                        + String.join(", ", KpiView.periods()) + ", got '" + unitText + "'"));
        Instant from = query.instant("from");
        Instant to = query.instant("to");
        if (from == null && to != null) {
            throw AdminException.badParameter("from", "parameter 'to' needs 'from'");
        }
        if (from == null) {
            return KpiPeriod.containing(unit, now);
        }
        if (to == null) {
            var start = from.atZone(ZoneOffset.UTC);
            var end = switch (unit) {
                case WEEK -> start.plusWeeks(1);
                case MONTH -> start.plusMonths(1);
                case QUARTER -> start.plusMonths(3);
                case YEAR -> start.plusYears(1);
            };
            to = end.toInstant();
        }
        if (!from.isBefore(to)) {
            throw AdminException.badParameter("to", "'to' (" + to + ") must be after 'from' (" + from + ")");
        }
        return new KpiPeriod(from, to);
    }
}
