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
 * <p>Reading maps a system value to a stage. Several values may mean one stage (Salesforce's
 * {@code Prospecting} … {@code Negotiation/Review} are all OPPORTUNITY): such a finer value is the
 * system's own detail and is never replaced by another value of the same stage (see
 * {@link #valueToWrite}). Only a move to another stage is written, with the stage's write value:
 * the one configured under {@code write}, else the first value listed for the stage.
 *
 * @param system the system ({@code salesforce}, {@code eloqua}, {@code pardot}, {@code netsuite})
 * @param object the system's object (e.g. {@code Lead})
 * @param field  the field holding the stage (e.g. {@code Status})
 * @param entity the canonical entity type the object maps to
 * @param values system value to stage id, in config order; non-empty, immutable
 * @param writeValues stage id to the value written for it when it differs from the first listed;
 *                    each value is one of {@code values} mapping to that stage; immutable, may be empty
 */
public record StageMapping(String system, String object, String field, EntityType entity,
                           Map<String, String> values, Map<String, String> writeValues) {
    public StageMapping {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(entity, "entity");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        writeValues = Map.copyOf(writeValues);
        for (Map.Entry<String, String> write : writeValues.entrySet()) {
            if (!write.getKey().equals(values.get(write.getValue()))) {
                throw new IllegalArgumentException("write value '" + write.getValue() + "' for " + write.getKey()
                        + " is not listed for that stage in the values of " + system + " " + object + "." + field);
            }
        }
    }

    /** A mapping that writes the first value listed for each stage. */
    public StageMapping(String system, String object, String field, EntityType entity, Map<String, String> values) {
        this(system, object, field, entity, values, Map.of());
    }

    /** The stage a system value means; empty when the value is not mapped (an error for the caller). */
    public Optional<String> stageOf(String systemValue) {
        return Optional.ofNullable(values.get(systemValue));
    }

    /**
     * The value written for a stage when the field must change to it: the configured write value,
     * else the first listed; empty when this field cannot show the stage.
     */
    public Optional<String> valueFor(String stageId) {
        if (writeValues.containsKey(stageId)) {
            return Optional.of(writeValues.get(stageId));
        }
        return values.entrySet().stream().filter(e -> e.getValue().equals(stageId)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * The value the field should hold for a stage, given the value it holds now: {@code held} itself
     * when it already means {@code stageId} (a finer value of the same stage is left alone), else
     * {@link #valueFor}.
     *
     * @param held the value the system holds, or null when unknown or empty
     */
    public Optional<String> valueToWrite(String stageId, String held) {
        if (held != null && stageId.equals(values.get(held))) {
            return Optional.of(held);
        }
        return valueFor(stageId);
    }

    /** {@code system Object.Field}, for messages. */
    public String label() {
        return system + " " + object + "." + field;
    }
}
