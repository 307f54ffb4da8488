package io.stagesync.sync;

import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.model.EntityType;
import io.stagesync.model.SystemObject;
import io.stagesync.store.MatchKeyStore;
import io.stagesync.store.WarningStore;
import io.stagesync.store.XrefEntry;
import io.stagesync.store.XrefStore;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the canonical record a system record belongs to, and links it (atomically) in the xref.
 *
 * <p>In order: the xref; the ids the record holds for other systems (its link fields, e.g.
 * NetSuite {@code externalId} = Salesforce id); then match keys (people by email; accounts by
 * website domain, then by company name). A key matching two or more records is refused with
 * {@link AmbiguousMatchException}: the engine never guesses. People are the exception: several
 * Salesforce records sharing an email are common (a lead and its converted contact), so one is
 * chosen by a documented rule (see {@link #preferredPerson}) and a warning is recorded. So is a key matching only records
 * already linked to other records of the same system object (most likely a duplicate there).
 * No match creates a new canonical id.
 * Thread-safe: two systems reporting the same new record at once get one canonical id for each
 * external id, via the xref's unique keys.
 */
final class IdentityResolver {
    private final XrefStore xrefs;
    private final MatchKeyStore keys;
    private final SyncMappings mappings;
    private final WarningStore warnings;

    IdentityResolver(XrefStore xrefs, MatchKeyStore keys, SyncMappings mappings, WarningStore warnings) {
        this.xrefs = xrefs;
        this.keys = keys;
        this.mappings = mappings;
        this.warnings = warnings;
    }

    String resolve(Incoming in) {
        Optional<XrefEntry> known = xrefs.findByExternal(in.system(), in.object(), in.record().id());
        if (known.isPresent()) {
            return known.get().canonicalId();
        }
        String[] warning = {null};
        String candidate = byLinks(in).or(() -> byKeys(in, warning)).orElseGet(() -> UUID.randomUUID().toString());
        String id = xrefs.resolveOrCreate(in.system(), in.object(), in.record().id(), () -> candidate);
        if (warning[0] != null && id.equals(candidate)) {
            warnings.add(id, in.system(), in.object(), in.record().id(), warning[0]);
        }
        return id;
    }

    private Optional<String> byLinks(Incoming in) {
        for (Map.Entry<String, String> link : in.links().entrySet()) {
            for (ObjectMapping other : mappings.objectsOf(link.getKey())) {
                if (other.entity() == in.mapping().entity()) {
                    Optional<XrefEntry> entry = xrefs.findByExternal(other.system(), other.object(), link.getValue());
                    if (entry.isPresent()) {
                        return Optional.of(entry.get().canonicalId());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> byKeys(Incoming in, String[] warning) {
        EntityType entity = in.mapping().entity();
        for (Map.Entry<String, String> key : keysOf(entity, in.values()).entrySet()) {
            List<String> all = keys.find(entity.configName(), key.getKey(), key.getValue());
            List<String> free = all.stream().filter(id -> xrefs.find(id, in.system(), in.object()).isEmpty()).toList();
            String what = in.mapping().label() + " " + in.record().id() + " matches ";
            String by = " by " + key.getKey() + " '" + key.getValue() + "' (" + String.join(", ", all) + ")";
            if (free.size() > 1 && entity == EntityType.PERSON) {
                String chosen = preferredPerson(free);
                warning[0] = in.mapping().label() + " " + in.record().id() + " (" + key.getKey() + " '" + key.getValue()
                        + "') matches " + free.size() + " known people (" + String.join(", ", free) + "); linked to "
                        + chosen + " by the rule" + preferenceRule();
                return Optional.of(chosen);
            }
            if (free.size() > 1) {
                throw new AmbiguousMatchException(what + free.size() + " known " + entity.configName() + " records" + by
                        + ": not guessing. Link it explicitly by filling its id field for the other system"
                        + linkHint(in.mapping()) + ".");
            }
            if (free.size() == 1) {
                return Optional.of(free.get(0));
            }
            if (!all.isEmpty() && entity == EntityType.PERSON) {
                warning[0] = in.mapping().label() + " " + in.record().id() + " shares its " + key.getKey() + " '"
                        + key.getValue() + "' with " + all.size() + " person(s) already linked to other "
                        + in.mapping().label() + " records (" + String.join(", ", all) + "); kept as a separate person";
                return Optional.empty();
            }
            if (!all.isEmpty()) {
                throw new AmbiguousMatchException(what + "known " + entity.configName() + " record(s)" + by
                        + " already linked to other " + in.mapping().label() + " records: a duplicate in "
                        + in.system() + "? Not guessing. Merge the duplicates, or link it explicitly"
                        + linkHint(in.mapping()) + ".");
            }
        }
        return Optional.empty();
    }

    /**
     * The documented choice among several people sharing an email ({@link io.stagesync.mapping.PersonPreference},
     * mappings/ownership.yaml {@code same-email}): one linked to an object listed earlier before one linked to an
     * object listed later or to none (as shipped: a Salesforce Contact, the converted record sales works on, before
     * a Lead), then the smallest id in the first listed object's system (ids grow with creation, so the oldest
     * record), then the smallest canonical id.
     */
    private String preferredPerson(List<String> candidates) {
        List<SystemObject> order = mappings.personPreference().objects();
        String idSystem = mappings.personPreference().idSystem();
        return candidates.stream().min(java.util.Comparator
                .comparingInt((String id) -> rank(id, order))
                .thenComparing(id -> idIn(idSystem, id), java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                .thenComparing(id -> id)).orElseThrow();
    }

    /** The position of the first listed object the person is linked to; the list's size when none. */
    private int rank(String canonicalId, List<SystemObject> order) {
        for (int i = 0; i < order.size(); i++) {
            if (xrefs.find(canonicalId, order.get(i).system(), order.get(i).object()).isPresent()) {
                return i;
            }
        }
        return order.size();
    }

    /** The person's smallest id in {@code system} (null when the system is null or holds no record of it). */
    private String idIn(String system, String canonicalId) {
        if (system == null) {
            return null;
        }
        return xrefs.findByCanonical(canonicalId).stream().filter(x -> x.system().equals(system))
                .map(XrefEntry::externalId).min(String::compareTo).orElse(null);
    }

    /** The choice among people sharing an email, in words for a warning. */
    private String preferenceRule() {
        List<SystemObject> order = mappings.personPreference().objects();
        if (order.isEmpty()) {
            return ": the smallest canonical id (mappings/ownership.yaml lists no same-email preference)";
        }
        return ": " + String.join(" before ", order.stream().map(o -> o.system() + " " + o.object()).toList())
                + ", then the oldest (smallest) " + mappings.personPreference().idSystem()
                + " id, then the smallest canonical id";
    }

    private static String linkHint(ObjectMapping mapping) {
        return mapping.links().isEmpty() ? "" : " (" + String.join(", ", mapping.links().values()) + ")";
    }

    /**
     * Records the match keys of a canonical record after its fields changed: nothing when the fields it had before
     * give the same keys (they were recorded with that save, in the same unit of work), else reads the keys it
     * holds and changes only the kinds whose value differs (most changes touch none, and a write costs a commit).
     *
     * @param before the record's fields before the change, or null for a record not saved before
     */
    void updateKeys(EntityType entity, String canonicalId, Map<String, Object> before, Map<String, Object> fields) {
        Map<String, String> wanted = keysOf(entity, fields);
        if (before != null && keysOf(entity, before).equals(wanted)) {
            return;
        }
        Map<String, Set<String>> held = keys.keysOf(entity.configName(), canonicalId);
        for (String kind : List.of("email", "domain", "name")) {
            String want = wanted.get(kind);
            Set<String> has = held.getOrDefault(kind, Set.of());
            if (want == null ? has.isEmpty() : has.equals(Set.of(want))) {
                continue;
            }
            keys.clear(entity.configName(), kind, canonicalId);
            if (want != null) {
                keys.put(entity.configName(), kind, want, canonicalId);
            }
        }
    }

    /**
     * The match keys of a record, most specific first: email for people; domain, then name for accounts. Changing
     * how they are normalised needs the stored keys recomputed (a migration): {@link #updateKeys} leaves a record's
     * keys alone while the fields they come from give the same keys.
     */
    static Map<String, String> keysOf(EntityType entity, Map<String, Object> fields) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (entity == EntityType.PERSON) {
            normalized(fields.get("email")).ifPresent(v -> out.put("email", v));
        } else if (entity == EntityType.ACCOUNT) {
            normalized(fields.get("website")).map(IdentityResolver::domain).filter(d -> !d.isEmpty())
                    .ifPresent(v -> out.put("domain", v));
            normalized(fields.get("name")).map(n -> n.replaceAll("[^\\p{L}\\p{N} ]", "").replaceAll("\\s+", " ").trim())
                    .filter(n -> !n.isEmpty()).ifPresent(v -> out.put("name", v));
        }
        return out;
    }

    private static Optional<String> normalized(Object value) {
        if (value == null || value.toString().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.toString().trim().toLowerCase(Locale.ROOT));
    }

    static String domain(String website) {
        String text = website.contains("://") ? website : "http://" + website;
        try {
            String host = URI.create(text).getHost();
            if (host == null) {
                return "";
            }
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

}
