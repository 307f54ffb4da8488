package io.stagesync.mapping;

import io.stagesync.model.EntityType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one system object maps to a canonical entity: its fields, and the fields in which it keeps
 * other systems' ids (the match rules "Salesforce id stored in NetSuite external id and the reverse").
 *
 * @param system the system
 * @param object the system's object
 * @param entity the canonical entity type
 * @param fields field mappings, in config order
 * @param links  other system name to the field of this object holding that system's id
 * @param create when stagesync may create a record here
 * @param fixed  fields written with a constant value whenever a record is created here (e.g. the
 *               owner queue of new Salesforce leads)
 * @param createKey the canonical field whose value addresses a record created here (e.g. {@code email}
 *               for Pardot's upsert by email), or null to address it by the source's id in a link field
 * @param filter which records of the object are synced at all: system field to the value it must equal
 *               ({@link Boolean} or {@link String}), in config order; empty = every record. Only
 *               Salesforce objects have filters (e.g. Lead {@code IsConverted: false})
 */
public record ObjectMapping(String system, String object, EntityType entity, List<FieldMapping> fields,
                            Map<String, String> links, CreateRule create, Map<String, String> fixed,
                            String createKey, Map<String, Object> filter) {
    public ObjectMapping {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(create, "create");
        fields = List.copyOf(fields);
        links = Map.copyOf(links);
        fixed = Map.copyOf(fixed);
        filter = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(filter));
    }

    /** A mapping of every record of the object (no filter). */
    public ObjectMapping(String system, String object, EntityType entity, List<FieldMapping> fields,
                         Map<String, String> links, CreateRule create, Map<String, String> fixed, String createKey) {
        this(system, object, entity, fields, links, create, fixed, createKey, Map.of());
    }

    /** A mapping whose records may always be created and that sets no fixed fields. */
    public ObjectMapping(String system, String object, EntityType entity, List<FieldMapping> fields,
                         Map<String, String> links) {
        this(system, object, entity, fields, links, CreateRule.ALWAYS, Map.of(), null);
    }

    /** The mapping of a system field, matched case-insensitively (SuiteQL returns lower-case columns). */
    public Optional<FieldMapping> bySystemField(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return fields.stream().filter(f -> f.systemField().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    /** The field of this object that holds {@code otherSystem}'s id, if any. */
    public Optional<String> linkField(String otherSystem) {
        return Optional.ofNullable(links.get(otherSystem));
    }

    /** {@code system object}, for messages. */
    public String label() {
        return system + " " + object;
    }
}
