package io.stagesync.kpi;

import java.util.List;
import java.util.Objects;

/**
 * One team's view of the funnel: the stages it owns and its targets.
 *
 * @param team    the team id
 * @param name    the display name
 * @param stages  the team's stages, in model order; unmodifiable
 * @param targets the team's targets with their results, in config order; unmodifiable
 */
public record TeamKpi(String team, String name, List<StageKpi> stages, List<TargetResult> targets) {
    public TeamKpi {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(name, "name");
        stages = List.copyOf(stages);
        targets = List.copyOf(targets);
    }
}
