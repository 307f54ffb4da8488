package io.stagesync.config;

import io.stagesync.stage.Stage;
import io.stagesync.stage.Team;
import io.stagesync.stage.TeamTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code targets:} section: each team's numeric responsibility. A target names a team, a metric (a stage's
 * {@code entries} or {@code median-days-in-stage} with {@code stage}, a handoff's {@code conversion} with {@code from}
 * and {@code to}, or a team KPI such as {@code win-rate}, which names no stage), a period and one bound; a rate's
 * bound lies in 0..1.
 */
final class TargetsReader {
    private final Problems problems;
    private final Set<String> teams;
    private final Map<String, Stage> stages;

    TargetsReader(Problems problems, List<Team> teams, Map<String, Stage> stages) {
        this.problems = problems;
        this.teams = teams.stream().map(Team::id).collect(Collectors.toSet());
        this.stages = stages;
    }

    List<TeamTarget> read(YamlNode top) {
        List<TeamTarget> targets = new ArrayList<>();
        List<YamlNode> items = problems.list(top, "targets", "targets");
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String entry = "targets[" + i + "]";
            if (problems.isMap(item, entry, "a target")) {
                problems.onlyKeys(item, Set.of("team", "metric", "stage", "from", "to", "period", "min", "max",
                        "description"), entry);
                read(item, entry).ifPresent(targets::add);
            }
        }
        return targets;
    }

    private Optional<TeamTarget> read(YamlNode item, String entry) {
        String team = problems.required(item, "team", entry);
        String metricText = problems.required(item, "metric", entry);
        String periodText = problems.required(item, "period", entry);
        if (team != null && !teams.contains(team)) {
            problems.add(item.get("team"), entry, "target for unknown team '" + team + "' (teams: "
                    + String.join(", ", teams.stream().sorted().toList()) + ")");
            team = null;
        }
        Optional<TeamTarget.Metric> metric = Optional.ofNullable(metricText).flatMap(TeamTarget.Metric::parse);
        if (metricText != null && metric.isEmpty()) {
            problems.add(item.get("metric"), entry, "unknown metric '" + metricText
                    + "' (expected one of: " + TeamTarget.Metric.allNames() + ")");
        }
        Optional<TeamTarget.Period> period = Optional.ofNullable(periodText).flatMap(TeamTarget.Period::parse);
        if (periodText != null && period.isEmpty()) {
            problems.add(item.get("period"), entry, "unknown period '" + periodText + "' (expected week, month, quarter or year)");
        }
        String stage = null;
        String from = null;
        String to = null;
        boolean ok = true;
        if (metric.isPresent() && metric.get().needs() == TeamTarget.Metric.Needs.HANDOFF) {
            from = stage(item, "from", entry);
            to = stage(item, "to", entry);
            ok = from != null && to != null;
        } else if (metric.isPresent() && metric.get().needs() == TeamTarget.Metric.Needs.STAGE) {
            stage = stage(item, "stage", entry);
            ok = stage != null;
        } else if (metric.isPresent()) {
            for (String key : List.of("stage", "from", "to")) {
                if (item.get(key) != null) {
                    problems.add(item.get(key), entry, "metric '" + metricText + "' is a team KPI and names no stage: "
                            + "remove '" + key + "'");
                    ok = false;
                }
            }
        }
        Bound bound = bound(item, entry);
        if (bound != null && metric.isPresent() && metric.get().unit() == TeamTarget.Metric.Unit.RATE
                && bound.value > 1) {
            YamlNode at = item.get(bound.kind == TeamTarget.Bound.MIN ? "min" : "max");
            problems.add(at, entry, "'" + at.scalar() + "' is not a rate: metric '" + metricText + "' is a share "
                    + "from 0 to 1 (0.25 = 25 %)");
            bound = null;
        }
        if (team == null || metric.isEmpty() || period.isEmpty() || !ok || bound == null) {
            return Optional.empty();
        }
        return Optional.of(new TeamTarget(team, metric.get(), stage, from, to, period.get(), bound.kind, bound.value));
    }

    private String stage(YamlNode item, String key, String entry) {
        String id = problems.required(item, key, entry);
        if (id != null && !stages.containsKey(id)) {
            problems.add(item.get(key), entry, "unknown stage '" + id + "' in '" + key + "'");
            return null;
        }
        return id;
    }

    private Bound bound(YamlNode item, String entry) {
        String min = item.text("min");
        String max = item.text("max");
        if ((min == null) == (max == null)) {
            problems.add(item, entry, "a target needs exactly one of 'min' or 'max'");
            return null;
        }
        String text = min != null ? min : max;
        try {
            double value = Double.parseDouble(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return new Bound(min != null ? TeamTarget.Bound.MIN : TeamTarget.Bound.MAX, value);
        } catch (NumberFormatException e) {
            problems.add(item.get(min != null ? "min" : "max"), entry, "'" + text + "' is not a non-negative number");
            return null;
        }
    }

    private record Bound(TeamTarget.Bound kind, double value) {
    }
}
