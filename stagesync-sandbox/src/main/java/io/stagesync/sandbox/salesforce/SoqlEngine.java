package io.stagesync.sandbox.salesforce;

import io.stagesync.sandbox.query.SimQuery;
import io.stagesync.sandbox.query.SimQueryCandidates;
import io.stagesync.sandbox.query.SimQueryExpr;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a parsed SOQL query over the records of one sObject type: checks every field name against the schema
 * (Salesforce's 400 {@code INVALID_FIELD} otherwise), filters, sorts ({@code NULLS FIRST} by default for
 * ascending keys, as Salesforce does; text ordered by plain string comparison, so Ids sort as the change reader
 * assumes), applies {@code OFFSET}/{@code LIMIT} and projects the selected fields under their API names.
 * Text equality is case-insensitive, as in SOQL. Stateless and thread-safe.
 */
final class SoqlEngine {
    private SoqlEngine() {
    }

    /**
     * @param records the type's records in creation order (read, not changed)
     * @return the selected rows in result order
     * @throws SalesforceRequestException 400 {@code INVALID_FIELD} or {@code MALFORMED_QUERY}
     */
    static List<Row> run(SimQuery query, SalesforceSchema.SObjectType type,
                                         Collection<Map<String, Object>> records) {
        List<SalesforceSchema.Field> selected = validate(query, type);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> record : records) {
            if (query.where() == null || Boolean.TRUE.equals(query.where().eval(context(record)))) {
                rows.add(record);
            }
        }
        if (!query.orderBy().isEmpty()) {
            rows.sort(order(query.orderBy()));
        }
        int from = query.offset() == null ? 0 : Math.min(query.offset(), rows.size());
        int to = query.limit() == null ? rows.size() : Math.min(rows.size(), from + query.limit());
        List<Row> out = new ArrayList<>(to - from);
        for (Map<String, Object> record : rows.subList(from, to)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (SalesforceSchema.Field field : selected) {
                fields.put(field.name(), value(record, field.name()));
            }
            out.add(new Row(record.get("Id").toString(), fields));
        }
        return out;
    }

    /**
     * The records the query's filter can select at most, for {@link SalesforceOrg}'s indexes:
     * {@link SimQueryCandidates.Keys} holds 18-character record ids ({@code Id = '…'}, {@code Id IN (…)});
     * {@link SimQueryCandidates.AtLeast} holds one {@link Instant}, the earliest {@code SystemModstamp} a selected
     * record can have; else {@link SimQueryCandidates.All}. {@code All} too when the query has no {@code ORDER BY}
     * and could select more than one record, since such rows come in the order the org keeps them.
     *
     * @throws SalesforceRequestException 400 {@code INVALID_FIELD} or {@code MALFORMED_QUERY}, as {@link #run} would
     */
    static SimQueryCandidates candidates(SimQuery query, SalesforceSchema.SObjectType type) {
        validate(query, type);
        SimQueryExpr.Context noRow = context(Map.of());
        SimQueryCandidates found = SimQueryCandidates.of(query.where(), "Id", "SystemModstamp", e -> e.eval(noRow));
        if (found instanceof SimQueryCandidates.Keys keys) {
            if (keys.values().size() > 1 && query.orderBy().isEmpty()) {
                return new SimQueryCandidates.All();
            }
            List<Object> ids = new ArrayList<>();
            for (Object key : keys.values()) {
                if (!(key instanceof String text)) {
                    return new SimQueryCandidates.All();
                }
                String id = SalesforceIds.normalize(text);
                if (id != null && id.equals(text)) {
                    ids.add(id);
                } else if (id != null || text.length() == 18) {
                    // a 15-character id, or an 18-character one in another case: let the filter decide on every row
                    return new SimQueryCandidates.All();
                }
            }
            return new SimQueryCandidates.Keys(ids);
        }
        if (found instanceof SimQueryCandidates.AtLeast since) {
            if (query.orderBy().isEmpty()) {
                return new SimQueryCandidates.All();
            }
            Instant earliest = null;
            for (Object bound : since.bounds()) {
                Instant at = instant(bound);
                if (at == null) {
                    return new SimQueryCandidates.All();
                }
                earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
            }
            return new SimQueryCandidates.AtLeast(List.of(earliest));
        }
        return found;
    }

    /** The selected fields, after the checks Salesforce makes before running a query. */
    private static List<SalesforceSchema.Field> validate(SimQuery query, SalesforceSchema.SObjectType type) {
        List<SalesforceSchema.Field> selected = new ArrayList<>();
        for (SimQuery.SelectItem item : query.select()) {
            if (!(item.expr() instanceof SimQueryExpr.Column column)) {
                throw new SalesforceRequestException(400, "MALFORMED_QUERY",
                        "only field names can be selected here; got " + item.name());
            }
            selected.add(field(type, column.name()));
        }
        query.columns().forEach(name -> field(type, name));
        return selected;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant at) {
            return at;
        }
        // a quoted text is not a bound: compared with a datetime from the left it is text, not a time
        return null;
    }

    /**
     * One result row.
     *
     * @param id     the record's Id (for {@code attributes.url}, selected or not)
     * @param fields the selected fields, declared API name to stored value, in select order
     */
    record Row(String id, Map<String, Object> fields) {
    }

    /** A field of a record by case-insensitive API name, or null. */
    static Object value(Map<String, Object> record, String name) {
        Object exact = record.get(name);
        if (exact != null || record.containsKey(name)) {
            return exact;
        }
        for (Map.Entry<String, Object> e : record.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** SOQL equality of two non-null values: text case-insensitive, numbers by value. */
    static boolean equal(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.equalsIgnoreCase(y);
        }
        if (a instanceof Number && b instanceof Number) {
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        return compare(a, b) == 0;
    }

    /** Orders two non-null values; text by plain string comparison. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return decimal(a).compareTo(decimal(b));
        }
        if (a instanceof Instant x && b instanceof String y) {
            return x.compareTo(Instant.parse(y));
        }
        if (a instanceof LocalDate x && b instanceof String y) {
            return x.compareTo(LocalDate.parse(y));
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable c) {
            return c.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }

    private static SalesforceSchema.Field field(SalesforceSchema.SObjectType type, String name) {
        if (name.contains(".")) {
            throw new SalesforceRequestException(400, "INVALID_FIELD", "Didn't understand relationship '"
                    + name.substring(0, name.indexOf('.')) + "' in field path. The sandbox simulator does not"
                    + " answer relationship queries.");
        }
        return type.field(name).orElseThrow(() -> new SalesforceRequestException(400, "INVALID_FIELD",
                "No such column '" + name + "' on entity '" + type.name() + "'. If you are attempting to use a custom"
                        + " field, be sure to append the '__c' after the custom field name. Please reference your WSDL"
                        + " or the describe call for the appropriate names."));
    }

    private static SimQueryExpr.Context context(Map<String, Object> record) {
        return new SimQueryExpr.Context() {
            @Override
            public Object column(String name) {
                return value(record, name);
            }

            @Override
            public Object call(String function, List<Object> args) {
                throw new SalesforceRequestException(400, "MALFORMED_QUERY",
                        "function " + function + " is not supported by the sandbox simulator");
            }

            @Override
            public int compare(Object a, Object b) {
                return SoqlEngine.compare(a, b);
            }

            @Override
            public boolean equal(Object a, Object b) {
                return SoqlEngine.equal(a, b);
            }
        };
    }

    private static Comparator<Map<String, Object>> order(List<SimQuery.OrderItem> keys) {
        Comparator<Map<String, Object>> all = null;
        for (SimQuery.OrderItem key : keys) {
            boolean nullsFirst = key.nullsFirst() != null ? key.nullsFirst() : !key.descending();
            Comparator<Object> values = (a, b) -> key.descending() ? compare(b, a) : compare(a, b);
            Comparator<Object> withNulls = nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
            Comparator<Map<String, Object>> one = Comparator.comparing(r -> key.expr().eval(context(r)), withNulls);
            all = all == null ? one : all.thenComparing(one);
        }
        return all;
    }

    private static BigDecimal decimal(Object n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }
}
