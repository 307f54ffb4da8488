package io.stagesync.sandbox.netsuite;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The record types the NetSuite simulator keeps, as the REST record API names them ({@code customer},
 * {@code contact}, {@code opportunity}, {@code salesOrder}), their fields (REST names, camelCase) and where SuiteQL
 * finds them: customers and contacts in their own tables, opportunities and sales orders in {@code transaction}
 * with {@code type} {@code 'Opprtnty'} / {@code 'SalesOrd'}. SuiteQL columns are the field names in lower case.
 *
 * <p>Fields not declared here may still be written when their name starts with {@code cust} (custom fields);
 * other unknown names are refused, as NetSuite refuses them. Immutable and thread-safe.
 */
final class NetSuiteSchema {

    /** Field types, as far as the simulator checks and formats values. */
    enum Type { TEXT, EMAIL, BOOLEAN, NUMBER, DATE, DATETIME, REFERENCE, SUBLIST, ANY }

    /**
     * @param refTo    for a REFERENCE: the record type ({@code customer}) or {@code customerstatus} whose ids are
     *                 checked, or null for references the simulator does not check (subsidiary, sales rep)
     * @param label    the field label used in NetSuite's messages
     */
    record Field(String name, Type type, boolean writable, String refTo, String label) {
    }

    /**
     * One record type.
     *
     * @param name      the REST name, e.g. {@code salesOrder}
     * @param table     the SuiteQL table
     * @param tranType  the SuiteQL {@code type} of transactions, null for entities
     * @param fields    by lower-case name
     */
    record RecordType(String name, String table, String tranType, Map<String, Field> fields) {
        Optional<Field> field(String fieldName) {
            Field declared = fields.get(fieldName.toLowerCase(Locale.ROOT));
            if (declared != null) {
                return Optional.of(declared);
            }
            if (fieldName.startsWith("cust") && fieldName.matches("[a-z][a-z0-9_]*")) {
                return Optional.of(new Field(fieldName, Type.ANY, true, null, fieldName));
            }
            return Optional.empty();
        }
    }

    /** Customer statuses (saas-apis.md §4.8): internal id to {@code STAGE-Name}. */
    static final Map<String, String> CUSTOMER_STATUSES = Map.ofEntries(
            Map.entry("6", "LEAD-Unqualified"), Map.entry("7", "LEAD-Qualified"),
            Map.entry("8", "PROSPECT-In Discussion"), Map.entry("9", "PROSPECT-Identified Decision Makers"),
            Map.entry("10", "PROSPECT-Proposal"), Map.entry("11", "PROSPECT-In Negotiation"),
            Map.entry("12", "PROSPECT-Purchasing"), Map.entry("13", "CUSTOMER-Closed Won"),
            Map.entry("14", "PROSPECT-Closed Lost"), Map.entry("15", "CUSTOMER-Renewal"),
            Map.entry("16", "CUSTOMER-Lost Customer"));
    static final String CUSTOMER_STATUS = "customerstatus";

    private static final Map<String, RecordType> TYPES = new LinkedHashMap<>();

    static {
        define("customer", "customer", null,
                text("entityId", "Customer ID"), text("companyName", "Company Name"), of("isPerson", Type.BOOLEAN),
                text("firstName", "First Name"), text("lastName", "Last Name"), new Field("email", Type.EMAIL, true,
                        null, "Email"), text("phone", "Phone"), text("url", "Web Address"),
                ref("entityStatus", CUSTOMER_STATUS, "Status"), ref("subsidiary", null, "Subsidiary"),
                ref("salesRep", null, "Sales Rep"), text("comments", "Comments"));
        define("contact", "contact", null,
                text("entityId", "Contact"), text("firstName", "First Name"), text("lastName", "Last Name"),
                new Field("email", Type.EMAIL, true, null, "Email"), text("phone", "Phone"), text("title", "Job Title"),
                ref("company", "customer", "Company"), ref("subsidiary", null, "Subsidiary"),
                // the List/Record custom field the shipped mapping keeps a person's stage in (docs/connectors/netsuite.md)
                ref("custentity_stagesync_stage", null, "Lifecycle Stage"));
        define("opportunity", "transaction", "Opprtnty",
                text("tranId", "Opportunity #"), text("title", "Title"), ref("entity", "customer", "Customer"),
                ref("entityStatus", CUSTOMER_STATUS, "Status"), of("projectedTotal", Type.NUMBER),
                of("probability", Type.NUMBER), of("expectedCloseDate", Type.DATE), of("tranDate", Type.DATE),
                text("memo", "Memo"));
        define("salesOrder", "transaction", "SalesOrd",
                text("tranId", "Order #"), ref("entity", "customer", "Customer"), of("tranDate", Type.DATE),
                text("memo", "Memo"), of("item", Type.SUBLIST), new Field("total", Type.NUMBER, false, null, "Total"));
    }

    private NetSuiteSchema() {
    }

    /** The type of a REST record type name (case-insensitive: NetSuite takes {@code salesorder} too). */
    static Optional<RecordType> type(String name) {
        return Optional.ofNullable(TYPES.get(name.toLowerCase(Locale.ROOT)));
    }

    static Collection<String> typeNames() {
        return TYPES.values().stream().map(RecordType::name).toList();
    }

    /** The record types a SuiteQL table holds, e.g. {@code transaction} → opportunity, salesOrder. */
    static List<RecordType> typesOfTable(String table) {
        return TYPES.values().stream().filter(t -> t.table().equalsIgnoreCase(table)).toList();
    }

    /** The SuiteQL columns of a table: system columns and every declared field in lower case. */
    static Set<String> columns(String table) {
        Set<String> columns = new LinkedHashSet<>(List.of("id", "externalid", "lastmodifieddate", "datecreated"));
        for (RecordType type : typesOfTable(table)) {
            if (type.tranType() != null) {
                columns.add("type");
            }
            type.fields().keySet().forEach(columns::add);
        }
        return columns;
    }

    private static void define(String name, String table, String tranType, Field... fields) {
        Map<String, Field> byName = new LinkedHashMap<>();
        for (Field f : List.of(new Field("id", Type.TEXT, false, null, "Internal ID"),
                new Field("externalId", Type.TEXT, true, null, "External ID"),
                new Field("lastModifiedDate", Type.DATETIME, false, null, "Date Last Modified"),
                new Field("dateCreated", Type.DATETIME, false, null, "Date Created"))) {
            byName.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        for (Field f : fields) {
            byName.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        TYPES.put(name.toLowerCase(Locale.ROOT), new RecordType(name, table, tranType, Map.copyOf(byName)));
    }

    private static Field text(String name, String label) {
        return new Field(name, Type.TEXT, true, null, label);
    }

    private static Field of(String name, Type type) {
        return new Field(name, type, true, null, name);
    }

    private static Field ref(String name, String refTo, String label) {
        return new Field(name, Type.REFERENCE, true, refTo, label);
    }
}
