package io.stagesync.sync;

import io.stagesync.mapping.SalesOrderTarget;
import io.stagesync.model.EntityType;
import io.stagesync.stage.GateDecision;
import io.stagesync.stage.RecordValues;
import io.stagesync.stage.RuleOutcome;
import io.stagesync.stage.StageGate;
import io.stagesync.stage.StageModel;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryStore;
import io.stagesync.store.XrefEntry;
import io.stagesync.store.XrefStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies the stage gate to a proposed move and records the decision in the stage history.
 *
 * <p>A record seen for the first time is placed at the stage its source reports (history: from
 * none). Afterwards every move goes through the gate; accepted and refused moves are both
 * recorded with source system, rules and reasons. The derived field {@code erpCustomerId} is the
 * id of the record (an account) or of its account ({@code accountId}) in the order system's customer object
 * ({@link SalesOrderTarget#customerObject()}, mappings {@code sales-orders}), so conditions can require that
 * Finance has the customer; with no order system configured it is not derived. Thread-safe.
 */
final class StageDecider {
    /** The source recorded for moves stagesync makes by itself. */
    static final String SELF = "stagesync";

    private final StageModel model;
    private final StageGate gate;
    private final StageHistoryStore history;
    private final XrefStore xrefs;
    private final Optional<SalesOrderTarget> orders;
    private final Clock clock;

    /** @param orders where won deals' sales orders go (its customer object gives {@code erpCustomerId}), if anywhere */
    StageDecider(StageModel model, StageHistoryStore history, XrefStore xrefs, Optional<SalesOrderTarget> orders,
                 Clock clock) {
        this.model = model;
        this.gate = new StageGate(model);
        this.history = history;
        this.xrefs = xrefs;
        this.orders = Objects.requireNonNull(orders, "orders");
        this.clock = clock;
    }

    /**
     * Whether a record of {@code entity} now at {@code stage} is a won deal: a deal at the model's won stage (its
     * {@code kpis.won} role, declared or derived; a model without one has no won deals).
     */
    boolean isWonDeal(EntityType entity, String stage) {
        return entity == EntityType.DEAL && stage != null && stage.equals(model.kpis().won());
    }

    /** The stage roles of the model (won, customer, opportunity, ...), see {@link io.stagesync.stage.KpiModel}. */
    io.stagesync.stage.KpiModel roles() {
        return model.kpis();
    }

    /**
     * Decides a proposed move of one record.
     *
     * @param current  the record's stage now (null = first seen)
     * @param proposed the stage its source now shows (null or equal to current = no move)
     * @param fields   the record's merged fields (gate input)
     * @param extra    further gate input (e.g. a won deal's amount for its account), may be empty
     * @throws io.stagesync.stage.InvalidRecordException when a field has the wrong type for the gate
     */
    StageStep decide(String canonicalId, EntityType entity, String current, String proposed, Map<String, Object> fields,
                     Map<String, Object> extra, String sourceSystem) {
        if (proposed == null || proposed.equals(current)) {
            return StageStep.keep(current);
        }
        if (model.stage(proposed).filter(s -> s.appliesTo(entity)).isEmpty()) {
            throw new UntranslatableRecordException("stage " + proposed + " does not apply to a " + entity.configName());
        }
        if (current == null) {
            history.append(new StageHistoryEntry(0, canonicalId, entity.configName(), null, proposed,
                    StageHistoryEntry.Outcome.ACCEPTED, null, sourceSystem, List.of(proposed), List.of(),
                    List.of("first seen in " + sourceSystem + " at " + proposed), clock.instant()));
            return new StageStep(StageStep.Action.APPLY, proposed, true, null);
        }
        GateDecision decision = gate.decide(entity, RecordValues.of(model, gateInput(canonicalId, fields, extra)),
                current, proposed);
        record(canonicalId, decision, sourceSystem);
        if (decision.accepted()) {
            return new StageStep(StageStep.Action.APPLY, proposed, true, decision);
        }
        return switch (decision.policy()) {
            case HOLD -> new StageStep(StageStep.Action.HOLD, current, false, decision);
            case REVERT -> new StageStep(StageStep.Action.REVERT, current, false, decision);
            case FLAG -> new StageStep(StageStep.Action.APPLY, proposed, true, decision);
        };
    }

    /**
     * Places a record first seen with an EMPTY stage field (every prospect right after it is created):
     * an empty field proposes nothing, so the record starts at its entity's entry stage (history:
     * from none, with the reason), and the planned writes then put that stage into the field. A
     * record that has a stage already (from another system) keeps it; this is not called for it.
     *
     * @param field the empty field, for the history's reason (e.g. {@code pardot prospect.Lifecycle_Stage__c})
     * @return the step, or a keep of no stage when the model has no entry stage for the entity
     */
    StageStep placeAtEntryStage(String canonicalId, EntityType entity, String sourceSystem, String field) {
        Optional<String> entry = model.entryStage(entity);
        if (entry.isEmpty()) {
            return StageStep.keep(null);
        }
        history.append(new StageHistoryEntry(0, canonicalId, entity.configName(), null, entry.get(),
                StageHistoryEntry.Outcome.ACCEPTED, null, sourceSystem, List.of(entry.get()), List.of(),
                List.of("first seen in " + sourceSystem + " with an empty stage field (" + field
                        + "): placed at the entry stage " + entry.get()), clock.instant()));
        return new StageStep(StageStep.Action.APPLY, entry.get(), true, null);
    }

    /** The stage field of a system object, if the stage model maps one. */
    Optional<io.stagesync.stage.StageMapping> stageField(String system, String object) {
        return model.mapping(system, object);
    }

    /**
     * Takes the automatic moves out of a record's stage (e.g. LEAD→MQL once the score qualifies,
     * LOST→NURTURE for recycling) while their rules hold, recording each as accepted with source
     * {@value #SELF}. A move whose rules do not hold yet is simply not taken (no violation: nobody
     * asked for it).
     *
     * @return the stage the record ends in (the given one when no automatic move applies)
     */
    String autoAdvance(String canonicalId, EntityType entity, String stage, Map<String, Object> fields) {
        if (stage == null) {
            return null;
        }
        String current = stage;
        java.util.Set<String> visited = new java.util.HashSet<>(List.of(stage));
        for (boolean moved = true; moved; ) {
            moved = false;
            for (io.stagesync.stage.Transition t : model.automaticFrom(current, entity)) {
                if (visited.contains(t.to())) {
                    continue;
                }
                GateDecision decision = gate.decide(entity, RecordValues.of(model, gateInput(canonicalId, fields, Map.of())),
                        current, t.to());
                if (decision.accepted() && decision.path().size() == 2) {
                    record(canonicalId, decision, SELF);
                    current = t.to();
                    visited.add(current);
                    moved = true;
                    break;
                }
            }
        }
        return current;
    }

    private Map<String, Object> gateInput(String canonicalId, Map<String, Object> fields, Map<String, Object> extra) {
        Map<String, Object> input = new HashMap<>(fields);
        input.putAll(extra);
        erpCustomerId(canonicalId, fields).ifPresent(id -> input.putIfAbsent("erpCustomerId", id));
        return input;
    }

    /**
     * The order system's customer id of the record (an account) or of its account; empty when it has none or no
     * order system is configured.
     */
    Optional<String> erpCustomerId(String canonicalId, Map<String, Object> fields) {
        if (orders.isEmpty()) {
            return Optional.empty();
        }
        String system = orders.get().system();
        String customer = orders.get().customerObject();
        Optional<String> own = xrefs.find(canonicalId, system, customer).map(XrefEntry::externalId);
        if (own.isPresent() || fields.get("accountId") == null) {
            return own;
        }
        return xrefs.find(fields.get("accountId").toString(), system, customer).map(XrefEntry::externalId);
    }

    private void record(String canonicalId, GateDecision decision, String sourceSystem) {
        StageHistoryEntry.Outcome outcome = switch (decision.verdict()) {
            case ACCEPTED -> StageHistoryEntry.Outcome.ACCEPTED;
            case NOT_ALLOWED -> StageHistoryEntry.Outcome.REFUSED_NOT_ALLOWED;
            case VIOLATED -> StageHistoryEntry.Outcome.REFUSED_VIOLATED;
        };
        List<String> rules = (decision.accepted() ? decision.rules() : decision.failedRules()).stream()
                .map(RuleOutcome::ruleId).distinct().toList();
        history.append(new StageHistoryEntry(0, canonicalId, decision.entity().configName(), decision.from(),
                decision.to(), outcome, decision.policy() == null ? null : decision.policy().configName(),
                Objects.requireNonNull(sourceSystem), decision.path(), rules, decision.reasons(), clock.instant()));
    }
}
