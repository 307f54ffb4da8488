package io.stagesync.config;

import io.stagesync.model.EntityType;
import io.stagesync.stage.ConditionCompiler;
import io.stagesync.stage.ConditionProblem;
import io.stagesync.stage.HandoffRule;
import io.stagesync.stage.Stage;
import io.stagesync.stage.Transition;
import io.stagesync.stage.ViolationPolicy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code transitions:} section: allowed moves, their rules (compiled) and policies. */
final class TransitionsReader {
    private final Problems problems;
    private final Map<String, Stage> stages;
    private final ConditionCompiler compiler;
    private final ViolationPolicy defaultPolicy;
    private final Map<String, Integer> ruleLines = new LinkedHashMap<>();
    private final Map<String, Integer> moveLines = new LinkedHashMap<>();

    TransitionsReader(Problems problems, Map<String, Stage> stages, ConditionCompiler compiler,
                      ViolationPolicy defaultPolicy) {
        this.problems = problems;
        this.stages = stages;
        this.compiler = compiler;
        this.defaultPolicy = defaultPolicy;
    }

    List<Transition> read(YamlNode top) {
        List<Transition> transitions = new ArrayList<>();
        List<YamlNode> items = problems.list(top, "transitions", "transitions");
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String entry = "transitions[" + i + "]";
            if (!problems.isMap(item, entry, "a transition")) {
                continue;
            }
            problems.onlyKeys(item, Set.of("from", "to", "rules", "policy", "description", "auto"), entry);
            List<String> froms = froms(item, entry);
            String to = problems.required(item, "to", entry);
            if (froms.isEmpty() || to == null) {
                continue;
            }
            entry += " " + String.join("|", froms) + "->" + to;
            boolean known = known(item.get("to"), to, entry);
            for (String from : froms) {
                known &= known(item.get("from"), from, entry);
            }
            ViolationPolicy policy = policy(item, entry);
            List<HandoffRule> rules = rules(item, entry);
            Set<EntityType> auto = auto(item, entry);
            for (String from : froms) {
                String move = from + "->" + to;
                if (moveLines.containsKey(move)) {
                    problems.add(item, entry, "duplicate transition " + move + " (first at line " + moveLines.get(move) + ")");
                } else if (from.equals(to)) {
                    problems.add(item, entry, "a transition must change the stage (" + move + ")");
                } else if (known) {
                    moveLines.put(move, item.line());
                    transitions.add(new Transition(from, to, rules, policy, auto));
                }
            }
        }
        return transitions;
    }

    private List<String> froms(YamlNode item, String entry) {
        YamlNode from = item.get("from");
        if (from != null && from.isList()) {
            List<String> ids = new ArrayList<>();
            from.list().forEach(n -> {
                if (n.isScalar() && !n.scalar().isBlank()) {
                    ids.add(n.scalar().trim());
                } else {
                    problems.add(n, entry, "'from' entries must be stage ids");
                }
            });
            return ids;
        }
        String single = problems.required(item, "from", entry);
        return single == null ? List.of() : List.of(single);
    }

    private boolean known(YamlNode at, String stage, String entry) {
        if (stages.containsKey(stage)) {
            return true;
        }
        problems.add(at, entry, "unknown stage '" + stage + "' (stages: " + String.join(", ", stages.keySet()) + ")");
        return false;
    }

    private Set<EntityType> auto(YamlNode item, String entry) {
        YamlNode node = item.get("auto");
        if (node == null || node.isNull()) {
            return Set.of();
        }
        Set<EntityType> entities = EnumSet.noneOf(EntityType.class);
        for (YamlNode value : node.isList() ? node.list() : List.of(node)) {
            Optional<EntityType> entity = EntityType.parse(value.scalar());
            if (entity.isEmpty()) {
                problems.add(value, entry, "'auto' lists the entities stagesync moves by itself; unknown entity '"
                        + value.scalar() + "' (expected: " + EntityType.allNames() + ")");
            } else {
                entities.add(entity.get());
            }
        }
        return entities;
    }

    private ViolationPolicy policy(YamlNode item, String entry) {
        String text = item.text("policy");
        if (text == null) {
            return defaultPolicy;
        }
        return ViolationPolicy.parse(text).orElseGet(() -> {
            problems.add(item.get("policy"), entry, "unknown policy '" + text + "' (expected hold, revert or flag)");
            return defaultPolicy;
        });
    }

    private List<HandoffRule> rules(YamlNode transition, String entry) {
        List<HandoffRule> rules = new ArrayList<>();
        List<YamlNode> items = problems.list(transition, "rules", entry);
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String ruleEntry = entry + " rules[" + i + "]";
            if (!problems.isMap(item, ruleEntry, "a rule")) {
                continue;
            }
            problems.onlyKeys(item, Set.of("id", "when", "description"), ruleEntry);
            String id = problems.required(item, "id", ruleEntry);
            String when = problems.required(item, "when", ruleEntry);
            if (id == null || when == null) {
                continue;
            }
            ruleEntry = entry + " rule " + id;
            if (ruleLines.containsKey(id)) {
                problems.add(item, ruleEntry, "duplicate rule id '" + id + "' (first at line " + ruleLines.get(id) + ")");
                continue;
            }
            ruleLines.put(id, item.line());
            ConditionCompiler.Compilation compiled = compiler.compile(when);
            for (ConditionProblem problem : compiled.problems()) {
                problems.add(item.get("when"), ruleEntry, describe(problem) + " in \"" + when + "\": " + problem.message());
            }
            if (compiled.succeeded()) {
                String description = item.text("description");
                rules.add(new HandoffRule(id, description == null ? "" : description, compiled.condition()));
            }
        }
        return rules;
    }

    private static String describe(ConditionProblem problem) {
        return switch (problem.kind()) {
            case SYNTAX -> "condition syntax error";
            case TYPE -> "condition type error";
            case UNDECLARED_FIELD -> "condition uses an undeclared field";
        };
    }
}
