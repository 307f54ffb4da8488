package io.stagesync.sync;

import io.stagesync.connector.WriteDialect;
import io.stagesync.mapping.FieldMapping;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.OwnershipRule;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.stage.StageMapping;
import io.stagesync.stage.StageModel;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.model.SystemObject;
import io.stagesync.store.XrefEntry;
import io.stagesync.store.XrefStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * Plans the write of a canonical record to one target object: the target's projection of the
 * record, and only the fields that differ from what was last written there.
 *
 * <p>A projection holds, per mapped field, the canonical value (references as canonical ids),
 * the ids the target keeps for other systems ({@code ~link.SYSTEM}) and the target's stage value
 * ({@code ~stage}). The same projection computed from a record read back from the target is
 * what echo suppression compares.
 *
 * <p>What the target holds already (as last read from it or written to it) is judged per target:
 * a field owned {@code only-if-blank} is written only into a target whose value is blank, never
 * over a value the target has; and a stage value that already means the record's stage is kept.
 * Thread-safe.
 */
final class WritePlanner {

    private final StageModel model;
    private final SyncMappings mappings;
    private final CanonicalValues values;
    private final XrefStore xrefs;
    private final Connectors connectors;

    WritePlanner(StageModel model, SyncMappings mappings, CanonicalValues values, XrefStore xrefs, Connectors connectors) {
        this.model = model;
        this.mappings = mappings;
        this.values = values;
        this.xrefs = xrefs;
        this.connectors = connectors;
    }

    /** The projection of canonical fields and a stage value onto an object (see the class comment). */
    Map<String, Object> projection(ObjectMapping target, Map<String, Object> fields, Map<String, String> links,
                                   String stageValue) {
        Map<String, Object> projection = new LinkedHashMap<>();
        for (FieldMapping field : target.fields()) {
            projection.put(field.canonicalField(), fields.get(field.canonicalField()));
        }
        target.links().keySet().forEach(system -> projection.put(ProjectionKeys.link(system), links.get(system)));
        if (model.mapping(target.system(), target.object()).isPresent()) {
            projection.put(ProjectionKeys.STAGE, stageValue);
        }
        return projection;
    }

    /**
     * The target's value for a canonical stage, or null when the target's field cannot show it: the
     * value the target holds (as last read from or written to it) when it already means that stage,
     * so a rep's finer value ({@code Negotiation/Review} at OPPORTUNITY) is never overwritten;
     * otherwise the mapping's write value for the stage (see {@link StageMapping#valueToWrite}).
     *
     * @param held the target's stage value as last read or written, or null/empty when unknown
     */
    String stageValueFor(ObjectMapping target, String stage, String held) {
        if (stage == null) {
            return null;
        }
        String known = held == null || held.isEmpty() ? null : held;
        return model.mapping(target.system(), target.object()).flatMap(m -> m.valueToWrite(stage, known)).orElse(null);
    }

    /**
     * Plans writing {@code row} to {@code target}.
     *
     * @param sourceSystem the system the change came from and its record id, for the upsert key
     *                     of a record the target does not have yet
     * @return the write, or empty when the target already holds everything, or its object there was deleted
     *     (its link is marked deleted: it is neither written nor created anew), or the record was merged away in
     *     a system (a link with {@code mergedInto}: the survivor's record is written instead); a reference to an
     *     object deleted there counts as one not there
     */
    Optional<PlannedWrite> plan(ObjectMapping target, CanonicalRecord row, String sourceSystem, String sourceId) {
        WriteDialect dialect = connectors.get(target.system()).map(Connectors.Connector::dialect).orElse(null);
        if (dialect == null) {
            return Optional.empty();
        }
        List<XrefEntry> rowLinks = xrefs.findByCanonical(row.id());
        if (rowLinks.stream().anyMatch(x -> x.mergedInto() != null)) {
            // merged away in a system (see SourceDeletions): the survivor's record is written instead
            return Optional.empty();
        }
        Optional<XrefEntry> existing = rowLinks.stream().filter(x -> x.system().equals(target.system())
                && x.objectType().equals(target.object())).findFirst();
        if (existing.isEmpty() && !target.create().allows(row.stage(), linkedIn(row.id()))) {
            return Optional.empty();
        }
        if (existing.isPresent() && existing.get().deleted()) {
            // deleted there (see SourceDeletions): a write would fail or bring it back; the record is not created anew
            return Optional.empty();
        }
        String supersededBy = target.create().unless();
        if (existing.isPresent() && supersededBy != null && linkedIn(row.id()).contains(supersededBy)) {
            // the record is represented there by the other object now (a converted Lead by its Contact;
            // Salesforce refuses updates of converted Leads), so it is written there only
            return Optional.empty();
        }
        Map<String, String> links = new LinkedHashMap<>();
        for (String other : target.links().keySet()) {
            idIn(row.id(), other).ifPresent(id -> links.put(other, id));
        }
        Map<String, String> written = written(row, target);
        String stageValue = stageValueFor(target, row.stage(), written.get(ProjectionKeys.STAGE));
        Map<String, Object> projection = projection(target, row.fields(), links, stageValue);
        keepHeldValuesOfOnlyIfBlankFields(target, projection, written);
        Map<String, Object> fields = new LinkedHashMap<>();
        String problem = null;
        for (Map.Entry<String, Object> entry : projection.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (written.containsKey(key) && written.get(key).equals(text(key, value))) {
                continue;
            }
            if (key.equals(ProjectionKeys.STAGE)) {
                if (value != null) {
                    StageMapping stageMapping = model.mapping(target.system(), target.object()).orElseThrow();
                    fields.put(stageMapping.field(), dialect.reference(value.toString()));
                }
            } else if (ProjectionKeys.isLink(key)) {
                if (value != null) {
                    fields.put(target.links().get(ProjectionKeys.linkedSystem(key)), value);
                }
            } else {
                FieldMapping field = target.fields().stream().filter(f -> f.canonicalField().equals(key)).findFirst()
                        .orElseThrow();
                if (field.readOnly()) {
                    continue;
                }
                if (field.isReference() && value != null) {
                    Optional<XrefEntry> ref = xrefs.find(value.toString(), target.system(), field.refObject())
                            .filter(x -> !x.deleted());
                    if (ref.isEmpty()) {
                        problem = "the " + field.refObject() + " this record refers to (" + field.systemField()
                                + ", canonical " + value + ") is not in " + target.system() + " yet";
                    } else {
                        fields.put(field.systemField(), dialect.reference(ref.get().externalId()));
                    }
                } else if (!(value == null && !written.containsKey(key) && existing.isEmpty())) {
                    Object out = values.write(key, value);
                    fields.put(field.systemField(), field.negated() && out != null ? !(Boolean) values.read(key, out) : out);
                }
            }
        }
        if (fields.isEmpty() && problem == null) {
            return Optional.empty();
        }
        if (existing.isEmpty()) {
            target.fixed().forEach(fields::putIfAbsent);
        }
        String keyField;
        String key;
        if (existing.isPresent()) {
            keyField = dialect.idKeyField();
            key = existing.get().externalId();
        } else if (target.createKey() != null) {
            FieldMapping keyMapping = target.fields().stream()
                    .filter(f -> f.canonicalField().equals(target.createKey())).findFirst().orElseThrow();
            keyField = keyMapping.systemField();
            Object value = row.fields().get(target.createKey());
            key = value == null ? "" : value.toString();
            fields.remove(keyField);
            if (key.isBlank()) {
                problem = "no " + target.createKey() + " to create the " + target.label() + " record by";
            }
        } else if (target.linkField(sourceSystem).isPresent()) {
            // keyed by the id the projection links (a person linked to a Contact and a Lead is linked by one of
            // them, whichever object the change came from), so the record created and the state stored agree
            keyField = target.linkField(sourceSystem).get();
            key = links.getOrDefault(sourceSystem, sourceId);
            fields.remove(keyField);
        } else if (!links.isEmpty()) {
            // the change came from a system the target keeps no id for (a marketing edit of a person
            // Salesforce also holds): the record is created keyed by an id it does keep, so a later
            // change from that system finds the same record
            String linked = target.links().keySet().stream().filter(links::containsKey).findFirst().orElseThrow();
            keyField = target.links().get(linked);
            key = links.get(linked);
            fields.remove(keyField);
        } else {
            return Optional.of(new PlannedWrite(target, row.id(), "", "", fields, projection, stageValue,
                    target.label() + " keeps no id for " + sourceSystem + ", so a record from there cannot be created"));
        }
        return Optional.of(new PlannedWrite(target, row.id(), keyField, key, fields, projection,
                fields.isEmpty() ? null : stageValue, problem));
    }

    /**
     * "Only if blank" judged for the target: a target that holds a value of such a field keeps it
     * (its value stands in the projection, so nothing is sent and the echo hash matches what it holds).
     */
    private void keepHeldValuesOfOnlyIfBlankFields(ObjectMapping target, Map<String, Object> projection,
                                                  Map<String, String> written) {
        for (FieldMapping field : target.fields()) {
            String name = field.canonicalField();
            String held = written.get(name);
            if (held != null && !held.isBlank()
                    && mappings.ownership(target.entity(), name).kind() == OwnershipRule.Kind.ONLY_IF_BLANK) {
                projection.put(name, held);
            }
        }
    }

    private java.util.Set<String> linkedIn(String canonicalId) {
        java.util.Set<String> labels = new java.util.HashSet<>();
        xrefs.findByCanonical(canonicalId).forEach(x -> labels.add(x.system() + " " + x.objectType()));
        return labels;
    }

    private Optional<String> idIn(String canonicalId, String system) {
        return xrefs.findByCanonical(canonicalId).stream().filter(x -> x.system().equals(system))
                .map(XrefEntry::externalId).findFirst();
    }

    /** The text form of each projection entry as last written to the target (empty when never written). */
    Map<String, String> written(CanonicalRecord row, ObjectMapping target) {
        return row.bookkeeping().written(at(target));
    }

    /** The system object a mapping maps, as bookkeeping names it. */
    static SystemObject at(ObjectMapping target) {
        return new SystemObject(target.system(), target.object());
    }

    /** The text form of each entry of a projection, as {@link #written} gives it back once remembered. */
    Map<String, String> texts(Map<String, Object> projection) {
        Map<String, String> text = new LinkedHashMap<>();
        projection.forEach((k, v) -> text.put(k, text(k, v)));
        return text;
    }

    private String text(String key, Object value) {
        return ProjectionKeys.isNotAField(key) ? (value == null ? "" : value.toString()) : values.text(key, value);
    }
}
