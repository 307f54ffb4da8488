package io.stagesync.kpi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The funnel KPIs of one period, computed by {@link FunnelKpiCalculator}.
 *
 * @param from       the period's inclusive start
 * @param to         the period's exclusive end
 * @param now        the "as of" instant: history after it was ignored, counts are as of it
 * @param entityType nullable: the entity type the report is limited to ({@code person}, {@code account},
 *                   {@code deal}); null = all records
 * @param teams      per team (model order): its stages and targets; unmodifiable
 * @param handoffs   conversion of the main funnel handoffs and of every handoff a target names; unmodifiable
 * @param bottleneck nullable: the handoff furthest below its target, none when all meet theirs
 * @param violations refused moves in the period
 * @param recycled   entries into the recycling stage (NURTURE) in the period (records sent back to marketing)
 * @param renewal    renewal and logo retention (see {@link Renewal})
 * @param mainLine   the funnel's main line, in order (the model's {@code kpis.main-line}); unmodifiable
 * @param timeInStage nullable (no bottleneck): how long records stayed in the bottleneck's source stage
 */
public record FunnelReport(Instant from, Instant to, Instant now, String entityType, List<TeamKpi> teams,
                           List<HandoffKpi> handoffs, Bottleneck bottleneck, ViolationCounts violations,
                           long recycled, Renewal renewal, List<String> mainLine, TimeInStage timeInStage) {
    public FunnelReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(now, "now");
        teams = List.copyOf(teams);
        handoffs = List.copyOf(handoffs);
        Objects.requireNonNull(violations, "violations");
        Objects.requireNonNull(renewal, "renewal");
        mainLine = List.copyOf(mainLine);
    }

    /** The team KPIs of every team, in team order. */
    public List<TeamKpiValue> teamKpis() {
        return teams.stream().flatMap(t -> t.kpis().stream()).toList();
    }

    /** The KPIs of one stage, if the model has it. */
    public java.util.Optional<StageKpi> stage(String id) {
        return teams.stream().flatMap(t -> t.stages().stream()).filter(s -> s.stage().equals(id)).findFirst();
    }

    /** The conversion of one handoff, if it was computed. */
    public java.util.Optional<HandoffKpi> handoff(String from, String to) {
        return handoffs.stream().filter(h -> h.from().equals(from) && h.to().equals(to)).findFirst();
    }
}
