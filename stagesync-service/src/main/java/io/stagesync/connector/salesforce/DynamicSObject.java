package io.stagesync.connector.salesforce;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;

/**
 * One record of a config-driven field map, as the DTO camel-salesforce's sObject Collections operations
 * require, that serializes to exactly {@code {"attributes":{"type":T}, "<externalIdField>":key, <fields>…}} and
 * nothing else.
 *
 * <p>Why: camel-salesforce serializes a DTO bean property by property, and generated DTOs carry every field of
 * the object; a field the DTO has but the caller did not set goes out as {@code null} (or, by name mismatch, is
 * nulled), which blanks it in the org. This class bypasses bean serialization with its own serializer
 * (class-level {@link JsonSerialize}), so the inherited standard properties ({@code Id}, {@code OwnerId},
 * {@code Name}, …) and the {@code fieldsToNull} filter of {@code AbstractSObjectBase} never take part.
 *
 * <p>A field given with a null value is written as JSON {@code null} (it clears the field, as
 * {@code UpsertRequest} documents); a field not given is not written. Values may be {@link String},
 * {@link Boolean}, {@link Number}, {@link Instant}/{@link OffsetDateTime}/{@link ZonedDateTime} (written as
 * UTC datetimes {@code 2026-01-02T03:04:05.000Z}), {@link LocalDate} ({@code 2026-01-02}), or a {@link Map} of
 * such values (a relationship reference by external id, e.g. {@code Account: {Ext__c: "A-1"}}).
 *
 * <p>Immutable. {@link #toString()} shows the type, key field and field names, never values.
 */
@JsonSerialize(using = DynamicSObject.Serializer.class)
public final class DynamicSObject extends AbstractDescribedSObjectBase {

    private final String type;
    private final String externalIdField;
    private final String externalId;
    private final Map<String, Object> fields;

    /**
     * @param type            the sObject API name, e.g. {@code Lead}
     * @param externalIdField the external-id field the record is addressed by, e.g. {@code Stagesync_Id__c}
     * @param externalId      its value for this record, non-null
     * @param fields          API name to value; must not contain {@code attributes} or {@code Id}; may contain
     *                        {@code externalIdField} only with the value {@code externalId}
     * @throws IllegalArgumentException for an invalid name or an unsupported value type, naming the field
     */
    public DynamicSObject(String type, String externalIdField, String externalId, Map<String, Object> fields) {
        this.type = Soql.requireName(type);
        this.externalIdField = Soql.requireName(externalIdField);
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name.equals("attributes") || name.equalsIgnoreCase("Id")) {
                throw new IllegalArgumentException("field " + name + " of " + type + " cannot be written by upsert");
            }
            if (name.equals(externalIdField)) {
                if (!externalId.equals(value)) {
                    throw new IllegalArgumentException("field " + name + " of " + type
                            + " is the upsert key; its value must equal the request key");
                }
                return;
            }
            requireFieldName(type, name);
            copy.put(name, checkedValue(type, name, value, true));
        });
        this.fields = Collections.unmodifiableMap(copy);
        getAttributes().setType(this.type);
    }

    /** The sObject API name. */
    public String type() {
        return type;
    }

    public String externalIdField() {
        return externalIdField;
    }

    public String externalId() {
        return externalId;
    }

    /** The fields to write, insertion-ordered, without the external-id field; values may be null. */
    public Map<String, Object> fields() {
        return fields;
    }

    @Override
    public SObjectDescription description() {
        SObjectDescription description = new SObjectDescription();
        description.setName(type);
        return description;
    }

    @Override
    public String toString() {
        return "DynamicSObject[" + type + " " + externalIdField + "=…, fields=" + fields.keySet() + "]";
    }

    private static void requireFieldName(String type, String name) {
        if (name.contains(".")) {
            throw new IllegalArgumentException("field " + name + " of " + type
                    + ": write a relationship as a nested map, not a dotted name");
        }
        try {
            Soql.requireName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field of " + type + ": " + e.getMessage(), e);
        }
    }

    private static boolean isPlainNumber(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigDecimal || n instanceof BigInteger || n instanceof Double || n instanceof Float;
    }

    private static Object checkedValue(String type, String name, Object value, boolean nestingAllowed) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Instant
                || value instanceof LocalDate) {
            return value;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        if (value instanceof Number number) {
            if (number instanceof Double d && (d.isNaN() || d.isInfinite())
                    || number instanceof Float f && (f.isNaN() || f.isInfinite())) {
                throw new IllegalArgumentException("field " + name + " of " + type + " is not a finite number");
            }
            return isPlainNumber(number) ? number : new BigDecimal(number.toString());
        }
        if (value instanceof Map<?, ?> reference && nestingAllowed) {
            Map<String, Object> copy = new LinkedHashMap<>();
            reference.forEach((k, v) -> {
                String key = String.valueOf(k);
                requireFieldName(type, key);
                copy.put(key, checkedValue(type, name + "." + key, v, false));
            });
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException("field " + name + " of " + type + " has a value of unsupported type "
                + value.getClass().getName());
    }

    /** Writes attributes.type, the external id and the given fields, in that order. */
    static final class Serializer extends StdSerializer<DynamicSObject> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(DynamicSObject.class);
        }

        @Override
        public void serialize(DynamicSObject record, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeObjectFieldStart("attributes");
            gen.writeStringField("type", record.type);
            gen.writeEndObject();
            gen.writeStringField(record.externalIdField, record.externalId);
            writeFields(record.fields, gen);
            gen.writeEndObject();
        }

        private static void writeFields(Map<String, ?> fields, JsonGenerator gen) throws IOException {
            for (Map.Entry<String, ?> field : fields.entrySet()) {
                gen.writeFieldName(field.getKey());
                writeValue(field.getValue(), gen);
            }
        }

        private static void writeValue(Object value, JsonGenerator gen) throws IOException {
            if (value == null) {
                gen.writeNull();
            } else if (value instanceof String s) {
                gen.writeString(s);
            } else if (value instanceof Boolean b) {
                gen.writeBoolean(b);
            } else if (value instanceof Instant instant) {
                gen.writeString(Soql.datetimeLiteral(instant));
            } else if (value instanceof LocalDate date) {
                gen.writeString(date.toString());
            } else if (value instanceof BigDecimal d) {
                gen.writeNumber(d);
            } else if (value instanceof BigInteger i) {
                gen.writeNumber(i);
            } else if (value instanceof Double d) {
                gen.writeNumber(d);
            } else if (value instanceof Float f) {
                gen.writeNumber(f);
            } else if (value instanceof Number n) {
                gen.writeNumber(n.longValue());
            } else if (value instanceof Map<?, ?> map) {
                gen.writeStartObject();
                @SuppressWarnings("unchecked")
                Map<String, ?> nested = (Map<String, ?>) map;
                writeFields(nested, gen);
                gen.writeEndObject();
            } else {
                throw new IllegalStateException("unchecked value type " + value.getClass());
            }
        }
    }
}
