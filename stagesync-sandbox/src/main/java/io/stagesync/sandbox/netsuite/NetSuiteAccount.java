package io.stagesync.sandbox.netsuite;

import io.stagesync.sandbox.query.SimQuery;
import io.stagesync.sandbox.query.SimQueryCandidates;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The records of the simulated NetSuite account and every change to them, from the record API (the connector)
 * or from the Java API (the sandbox playing Finance).
 *
 * <p>Internal ids are numbers from one sequence (1001, 1002, …). {@code lastModifiedDate} has whole seconds, as
 * SuiteQL shows it; each change gets the clock's second, moved on by one second when needed so that
 * {@code (lastModifiedDate, id)} of every change is greater than that of every earlier change. A reader paging by
 * that position (as the connector does) therefore never misses a change, even several in one second. After
 * {@link #stampWithClockSecond()} each change gets the clock's second as it is, as NetSuite stamps it.
 *
 * <p>Records are {@code Map<String, Object>} keyed by REST field name with the stored types of
 * {@link NetSuiteValues}, plus {@code id} (String), {@code dateCreated} and {@code lastModifiedDate}
 * ({@link Instant}). Thread-safe: every method synchronizes on this account.
 */
final class NetSuiteAccount {
    private static final long FIRST_ID = 1001;

    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, Map<String, Map<String, Object>>> records = new HashMap<>();
    /** Per type: external id to internal id (an external id is unique per type, as NetSuite keeps it). */
    private final Map<String, Map<String, String>> externalIds = new HashMap<>();
    /** Per type: the records in (lastModifiedDate, id) order, so a query for recent changes reads only those. */
    private final Map<String, NavigableMap<Stamped, String>> byStamp = new HashMap<>();
    private long nextId = FIRST_ID;
    private Instant lastStamp = Instant.EPOCH;
    private long lastStampId;
    private boolean clockSecondOnly;

    /** @param zone the account's time zone: where "today" is for default transaction dates */
    NetSuiteAccount(Clock clock, ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        for (String type : NetSuiteSchema.typeNames()) {
            records.put(type, new LinkedHashMap<>());
            externalIds.put(type, new HashMap<>());
            byStamp.put(type, new TreeMap<>());
        }
    }

    /** A key of the stamp index: a change time and the internal id. */
    private record Stamped(Instant at, long id) implements Comparable<Stamped> {
        @Override
        public int compareTo(Stamped other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(id, other.id);
        }
    }

    /** What a write did. */
    record Written(String id, boolean created) {
    }

    /**
     * Creates a record ({@code POST …/record/v1/{type}}).
     *
     * @return the new internal id
     * @throws NetSuiteRequestException 400 when NetSuite would refuse it (nothing is created)
     */
    synchronized String create(NetSuiteSchema.RecordType type, Map<String, Object> fields) {
        Map<String, Object> values = coerce(type, fields);
        Object externalId = values.get("externalId");
        if (externalId != null && findByExternalId(type, externalId.toString()).isPresent()) {
            throw NetSuiteRequestException.userError("This entity already exists.", "externalId");
        }
        return save(type, null, values).id();
    }

    /**
     * Creates the record with that external id or updates it ({@code PUT …/{type}/eid:{externalId}}).
     *
     * @throws NetSuiteRequestException 400 when NetSuite would refuse it (nothing is changed)
     */
    synchronized Written upsertByExternalId(NetSuiteSchema.RecordType type, String externalId,
                                            Map<String, Object> fields) {
        Map<String, Object> values = coerce(type, fields);
        Object inBody = values.get("externalId");
        if (inBody != null && !inBody.equals(externalId)) {
            throw NetSuiteRequestException.invalidValue("externalId");
        }
        values.put("externalId", externalId);
        return save(type, findByExternalId(type, externalId).orElse(null), values);
    }

    /**
     * Changes the given fields of a record ({@code PATCH …/{type}/{id}}).
     *
     * @throws NetSuiteRequestException 404 {@code NONEXISTENT_ID}, or 400 when NetSuite would refuse the change
     */
    synchronized void update(NetSuiteSchema.RecordType type, String id, Map<String, Object> fields) {
        Map<String, Object> existing = records.get(type.name()).get(id);
        if (existing == null) {
            throw new NetSuiteRequestException(404, "NONEXISTENT_ID",
                    "The record instance does not exist. Provide a valid record instance ID.", null);
        }
        Map<String, Object> values = coerce(type, fields);
        Object externalId = values.get("externalId");
        if (externalId != null && findByExternalId(type, externalId.toString())
                .filter(other -> !other.get("id").equals(id)).isPresent()) {
            throw NetSuiteRequestException.userError("This entity already exists.", "externalId");
        }
        save(type, existing, values);
    }

    /**
     * Changes fields without touching {@code lastModifiedDate} (a data fix made past the change tracking): no read
     * of changes sees it; only a read of the record does.
     */
    synchronized void updateUntracked(NetSuiteSchema.RecordType type, String id, Map<String, Object> fields) {
        Map<String, Object> existing = records.get(type.name()).get(id);
        if (existing == null) {
            throw new NetSuiteRequestException(404, "NONEXISTENT_ID",
                    "The record instance does not exist. Provide a valid record instance ID.", null);
        }
        existing.putAll(coerce(type, fields));
    }

    /** A copy of the record, or empty. */
    synchronized Optional<Map<String, Object>> get(NetSuiteSchema.RecordType type, String id) {
        return Optional.ofNullable(records.get(type.name()).get(id)).map(LinkedHashMap::new);
    }

    /** A copy of the record with that external id, or empty. */
    synchronized Optional<Map<String, Object>> getByExternalId(NetSuiteSchema.RecordType type, String externalId) {
        return findByExternalId(type, externalId).map(LinkedHashMap::new);
    }

    /** Copies of all records of the type, in creation order. */
    synchronized List<Map<String, Object>> list(NetSuiteSchema.RecordType type) {
        return records.get(type.name()).values().stream().map(r -> (Map<String, Object>) new LinkedHashMap<>(r)).toList();
    }

    /**
     * Runs a SuiteQL query; rows are in the JSON forms SuiteQL answers with. Only the records the filter can select
     * (by internal id, or changed since a time; see {@link SuiteQlEngine#candidates}) are evaluated, in id order.
     */
    synchronized List<Map<String, Object>> query(SimQuery query) {
        SimQueryCandidates candidates = SuiteQlEngine.candidates(query, zone);
        Map<Long, SuiteQlEngine.Source> sources = new TreeMap<>();
        for (NetSuiteSchema.RecordType type : NetSuiteSchema.typesOfTable(query.from())) {
            Map<String, Map<String, Object>> ofType = records.get(type.name());
            Collection<Map<String, Object>> selected;
            if (candidates instanceof SimQueryCandidates.Keys keys) {
                selected = keys.values().stream().map(key -> ofType.get(key.toString())).filter(Objects::nonNull)
                        .toList();
            } else if (candidates instanceof SimQueryCandidates.AtLeast since) {
                Instant from = (Instant) since.bounds().get(0);
                selected = byStamp.get(type.name()).tailMap(new Stamped(from, Long.MIN_VALUE), true).values()
                        .stream().map(ofType::get).toList();
            } else {
                selected = ofType.values();
            }
            selected.forEach(r -> sources.put(Long.parseLong(r.get("id").toString()), new SuiteQlEngine.Source(type, r)));
        }
        return SuiteQlEngine.run(query, List.copyOf(sources.values()), zone);
    }

    private Optional<Map<String, Object>> findByExternalId(NetSuiteSchema.RecordType type, String externalId) {
        return Optional.ofNullable(externalIds.get(type.name()).get(externalId)).map(records.get(type.name())::get);
    }

    private Map<String, Object> coerce(NetSuiteSchema.RecordType type, Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name.equals("links")) {
                return;
            }
            NetSuiteSchema.Field field = type.field(name).orElseThrow(() -> new NetSuiteRequestException(400,
                    "INVALID_CONTENT", "Invalid request body: the field '" + name + "' does not exist on record type '"
                    + type.name() + "'.", name));
            if (!field.writable()) {
                throw new NetSuiteRequestException(400, "INVALID_VALUE", "The field '" + field.name()
                        + "' is read-only and cannot be set.", field.name());
            }
            out.put(field.name(), NetSuiteValues.coerce(field, value));
        });
        return out;
    }

    /** Merges, fills defaults, validates, stamps and stores; {@code existing} null creates. */
    private Written save(NetSuiteSchema.RecordType type, Map<String, Object> existing, Map<String, Object> values) {
        Map<String, Object> record = existing == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing);
        record.putAll(values);
        if (existing == null) {
            defaults(type, record);
        }
        validate(type, record);
        String id;
        if (existing == null) {
            id = Long.toString(nextId++);
            record.put("id", id);
        } else {
            id = existing.get("id").toString();
        }
        derive(type, record, id);
        Instant stamp = nextStamp(Long.parseLong(id));
        if (existing == null) {
            record.put("dateCreated", stamp);
        }
        record.put("lastModifiedDate", stamp);
        Map<String, Map<String, Object>> ofType = records.get(type.name());
        ofType.put(id, record);
        index(type, existing, record);
        io.stagesync.sandbox.http.SimulatorServer.noteWrite(type.name() + " " + id);
        return new Written(id, existing == null);
    }

    /** Keeps the external-id and stamp indexes of {@code type} in step with a record's save. */
    private void index(NetSuiteSchema.RecordType type, Map<String, Object> before, Map<String, Object> after) {
        long id = Long.parseLong(after.get("id").toString());
        Map<String, String> external = externalIds.get(type.name());
        if (before != null) {
            byStamp.get(type.name()).remove(new Stamped((Instant) before.get("lastModifiedDate"), id));
            Object old = before.get("externalId");
            if (old != null && !old.equals(after.get("externalId"))) {
                external.remove(old.toString(), after.get("id").toString());
            }
        }
        byStamp.get(type.name()).put(new Stamped((Instant) after.get("lastModifiedDate"), id), after.get("id").toString());
        Object externalId = after.get("externalId");
        if (externalId != null) {
            external.put(externalId.toString(), after.get("id").toString());
        }
    }

    private void defaults(NetSuiteSchema.RecordType type, Map<String, Object> record) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        switch (type.name()) {
            case "customer" -> {
                record.putIfAbsent("isPerson", false);
                record.putIfAbsent("entityStatus", reference("13"));
            }
            case "opportunity" -> {
                record.putIfAbsent("entityStatus", reference("10"));
                record.putIfAbsent("tranDate", today);
            }
            case "salesOrder" -> record.putIfAbsent("tranDate", today);
            default -> {
                // contacts have no defaults
            }
        }
    }

    private void validate(NetSuiteSchema.RecordType type, Map<String, Object> record) {
        switch (type.name()) {
            case "customer" -> {
                if (Boolean.TRUE.equals(record.get("isPerson"))) {
                    require(record, "lastName", "Last Name");
                } else {
                    require(record, "companyName", "Company Name");
                }
            }
            case "contact" -> {
                if (blank(record.get("firstName")) && blank(record.get("lastName")) && blank(record.get("entityId"))) {
                    throw NetSuiteRequestException.userError("Please enter value(s) for: Name.", "lastName");
                }
            }
            case "opportunity" -> require(record, "entity", "Customer");
            case "salesOrder" -> {
                require(record, "entity", "Customer");
                Object items = record.get("item") instanceof Map<?, ?> sublist ? sublist.get("items") : null;
                if (!(items instanceof List<?> lines) || lines.isEmpty()) {
                    throw NetSuiteRequestException.userError("You must enter at least one line item for this"
                            + " transaction.", "item");
                }
            }
            default -> {
                // nothing more
            }
        }
        for (NetSuiteSchema.Field field : type.fields().values()) {
            String refId = NetSuiteValues.referenceId(record.get(field.name()));
            if (refId == null || field.refTo() == null) {
                continue;
            }
            boolean exists = field.refTo().equals(NetSuiteSchema.CUSTOMER_STATUS)
                    ? NetSuiteSchema.CUSTOMER_STATUSES.containsKey(refId)
                    : records.get(field.refTo()).containsKey(refId);
            if (!exists) {
                throw NetSuiteRequestException.userError("Invalid Field Value " + refId + " for the following field: "
                        + field.name().toLowerCase(java.util.Locale.ROOT), field.name());
            }
        }
    }

    private static void derive(NetSuiteSchema.RecordType type, Map<String, Object> record, String id) {
        switch (type.name()) {
            case "customer" -> {
                if (blank(record.get("entityId"))) {
                    Object company = record.get("companyName");
                    record.put("entityId", !blank(company) ? company : personName(record));
                }
            }
            case "contact" -> {
                if (blank(record.get("entityId"))) {
                    record.put("entityId", personName(record));
                }
            }
            case "opportunity" -> record.putIfAbsent("tranId", "OPP" + id);
            case "salesOrder" -> {
                record.putIfAbsent("tranId", "SO" + id);
                BigDecimal total = BigDecimal.ZERO;
                for (Object line : (List<?>) ((Map<?, ?>) record.get("item")).get("items")) {
                    Map<?, ?> fields = (Map<?, ?>) line;
                    if (fields.get("amount") instanceof BigDecimal amount) {
                        total = total.add(amount);
                    } else if (fields.get("rate") instanceof BigDecimal rate) {
                        Object quantity = fields.get("quantity");
                        total = total.add(rate.multiply(quantity instanceof BigDecimal q ? q : BigDecimal.ONE));
                    }
                }
                record.put("total", total);
            }
            default -> {
                // nothing derived
            }
        }
    }

    private static void require(Map<String, Object> record, String field, String label) {
        if (blank(record.get(field))) {
            throw NetSuiteRequestException.userError("Please enter value(s) for: " + label + ".", field);
        }
    }

    private static boolean blank(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }

    private static String personName(Map<String, Object> record) {
        Object first = record.get("firstName");
        Object last = record.get("lastName");
        return ((first == null ? "" : first + " ") + (last == null ? "" : last)).trim();
    }

    private static Map<String, Object> reference(String id) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", id);
        return ref;
    }

    /**
     * From now on a change is stamped with the clock's whole second, not moved on: two changes in one second share
     * a stamp whatever their ids, so a change to a lower id later in a second may sort before a position already read.
     */
    synchronized void stampWithClockSecond() {
        clockSecondOnly = true;
    }

    /** The stamp of a change to record {@code id}: after every earlier (stamp, id), unless {@link #stampWithClockSecond}. */
    private Instant nextStamp(long id) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (clockSecondOnly) {
            return now;
        }
        Instant stamp = now.isAfter(lastStamp) ? now : lastStamp;
        if (stamp.equals(lastStamp) && id <= lastStampId) {
            stamp = lastStamp.plusSeconds(1);
        }
        lastStamp = stamp;
        lastStampId = id;
        return stamp;
    }
}
