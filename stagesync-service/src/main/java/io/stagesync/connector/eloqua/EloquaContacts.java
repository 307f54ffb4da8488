package io.stagesync.connector.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesync.connector.SystemRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Application API 1.0 contact shape (saas-apis.md §2.3) ⇄ the connector's field names:
 * standard properties ({@code emailAddress}, {@code firstName}, …) under their own names, every
 * other contact field under its internal name ({@code C_Lead_Stage1}), carried by Eloqua in
 * {@code fieldValues} as {@code {"id": "<fieldId>", "value": "…"}}. Stateless.
 */
final class EloquaContacts {
    static final String CONTACTS_PATH = EloquaClient.REST + "/data/contacts";
    static final String CONTACT_PATH = EloquaClient.REST + "/data/contact";
    static final String OBJECT_TYPE = "contact";
    /** Key for a {@code fieldValues} entry whose id the metadata does not know (a field created after start). */
    static final String UNKNOWN_FIELD_PREFIX = "fieldValue.";

    /** Standard properties a write may set. */
    static final Set<String> WRITABLE = Set.of("emailAddress", "firstName", "lastName", "accountName", "title",
            "address1", "address2", "address3", "city", "province", "postalCode", "country", "businessPhone",
            "mobilePhone", "fax", "salesPerson", "description", "emailFormatPreference", "isSubscribed", "isBounceback",
            "subscriptionDate", "unsubscriptionDate", "bouncebackDate");

    /**
     * Writable properties copied from the current contact into an update, because Eloqua treats
     * properties left out of a PUT as blank (swagger, {@code PUT /data/contact/{id}}). Subscription
     * and bounce-back state are not copied: a stale copy could re-subscribe someone who just
     * unsubscribed; they are sent only when a request sets them.
     */
    static final List<String> CARRIED_ON_UPDATE = List.of("emailAddress", "firstName", "lastName", "accountName",
            "title", "address1", "address2", "address3", "city", "province", "postalCode", "country", "businessPhone",
            "mobilePhone", "fax", "salesPerson", "description");

    /** Standard properties Eloqua sets itself. */
    static final Set<String> READ_ONLY = Set.of("id", "type", "name", "depth", "createdAt", "createdBy", "updatedAt",
            "updatedBy", "accessedAt", "accountId", "permissions", "currentStatus", "fieldValues");

    private static final Pattern ID = Pattern.compile("[0-9]{1,20}");

    private EloquaContacts() {
    }

    /** Whether the text is an Eloqua record id (digits). */
    static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * A contact of a list or GET response as a record.
     *
     * @return the record, or null when the contact has no numeric {@code id} or no epoch-seconds
     *     {@code updatedAt} (the caller decides how to fail)
     */
    static SystemRecord toRecord(JsonNode contact, EloquaFieldMetadata metadata) {
        String id = text(contact.get("id"));
        Instant modstamp = epochSeconds(text(contact.get("updatedAt")));
        if (!isId(id) || modstamp == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = contact.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (!property.getKey().equals("fieldValues")) {
                fields.put(property.getKey(), scalar(property.getValue()));
            }
        }
        for (JsonNode value : contact.path("fieldValues")) {
            String fieldId = text(value.get("id"));
            if (fieldId != null) {
                String name = metadata.byId(fieldId).map(EloquaFieldMetadata.ContactField::internalName)
                        .orElse(UNKNOWN_FIELD_PREFIX + fieldId);
                fields.put(name, scalar(value.get("value")));
            }
        }
        return new SystemRecord(EloquaHttp.SYSTEM, OBJECT_TYPE, id, modstamp, fields);
    }

    /** Unix epoch seconds as Eloqua writes them ({@code "1424362751"}), or null. */
    static Instant epochSeconds(String value) {
        if (value == null || !ID.matcher(value).matches() || value.length() > 12) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(value));
    }

    /**
     * The JSON body of a create or update: {@code base} (null for a create), with the request's
     * standard properties on top and its other fields as {@code fieldValues} by id.
     *
     * @throws BodyProblem when a field is read-only, unknown to Eloqua, or has a value that is not a scalar
     */
    static ObjectNode body(JsonNode base, Map<String, Object> requested, EloquaFieldMetadata metadata) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "Contact");
        if (base != null) {
            body.put("id", text(base.get("id")));
            for (String property : CARRIED_ON_UPDATE) {
                JsonNode current = base.get(property);
                if (current != null && !current.isNull() && !current.isContainerNode()) {
                    body.put(property, current.asText());
                }
            }
        }
        ArrayNode fieldValues = JsonNodeFactory.instance.arrayNode();
        for (Map.Entry<String, Object> field : requested.entrySet()) {
            String name = field.getKey();
            String value = value(name, field.getValue());
            if (WRITABLE.contains(name)) {
                body.put(name, value);
            } else if (READ_ONLY.contains(name)) {
                throw new BodyProblem("READ_ONLY_FIELD", name + " is set by Eloqua and cannot be written");
            } else {
                EloquaFieldMetadata.ContactField meta = metadata.byInternalName(name).orElseThrow(() -> new BodyProblem(
                        "UNKNOWN_FIELD", "contact field " + name + " does not exist in Eloqua (neither a standard"
                        + " property nor a field internal name)"));
                if (meta.readOnly()) {
                    throw new BodyProblem("READ_ONLY_FIELD", "contact field " + name + " is read-only in Eloqua");
                }
                fieldValues.addObject().put("type", "FieldValue").put("id", meta.id()).put("value", value);
            }
        }
        if (!fieldValues.isEmpty()) {
            body.set("fieldValues", fieldValues);
        }
        return body;
    }

    /**
     * A value as Eloqua takes it: text; {@code true}/{@code false}; numbers in plain notation;
     * instants and dates as Unix epoch seconds (saas-apis.md §2.3); null as {@code ""}, which
     * clears the field (VERIFY: whether Eloqua clears on {@code ""} for every data type).
     */
    private static String value(String name, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Instant i) {
            return Long.toString(i.getEpochSecond());
        }
        if (value instanceof Date d) {
            return Long.toString(d.toInstant().getEpochSecond());
        }
        if (value instanceof TemporalAccessor t && t.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Long.toString(t.getLong(ChronoField.INSTANT_SECONDS));
        }
        throw new BodyProblem("UNSUPPORTED_VALUE", name + " has a " + value.getClass().getSimpleName()
                + " value; Eloqua fields take text, numbers, booleans or instants");
    }

    private static Object scalar(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        return value.toString();
    }

    static String text(JsonNode value) {
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** A request the connector refuses before calling Eloqua: a permanent per-record failure. */
    static final class BodyProblem extends RuntimeException {
        private final String code;

        BodyProblem(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }
}
