package io.stagesync.sync;

import io.stagesync.mapping.OwnershipRule;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.model.EntityType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges a change into a canonical record by the field ownership rules.
 *
 * <p>Per field: an owning system's value always wins; while the owner has no record of this one yet,
 * the other systems' values stand in for it, the newest winning as for "newest" (so a value fixed
 * there, e.g. a name shortened after the owner refused it, is taken); once the owner has a record, its
 * value, empty or not, is the answer. "newest" takes the value whose source modstamp is not older than the one
 * the field last came from (kept as bookkeeping in the record); "only-if-blank" fills empty
 * fields only. Deterministic for the same inputs, whatever order systems are polled in for
 * "owner" and "only-if-blank"; for "newest", the later modstamp wins. Stateless.
 */
final class FieldMerger {
    private final SyncMappings mappings;
    private final CanonicalValues values;

    FieldMerger(SyncMappings mappings, CanonicalValues values) {
        this.mappings = mappings;
        this.values = values;
    }

    /**
     * @param current  the record's fields (with bookkeeping), never null
     * @param incoming canonical field to the value the source reports (null = no value)
     * @param linkedSystems the systems the record is already linked in
     * @return the merged fields and the names of the canonical fields whose value changed
     */
    Merge merge(EntityType entity, Map<String, Object> current, Map<String, Object> incoming, String source,
                Instant modstamp, Set<String> linkedSystems) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        Set<String> changed = new LinkedHashSet<>();
        incoming.forEach((field, value) -> {
            Object old = current.get(field);
            if (values.text(field, old).equals(values.text(field, value))) {
                return;
            }
            if (takes(mappings.ownership(entity, field), field, old, current, source, modstamp, linkedSystems)) {
                if (value == null) {
                    merged.remove(field);
                } else {
                    merged.put(field, value instanceof Instant i ? i.toString() : value);
                }
                merged.put(RecordMeta.fieldTime(field), modstamp.toString());
                changed.add(field);
            }
        });
        return new Merge(merged, changed);
    }

    private static boolean takes(OwnershipRule rule, String field, Object old, Map<String, Object> current,
                                 String source, Instant modstamp, Set<String> linkedSystems) {
        boolean blank = old == null || old.toString().isBlank();
        return switch (rule.kind()) {
            case SYSTEM -> Objects.equals(rule.system(), source)
                    || (!linkedSystems.contains(rule.system()) && (blank || notOlder(field, current, modstamp)));
            case ONLY_IF_BLANK -> blank;
            case NEWEST -> notOlder(field, current, modstamp);
        };
    }

    /** Whether a value changed at {@code modstamp} is not older than the one the field last came from. */
    private static boolean notOlder(String field, Map<String, Object> current, Instant modstamp) {
        Object at = current.get(RecordMeta.fieldTime(field));
        return at == null || !modstamp.isBefore(Instant.parse(at.toString()));
    }

    /** The merged fields, and which canonical fields changed value. */
    record Merge(Map<String, Object> fields, Set<String> changed) {
    }
}
