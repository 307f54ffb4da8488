package io.stagesync.stage;

import io.stagesync.model.EntityType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one system keeps the stage of one object, and how its values map to stages.
 *
 * <p>Reading maps a system value to a stage; writing uses the first value listed for a stage.
 *
 * @param system the system ({@code salesforce}, {@code eloqua}, {@code pardot}, {@code netsuite})
 * @param object the system's object (e.g. {@code Lead})
 * @param field  the field holding the stage (e.g. {@code Status})
 * @param entity the canonical entity type the object maps to
 * @param values system value to stage id, in config order; non-empty, immutable
 */
public record StageMapping(String system, String object, String field, EntityType entity,
                           Map<String, String> values) {
    public StageMapping {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(entity, "entity");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The stage a system value means; empty when the value is not mapped (an error for the caller). */
    public Optional<String> stageOf(String systemValue) {
        return Optional.ofNullable(values.get(systemValue));
    }

    /** The value to write for a stage (the first listed); empty when this field cannot show it. */
    public Optional<String> valueFor(String stageId) {
        return values.entrySet().stream().filter(e -> e.getValue().equals(stageId)).map(Map.Entry::getKey).findFirst();
    }

    /** {@code system Object.Field}, for messages. */
    public String label() {
        return system + " " + object + "." + field;
    }
}
