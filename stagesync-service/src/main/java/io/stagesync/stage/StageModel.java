package io.stagesync.stage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared lifecycle stage model: teams, stages, declared fields, allowed transitions with
 * their compiled handoff rules, team targets and per-system stage mappings.
 *
 * <p>Built only by the loader after validation, so every reference in it resolves (each stage's
 * team exists, each transition joins two stages, each mapping value names a stage). The KPI roles
 * ({@link #kpis()}) are the declared ones, the rest derived (see {@link KpiModel}). Immutable
 * and thread-safe.
 */
public final class StageModel {
    private final Map<String, Team> teams;
    private final Map<String, Stage> stages;
    private final Map<String, FieldDeclaration> fields;
    private final Map<String, Transition> transitions;
    private final ViolationPolicy defaultPolicy;
    private final List<TeamTarget> targets;
    private final List<StageMapping> mappings;
    private final KpiModel kpis;

    /** A model whose KPI roles are all derived ({@link KpiModel.Declared#none()}). */
    public StageModel(List<Team> teams, List<Stage> stages, List<FieldDeclaration> fields,
                      List<Transition> transitions, ViolationPolicy defaultPolicy,
                      List<TeamTarget> targets, List<StageMapping> mappings) {
        this(teams, stages, fields, transitions, defaultPolicy, targets, mappings, KpiModel.Declared.none());
    }

    /** @param kpis what stage-model.yaml declares in {@code kpis}; the rest is derived */
    public StageModel(List<Team> teams, List<Stage> stages, List<FieldDeclaration> fields,
                      List<Transition> transitions, ViolationPolicy defaultPolicy,
                      List<TeamTarget> targets, List<StageMapping> mappings, KpiModel.Declared kpis) {
        this.teams = index(teams, Team::id);
        this.stages = index(stages, Stage::id);
        this.fields = index(fields, FieldDeclaration::name);
        this.transitions = index(transitions, Transition::label);
        this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        this.targets = List.copyOf(targets);
        this.mappings = List.copyOf(mappings);
        this.kpis = KpiModel.resolve(Objects.requireNonNull(kpis, "kpis"), teams, stages, transitions, fields);
    }

    private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(key.apply(item), item));
        return Collections.unmodifiableMap(map);
    }

    public List<Team> teams() {
        return List.copyOf(teams.values());
    }

    /** Stages in config order. */
    public List<Stage> stages() {
        return List.copyOf(stages.values());
    }

    public Optional<Stage> stage(String id) {
        return Optional.ofNullable(stages.get(id));
    }

    /**
     * Where a record of an entity starts when nothing says where it is (its system's stage field
     * is empty): the first {@code initial} stage, in config order, that applies to the entity
     * (LEAD for people and accounts, OPPORTUNITY for deals in the shipped model). Empty when the
     * model has none for the entity.
     */
    public Optional<String> entryStage(io.stagesync.model.EntityType entity) {
        return stages.values().stream().filter(s -> s.initial() && s.appliesTo(entity)).map(Stage::id).findFirst();
    }

    public Optional<Team> team(String id) {
        return Optional.ofNullable(teams.get(id));
    }

    /** Declared fields in config order. */
    public List<FieldDeclaration> fields() {
        return List.copyOf(fields.values());
    }

    public Optional<FieldDeclaration> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** Allowed transitions in config order. */
    public List<Transition> transitions() {
        return List.copyOf(transitions.values());
    }

    /** The transition from one stage to another, if that move is allowed. */
    public Optional<Transition> transition(String from, String to) {
        return Optional.ofNullable(transitions.get(from + "->" + to));
    }

    /** The allowed moves out of a stage, in config order. */
    public List<Transition> transitionsFrom(String from) {
        List<Transition> out = new ArrayList<>();
        for (Transition t : transitions.values()) {
            if (t.from().equals(from)) {
                out.add(t);
            }
        }
        return out;
    }

    /** The moves out of a stage that stagesync makes by itself for an entity, in config order. */
    public List<Transition> automaticFrom(String from, io.stagesync.model.EntityType entity) {
        return transitionsFrom(from).stream().filter(t -> t.isAutomaticFor(entity)).toList();
    }

    /** The policy for moves that are not allowed, and for transitions that name none. */
    public ViolationPolicy defaultPolicy() {
        return defaultPolicy;
    }

    public List<TeamTarget> targets() {
        return targets;
    }

    public List<StageMapping> mappings() {
        return mappings;
    }

    /** What the funnel and team KPIs read: the main line, the stages' roles, deal fields, renewals. */
    public KpiModel kpis() {
        return kpis;
    }

    /** The mapping for one system's object (e.g. {@code salesforce}, {@code Lead}). */
    public Optional<StageMapping> mapping(String system, String object) {
        return mappings.stream().filter(m -> m.system().equals(system) && m.object().equals(object)).findFirst();
    }

    /** Number of distinct handoff rules (a rule shared by several source stages counts once). */
    public int ruleCount() {
        return (int) transitions.values().stream().flatMap(t -> t.rules().stream()).map(HandoffRule::id)
                .distinct().count();
    }
}
