package io.stagesync.sandbox.eloqua;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contact fields of the Eloqua simulator and the checks a contact must pass (saas-apis.md §2.3,
 * §2.6).
 *
 * <p>A contact has standard <em>properties</em> ({@code emailAddress}, {@code firstName}, …) and
 * contact <em>fields</em> ({@code C_…}) that the Application API carries in {@code fieldValues} by
 * numeric id. As in Eloqua, the common properties are also fields ({@code emailAddress} is
 * {@code C_EmailAddress}, field 100001): the simulator keeps one value and shows it both ways. The
 * system fields {@code C_DateCreated} and {@code C_DateModified} are read-only; custom fields
 * (ids from 100201) are text. Values are text, as Eloqua keeps them. Immutable and thread-safe.
 */
final class EloquaContactSchema {
    /** The longest value of a text property or field. */
    static final int MAX_TEXT = 100;
    static final String DATE_CREATED = "C_DateCreated";
    static final String DATE_MODIFIED = "C_DateModified";

    /** Properties a client may write; the mirrored ones are also fields. */
    static final List<String> PROPERTIES = List.of("emailAddress", "firstName", "lastName", "accountName", "title",
            "address1", "address2", "address3", "city", "province", "postalCode", "country", "businessPhone",
            "mobilePhone", "fax", "salesPerson", "description", "emailFormatPreference", "isSubscribed", "isBounceback",
            "subscriptionDate", "unsubscriptionDate", "bouncebackDate");
    /** Properties a PUT leaves blank when it does not carry them (Eloqua's documented update behaviour). */
    static final Set<String> CLEARED_WHEN_MISSING = Set.of("emailAddress", "firstName", "lastName", "accountName",
            "title", "address1", "address2", "address3", "city", "province", "postalCode", "country", "businessPhone",
            "mobilePhone", "fax", "salesPerson", "description");
    /** Properties Eloqua sets itself; a request may carry them, they are ignored. */
    static final Set<String> SYSTEM_PROPERTIES = Set.of("id", "type", "name", "depth", "createdAt", "createdBy",
            "updatedAt", "updatedBy", "accessedAt", "accountId", "permissions", "currentStatus", "fieldValues");
    private static final Set<String> BOOLEANS = Set.of("isSubscribed", "isBounceback");
    private static final Set<String> DATES = Set.of("subscriptionDate", "unsubscriptionDate", "bouncebackDate");
    private static final Set<String> LONG_TEXT = Set.of("description", "emailAddress");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern EPOCH = Pattern.compile("[0-9]{1,12}");

    /**
     * One contact field as {@code /assets/contact/fields} lists it.
     *
     * @param property the standard property holding its value, or null for a field only in {@code fieldValues}
     */
    record Field(String id, String internalName, String name, String dataType, String displayType, boolean readOnly,
                 boolean standard, String property) {
        /** The key of its value in a contact's value map: the property, else the internal name. */
        String key() {
            return property != null ? property : internalName;
        }
    }

    private final List<Field> fields;
    private final Map<String, Field> byId = new LinkedHashMap<>();
    private final Map<String, Field> byInternalName = new LinkedHashMap<>();

    /** @param customFields internal names of the custom text fields, e.g. {@code C_Lead_Stage1} */
    EloquaContactSchema(List<String> customFields) {
        List<Field> all = new ArrayList<>();
        String[][] standard = {
            {"100001", "C_EmailAddress", "Email Address", "emailAddress", "emailAddress"},
            {"100002", "C_FirstName", "First Name", "firstName", "text"},
            {"100003", "C_LastName", "Last Name", "lastName", "text"},
            {"100004", "C_Company", "Company", "accountName", "text"},
            {"100005", "C_Title", "Title", "title", "text"},
            {"100006", "C_BusPhone", "Business Phone", "businessPhone", "text"},
            {"100007", "C_MobilePhone", "Mobile Phone", "mobilePhone", "text"},
            {"100008", "C_Address1", "Address 1", "address1", "text"},
            {"100009", "C_City", "City", "city", "text"},
            {"100010", "C_State_Prov", "State or Province", "province", "text"},
            {"100011", "C_Zip_Postal", "Zip or Postal Code", "postalCode", "text"},
            {"100012", "C_Country", "Country", "country", "text"},
            {"100013", "C_SalesPerson", "Salesperson", "salesPerson", "text"},
        };
        for (String[] f : standard) {
            all.add(new Field(f[0], f[1], f[2], f[4], "text", false, true, f[3]));
        }
        all.add(new Field("100031", DATE_CREATED, "Date Created", "date", "text", true, true, null));
        all.add(new Field("100032", DATE_MODIFIED, "Date Modified", "date", "text", true, true, null));
        int next = 100201;
        for (String custom : customFields) {
            if (!custom.matches("C_[A-Za-z0-9_]{1,97}")) {
                throw new IllegalArgumentException("a custom contact field's internal name starts C_; got " + custom);
            }
            if (all.stream().anyMatch(f -> f.internalName().equals(custom))) {
                throw new IllegalArgumentException("custom field " + custom + " clashes with a standard contact field");
            }
            String name = custom.substring(2).replaceFirst("[0-9]+$", "").replace('_', ' ').trim();
            all.add(new Field(Integer.toString(next++), custom, name, "text",
                    custom.toLowerCase(java.util.Locale.ROOT).contains("stage") ? "singleSelect" : "text", false, false, null));
        }
        this.fields = List.copyOf(all);
        for (Field field : fields) {
            byId.put(field.id(), field);
            byInternalName.put(field.internalName(), field);
        }
    }

    /** Every field, in id order. */
    List<Field> fields() {
        return fields;
    }

    Optional<Field> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Optional<Field> byInternalName(String internalName) {
        return Optional.ofNullable(byInternalName.get(internalName));
    }

    /**
     * The value-map key a name written through the Java API stands for: a property as is, a field's
     * internal name as its {@link Field#key()}.
     *
     * @throws IllegalArgumentException for an unknown name or a read-only field
     */
    String keyOf(String name) {
        if (PROPERTIES.contains(name)) {
            return name;
        }
        Field field = byInternalName.get(name);
        if (field == null) {
            throw new IllegalArgumentException("contact field " + name + " does not exist (a property such as"
                    + " emailAddress, or one of " + byInternalName.keySet() + ")");
        }
        if (field.readOnly()) {
            throw new IllegalArgumentException("contact field " + name + " is read-only");
        }
        return field.key();
    }

    /** A value written through the Java API as Eloqua text: numbers plain, instants as epoch seconds, null stays null. */
    static String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Instant at) {
            return Long.toString(at.getEpochSecond());
        }
        return value.toString();
    }

    /**
     * Checks a contact's complete values (key to text, no nulls).
     *
     * @param id the contact's id, or null for a create
     * @throws EloquaFault 400 with the first broken requirement
     */
    void validate(Long id, Map<String, String> values) {
        String email = values.get("emailAddress");
        if (email == null || email.isEmpty()) {
            throw EloquaFault.validation(400, "Contact", id, "emailAddress", "NotNullRequirement", null);
        }
        if (!EMAIL.matcher(email).matches()) {
            throw EloquaFault.validation(400, "Contact", id, "emailAddress", "EmailAddressRequirement", email);
        }
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            if (BOOLEANS.contains(key) && !value.equals("true") && !value.equals("false")) {
                throw EloquaFault.validation(400, "Contact", id, key, "BooleanRequirement", value);
            }
            if (DATES.contains(key) && !EPOCH.matcher(value).matches()) {
                throw EloquaFault.validation(400, "Contact", id, key, "DateRequirement", value);
            }
            int max = LONG_TEXT.contains(key) ? 400 : MAX_TEXT;
            if (value.length() > max) {
                throw EloquaFault.validation(400, "Contact", id, key, "ValidTextLengthRequirement", value);
            }
        }
    }

    /** The field as {@code GET /assets/contact/fields?depth=complete} lists it. */
    ObjectNode toJson(Field field) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "ContactField");
        node.put("id", field.id());
        node.put("createdAt", "1577836800");
        node.put("depth", "complete");
        node.put("name", field.name());
        node.put("updatedAt", "1577836800");
        node.put("dataType", field.dataType());
        node.put("displayType", field.displayType());
        node.put("internalName", field.internalName());
        node.put("isReadOnly", Boolean.toString(field.readOnly()));
        node.put("isRequired", Boolean.toString(field.internalName().equals("C_EmailAddress")));
        node.put("isStandard", Boolean.toString(field.standard()));
        node.put("updateType", "always");
        return node;
    }
}
