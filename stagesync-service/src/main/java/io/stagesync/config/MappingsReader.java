package io.stagesync.config;

import io.stagesync.model.EntityType;
import io.stagesync.stage.Stage;
import io.stagesync.stage.StageMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code mappings:} section: where each system keeps the stage and what its values mean. */
final class MappingsReader {
    private final Problems problems;
    private final Map<String, Stage> stages;
    private final Set<String> systems;

    /** @param systems the systems a mapping may name: the connectors' names */
    MappingsReader(Problems problems, Map<String, Stage> stages, Set<String> systems) {
        this.problems = problems;
        this.stages = stages;
        this.systems = systems;
    }

    List<StageMapping> read(YamlNode top) {
        List<StageMapping> mappings = new ArrayList<>();
        YamlNode node = top.get("mappings");
        if (node == null || node.isNull() || !problems.isMap(node, "mappings", "'mappings'")) {
            return mappings;
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (var system : node.map().entrySet()) {
            if (!systems.contains(system.getKey())) {
                problems.add(system.getValue(), "mappings." + system.getKey(), "unknown system '" + system.getKey()
                        + "' (expected one of: " + String.join(", ", new java.util.TreeSet<>(systems)) + ")");
                continue;
            }
            List<YamlNode> items = problems.list(node, system.getKey(), "mappings." + system.getKey());
            for (int i = 0; i < items.size(); i++) {
                String entry = "mappings." + system.getKey() + "[" + i + "]";
                YamlNode item = items.get(i);
                if (problems.isMap(item, entry, "a mapping")) {
                    problems.onlyKeys(item, Set.of("object", "field", "entity", "values", "write"), entry);
                    read(system.getKey(), item, entry, seen).ifPresent(mappings::add);
                }
            }
        }
        return mappings;
    }

    private Optional<StageMapping> read(String system, YamlNode item, String entry, Map<String, Integer> seen) {
        String object = problems.required(item, "object", entry);
        String field = problems.required(item, "field", entry);
        String entityText = problems.required(item, "entity", entry);
        if (object == null || field == null || entityText == null) {
            return Optional.empty();
        }
        entry = "mappings." + system + " " + object + "." + field;
        String key = system + "/" + object;
        if (seen.containsKey(key)) {
            problems.add(item, entry, "duplicate mapping for " + system + " " + object + " (first at line " + seen.get(key) + ")");
            return Optional.empty();
        }
        seen.put(key, item.line());
        Optional<EntityType> entity = EntityType.parse(entityText);
        if (entity.isEmpty()) {
            problems.add(item.get("entity"), entry, "unknown entity '" + entityText + "' (expected: " + EntityType.allNames() + ")");
            return Optional.empty();
        }
        Map<String, String> values = values(item, entry, entity.get());
        if (values.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> writeValues = writeValues(item, entry, values);
        return writeValues == null ? Optional.empty()
                : Optional.of(new StageMapping(system, object, field, entity.get(), values, writeValues));
    }

    /**
     * The optional {@code write:} map, stage to the value written when a record moves to that stage
     * (default: the first value listed for it). Null when it has errors.
     */
    private Map<String, String> writeValues(YamlNode item, String entry, Map<String, String> values) {
        YamlNode node = item.get("write");
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!problems.isMap(node, entry, "'write'")) {
            return null;
        }
        boolean ok = true;
        for (var e : node.map().entrySet()) {
            String stage = e.getKey();
            String value = e.getValue().isScalar() ? e.getValue().scalar().trim() : "";
            if (!values.containsValue(stage)) {
                problems.add(node.keyLine(stage), entry, "write: '" + stage + "' is no stage of the values above (they map to: "
                        + String.join(", ", new java.util.TreeSet<>(values.values())) + ")");
                ok = false;
            } else if (!stage.equals(values.get(value))) {
                problems.add(e.getValue(), entry, "write: " + stage + " must be written as one of the values listed for "
                        + stage + " (" + String.join(", ", values.entrySet().stream().filter(v -> v.getValue().equals(stage))
                        .map(v -> "'" + v.getKey() + "'").toList()) + "); got '" + value + "'");
                ok = false;
            } else {
                out.put(stage, value);
            }
        }
        return ok ? out : null;
    }

    private Map<String, String> values(YamlNode item, String entry, EntityType entity) {
        Map<String, String> values = new LinkedHashMap<>();
        YamlNode node = item.get("values");
        if (node == null || node.isNull() || (node.isMap() && node.map().isEmpty())) {
            problems.add(item, entry, "'values' must map at least one system value to a stage");
            return values;
        }
        if (!problems.isMap(node, entry, "'values'")) {
            return values;
        }
        boolean ok = true;
        for (var e : node.map().entrySet()) {
            String stage = e.getValue().isScalar() ? e.getValue().scalar().trim() : "";
            if (stage.isEmpty()) {
                problems.add(e.getValue(), entry, "value '" + e.getKey() + "' maps to no stage");
                ok = false;
            } else if (!stages.containsKey(stage)) {
                problems.add(e.getValue(), entry, "value '" + e.getKey() + "' maps to unknown stage '" + stage + "'");
                ok = false;
            } else if (!stages.get(stage).appliesTo(entity)) {
                problems.add(e.getValue(), entry, "value '" + e.getKey() + "' maps to " + stage
                        + ", which does not apply to a " + entity.configName());
                ok = false;
            } else {
                values.put(e.getKey(), stage);
            }
        }
        return ok ? values : Map.of();
    }
}
