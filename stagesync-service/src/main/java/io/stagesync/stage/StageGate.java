package io.stagesync.stage;

import io.stagesync.model.EntityType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Decides whether a record may move from its current stage to a proposed one.
 *
 * <p>A move is accepted when some chain of allowed transitions leads from the current to the
 * proposed stage, through stages that apply to the record's entity type, and every rule of
 * every step holds on the record. Paths are tried shortest first (ties in config order); the
 * first that holds is taken. When paths exist but none holds, the decision reports the tried
 * path with the fewest failed rules among the shortest, and the policy of its first failing
 * step. When no path exists, the model's default policy applies.
 *
 * <p>Pure: no I/O, no clock, no shared mutable state; thread-safe.
 */
public final class StageGate {
    private static final int MAX_PATHS = 10_000;

    private final StageModel model;

    public StageGate(StageModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * Decides one move.
     *
     * @param entity the record's entity type
     * @param record the record's typed values
     * @param from   the current stage id
     * @param to     the proposed stage id
     * @return the decision, never null
     * @throws IllegalArgumentException when a stage is unknown or does not apply to the entity
     */
    public GateDecision decide(EntityType entity, RecordValues record, String from, String to) {
        requireStage(entity, from, "current");
        requireStage(entity, to, "proposed");
        if (from.equals(to)) {
            return new GateDecision(GateDecision.Verdict.ACCEPTED, entity, from, to, List.of(from), List.of(), null,
                    List.of("no move: the record is already in " + to));
        }
        List<List<Transition>> paths = paths(entity, from, to);
        if (paths.isEmpty()) {
            return notAllowed(entity, from, to);
        }
        Map<String, List<RuleOutcome>> byStep = new HashMap<>();
        List<Candidate> tried = new ArrayList<>();
        for (List<Transition> path : paths) {
            Candidate candidate = evaluate(path, record, byStep);
            if (candidate.failures() == 0) {
                return accepted(entity, from, to, candidate);
            }
            tried.add(candidate);
        }
        int shortest = tried.get(0).steps().size();
        Candidate best = tried.stream().filter(c -> c.steps().size() == shortest)
                .min(Comparator.comparingInt(Candidate::failures)).orElseThrow();
        return violated(entity, from, to, best);
    }

    private void requireStage(EntityType entity, String id, String role) {
        Stage stage = model.stage(id).orElseThrow(() -> new IllegalArgumentException("unknown " + role
                + " stage '" + id + "' (stages: " + model.stages().stream().map(Stage::id)
                .collect(Collectors.joining(", ")) + ")"));
        if (!stage.appliesTo(entity)) {
            throw new IllegalArgumentException("stage " + id + " does not apply to a " + entity.configName()
                    + " (it applies to: " + stage.entities().stream().map(EntityType::configName).sorted()
                    .collect(Collectors.joining(", ")) + ")");
        }
    }

    private List<List<Transition>> paths(EntityType entity, String from, String to) {
        List<List<Transition>> found = new ArrayList<>();
        LinkedHashSet<String> visited = new LinkedHashSet<>();
        visited.add(from);
        walk(entity, from, to, visited, new ArrayList<>(), found);
        found.sort(Comparator.comparingInt(List::size));
        return found;
    }

    private void walk(EntityType entity, String at, String to, LinkedHashSet<String> visited,
                      List<Transition> sofar, List<List<Transition>> found) {
        if (found.size() >= MAX_PATHS) {
            return;
        }
        for (Transition t : model.transitionsFrom(at)) {
            if (visited.contains(t.to()) || !model.stage(t.to()).orElseThrow().appliesTo(entity)) {
                continue;
            }
            sofar.add(t);
            if (t.to().equals(to)) {
                found.add(List.copyOf(sofar));
            } else {
                visited.add(t.to());
                walk(entity, t.to(), to, visited, sofar, found);
                visited.remove(t.to());
            }
            sofar.remove(sofar.size() - 1);
        }
    }

    private Candidate evaluate(List<Transition> path, RecordValues record, Map<String, List<RuleOutcome>> byStep) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        for (Transition step : path) {
            outcomes.addAll(byStep.computeIfAbsent(step.label(), k -> evaluate(step, record)));
        }
        return new Candidate(path, outcomes);
    }

    private static List<RuleOutcome> evaluate(Transition step, RecordValues record) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        for (HandoffRule rule : step.rules()) {
            ConditionResult result = rule.condition().evaluate(record.asMap());
            outcomes.add(new RuleOutcome(step.label(), rule.id(), rule.condition().expression(),
                    rule.description(), result.held(), result.values(), result.detail()));
        }
        return outcomes;
    }

    private GateDecision accepted(EntityType entity, String from, String to, Candidate path) {
        List<String> reasons = new ArrayList<>();
        reasons.add("accepted along " + String.join(" -> ", path.stages()));
        path.rules().forEach(r -> reasons.add(r.explain()));
        return new GateDecision(GateDecision.Verdict.ACCEPTED, entity, from, to, path.stages(), path.rules(), null,
                reasons);
    }

    private GateDecision violated(EntityType entity, String from, String to, Candidate path) {
        ViolationPolicy policy = path.steps().stream()
                .filter(step -> path.rules().stream().anyMatch(r -> !r.held() && r.transition().equals(step.label())))
                .findFirst().orElseThrow().policy();
        List<String> reasons = new ArrayList<>();
        reasons.add("violated along " + String.join(" -> ", path.stages()) + ": "
                + path.failures() + " rule(s) failed; policy " + policy.configName());
        path.rules().stream().filter(r -> !r.held()).forEach(r -> reasons.add(r.explain()));
        return new GateDecision(GateDecision.Verdict.VIOLATED, entity, from, to, path.stages(), path.rules(), policy,
                reasons);
    }

    private GateDecision notAllowed(EntityType entity, String from, String to) {
        String allowed = model.transitionsFrom(from).stream()
                .filter(t -> model.stage(t.to()).orElseThrow().appliesTo(entity))
                .map(Transition::to).collect(Collectors.joining(", "));
        String reason = "not allowed: no chain of allowed transitions leads from " + from + " to " + to
                + " for a " + entity.configName() + " (allowed from " + from + ": "
                + (allowed.isEmpty() ? "none" : allowed) + "); policy " + model.defaultPolicy().configName();
        return new GateDecision(GateDecision.Verdict.NOT_ALLOWED, entity, from, to, List.of(), List.of(),
                model.defaultPolicy(), List.of(reason));
    }

    private record Candidate(List<Transition> steps, List<RuleOutcome> rules) {
        int failures() {
            return (int) rules.stream().filter(r -> !r.held()).count();
        }

        List<String> stages() {
            List<String> stages = new ArrayList<>();
            stages.add(steps.get(0).from());
            steps.forEach(s -> stages.add(s.to()));
            return stages;
        }
    }
}
