package io.stagesync.kpi;

import io.stagesync.model.EntityType;
import io.stagesync.stage.KpiModel;
import io.stagesync.stage.Stage;
import io.stagesync.stage.StageModel;
import io.stagesync.stage.Team;
import io.stagesync.stage.TeamTarget;
import io.stagesync.stage.TeamTarget.Bound;
import io.stagesync.stage.TeamTarget.Metric;
import io.stagesync.stage.TeamTarget.Period;
import io.stagesync.stage.ViolationPolicy;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryEntry.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-built stage model (The Model's stages and teams; no transitions, so the KPI roles that would be derived
 * from them are declared as the shipped model's: main line LEAD … CUSTOMER, LOST, CHURNED and NURTURE recycling) and
 * a small builder of stage history entries, so KPI tests state every input they use.
 */
final class KpiFixtures {
    static final Set<EntityType> ALL = Set.of(EntityType.PERSON, EntityType.ACCOUNT, EntityType.DEAL);

    private KpiFixtures() {
    }

    static StageModel model(List<TeamTarget> targets) {
        List<Team> teams = List.of(new Team("MARKETING", "Marketing"), new Team("INSIDE_SALES", "Inside Sales"),
                new Team("FIELD_SALES", "Field Sales"), new Team("CUSTOMER_SUCCESS", "Customer Success"));
        List<Stage> stages = List.of(stage("LEAD", "MARKETING"), stage("MQL", "MARKETING"),
                stage("SAL", "INSIDE_SALES"), stage("SQL", "INSIDE_SALES"), stage("DISQUALIFIED", "INSIDE_SALES"),
                stage("OPPORTUNITY", "FIELD_SALES"), stage("WON", "FIELD_SALES"), stage("LOST", "FIELD_SALES"),
                stage("CUSTOMER", "CUSTOMER_SUCCESS"), stage("CHURNED", "CUSTOMER_SUCCESS"),
                stage("NURTURE", "MARKETING"));
        return new StageModel(teams, stages, List.of(), List.of(), ViolationPolicy.HOLD, targets, List.of(), ROLES);
    }

    /** The shipped model's KPI roles that its transitions would give. */
    static final KpiModel.Declared ROLES = new KpiModel.Declared(
            List.of("LEAD", "MQL", "SAL", "SQL", "OPPORTUNITY", "WON", "CUSTOMER"),
            Map.of(KpiModel.Role.LOST, "LOST", KpiModel.Role.CHURNED, "CHURNED", KpiModel.Role.RECYCLE, "NURTURE"),
            null, null, null);

    /** {@link #model} with deal fields: amount, closeDate, and renewals marked by dealType = "Renewal". */
    static StageModel modelWithDealFields(List<TeamTarget> targets) {
        StageModel all = model(targets);
        KpiModel.Declared roles = new KpiModel.Declared(ROLES.mainLine(), ROLES.roles(), "amount", "closeDate",
                new KpiModel.RenewalDeclaration("dealType", List.of("Renewal")));
        return new StageModel(all.teams(), all.stages(), List.of(), List.of(), ViolationPolicy.HOLD, targets,
                List.of(), roles);
    }

    private static Stage stage(String id, String team) {
        return new Stage(id, team, true, ALL);
    }

    /** {@link #model} where, as in The Model, a deal is never at CUSTOMER, CHURNED or NURTURE. */
    static StageModel modelWithoutDealsAfterWon(List<TeamTarget> targets) {
        StageModel all = model(targets);
        Set<EntityType> noDeals = Set.of(EntityType.PERSON, EntityType.ACCOUNT);
        List<Stage> stages = all.stages().stream().map(s -> List.of("CUSTOMER", "CHURNED", "NURTURE").contains(s.id())
                ? new Stage(s.id(), s.teamId(), s.initial(), noDeals) : s).toList();
        return new StageModel(all.teams(), stages, List.of(), List.of(), ViolationPolicy.HOLD, targets, List.of(),
                ROLES);
    }

    static TeamTarget entries(String team, String stage, Period period, double min) {
        return new TeamTarget(team, Metric.ENTRIES, stage, null, null, period, Bound.MIN, min);
    }

    static TeamTarget conversion(String team, String from, String to, Period period, double min) {
        return new TeamTarget(team, Metric.CONVERSION, null, from, to, period, Bound.MIN, min);
    }

    static TeamTarget medianDays(String team, String stage, Period period, double max) {
        return new TeamTarget(team, Metric.MEDIAN_DAYS_IN_STAGE, stage, null, null, period, Bound.MAX, max);
    }

    static Instant at(String isoDateOrInstant) {
        return isoDateOrInstant.length() == 10 ? Instant.parse(isoDateOrInstant + "T00:00:00Z")
                : Instant.parse(isoDateOrInstant);
    }

    /** Appends entries with ascending ids, as the store would. */
    static final class History {
        private final List<StageHistoryEntry> entries = new ArrayList<>();
        private String entity = "person";

        History entity(String entityType) {
            this.entity = entityType;
            return this;
        }

        /** The record first seen at a stage. */
        History firstSeen(String record, String stage, String when) {
            return add(record, null, stage, Outcome.ACCEPTED, null, List.of(stage), List.of(), when);
        }

        /** An accepted move; {@code via} lists the stages a jump passed through. */
        History accepted(String record, String from, String to, String when, String... via) {
            List<String> path = new ArrayList<>();
            path.add(from);
            path.addAll(List.of(via));
            path.add(to);
            return add(record, from, to, Outcome.ACCEPTED, null, path, List.of(), when);
        }

        History violated(String record, String from, String to, String policy, String when, String... failedRules) {
            return add(record, from, to, Outcome.REFUSED_VIOLATED, policy, List.of(from, to), List.of(failedRules),
                    when);
        }

        History notAllowed(String record, String from, String to, String policy, String when) {
            return add(record, from, to, Outcome.REFUSED_NOT_ALLOWED, policy, List.of(), List.of(), when);
        }

        private History add(String record, String from, String to, Outcome outcome, String policy, List<String> path,
                            List<String> rules, String when) {
            entries.add(new StageHistoryEntry(entries.size() + 1, record, entity, from, to, outcome, policy, "salesforce",
                    path, rules, List.of("test"), at(when)));
            return this;
        }

        List<StageHistoryEntry> entries() {
            return List.copyOf(entries);
        }
    }
}
