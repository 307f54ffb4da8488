package io.stagesync.sync;

import io.stagesync.mapping.OwnershipRule;
import io.stagesync.model.Bookkeeping;
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
     * @param current  the record's canonical fields, never null
     * @param bookkeeping the record's bookkeeping (when each field last changed at its source), never null
     * @param incoming canonical field to the value the source reports (null = no value)
     * @param linkedSystems the systems the record is already linked in
     * @return the merged fields, the bookkeeping noting the source modstamp of each value taken, and the names
     *         of the canonical fields whose value changed
     */
    Merge merge(EntityType entity, Map<String, Object> current, Bookkeeping bookkeeping, Map<String, Object> incoming,
                String source, Instant modstamp, Set<String> linkedSystems) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        Set<String> changed = new LinkedHashSet<>();
        for (Map.Entry<String, Object> entry : incoming.entrySet()) {
            String field = entry.getKey();
            Object value = entry.getValue();
            Object old = current.get(field);
            if (values.text(field, old).equals(values.text(field, value))) {
                continue;
            }
            if (takes(mappings.ownership(entity, field), field, old, bookkeeping, source, modstamp, linkedSystems)) {
                if (value == null) {
                    merged.remove(field);
                } else {
                    merged.put(field, value instanceof Instant i ? i.toString() : value);
                }
                changed.add(field);
            }
        }
        return new Merge(merged, bookkeeping.withFieldsChangedAt(changed, modstamp), changed);
    }

    private static boolean takes(OwnershipRule rule, String field, Object old, Bookkeeping bookkeeping,
                                 String source, Instant modstamp, Set<String> linkedSystems) {
        boolean blank = old == null || old.toString().isBlank();
        return switch (rule.kind()) {
            case SYSTEM -> Objects.equals(rule.system(), source)
                    || (!linkedSystems.contains(rule.system()) && (blank || notOlder(field, bookkeeping, modstamp)));
            case ONLY_IF_BLANK -> blank;
            case NEWEST -> notOlder(field, bookkeeping, modstamp);
        };
    }

    /** Whether a value changed at {@code modstamp} is not older than the one the field last came from. */
    private static boolean notOlder(String field, Bookkeeping bookkeeping, Instant modstamp) {
        return bookkeeping.fieldChangedAt(field).map(at -> !modstamp.isBefore(at)).orElse(true);
    }

    /** The merged fields, the bookkeeping with the values' source modstamps, and which canonical fields changed. */
    record Merge(Map<String, Object> fields, Bookkeeping bookkeeping, Set<String> changed) {
    }
}
