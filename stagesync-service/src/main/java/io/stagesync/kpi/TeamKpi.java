package io.stagesync.kpi;

import java.util.List;
import java.util.Objects;

/**
 * One team's view of the funnel: the stages it owns, its targets and the KPIs it is judged by.
 *
 * @param team    the team id
 * @param name    the display name
 * @param stages  the team's stages, in model order; unmodifiable
 * @param targets the team's targets with their results, in config order; unmodifiable
 * @param kpis    the team KPIs it owns (see {@link TeamKpiCalculator}); unmodifiable
 */
public record TeamKpi(String team, String name, List<StageKpi> stages, List<TargetResult> targets,
                      List<TeamKpiValue> kpis) {
    public TeamKpi {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(stages);
        targets = List.copyOf(targets);
        kpis = List.copyOf(kpis);
    }
}
