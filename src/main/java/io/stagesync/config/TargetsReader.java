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

/** Reads the {@code targets:} section: each team's numeric responsibility. */
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
                    + "' (expected entries, conversion or median-days-in-stage)");
        }
        Optional<TeamTarget.Period> period = Optional.ofNullable(periodText).flatMap(TeamTarget.Period::parse);
        if (periodText != null && period.isEmpty()) {
            problems.add(item.get("period"), entry, "unknown period '" + periodText + "' (expected week, month, quarter or year)");
        }
        String stage = null;
        String from = null;
        String to = null;
        boolean ok = true;
        if (metric.isPresent() && metric.get() == TeamTarget.Metric.CONVERSION) {
            from = stage(item, "from", entry);
            to = stage(item, "to", entry);
            ok = from != null && to != null;
        } else if (metric.isPresent()) {
            stage = stage(item, "stage", entry);
            ok = stage != null;
        }
        Bound bound = bound(item, entry);
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
