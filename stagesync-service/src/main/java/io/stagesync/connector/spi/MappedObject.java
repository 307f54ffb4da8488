package io.stagesync.connector.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the admin's mappings say about one object of a system, in the system's own field names: what its
 * connector must read. A connector-side view of {@code mappings/NAME.yaml} and the stage model's
 * {@code mappings.NAME}, so connectors need not know the mapping classes.
 *
 * @param object     the system's object, e.g. {@code Contact}
 * @param fields     the mapped fields, in mapping order
 * @param links      the system holding a linked id → the field of this object holding it, in mapping order
 *                   (every link, also to systems not configured)
 * @param stageField the field holding the stage, when the stage model maps one for this object
 * @param filter     field → value a record must have to be synced at all (e.g. {@code IsConverted: false});
 *                   empty when every record is
 */
public record MappedObject(String object, List<String> fields, Map<String, String> links, Optional<String> stageField,
                           Map<String, Object> filter) {
    public MappedObject {
        Objects.requireNonNull(object, "object");
        fields = List.copyOf(fields);
        links = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(links));
        Objects.requireNonNull(stageField, "stageField");
        filter = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filter));
    }
}
