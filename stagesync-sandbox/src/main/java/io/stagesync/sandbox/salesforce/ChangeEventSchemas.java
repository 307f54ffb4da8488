package io.stagesync.sandbox.salesforce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * The Avro schemas of the simulated org's change events, in the shape Salesforce's Pub/Sub API gives Change Data
 * Capture events: record {@code com.sforce.eventbus.<Type>ChangeEvent} whose first field is the
 * {@code ChangeEventHeader} (entityName, recordIds, changeType, changeOrigin, transactionKey, sequenceNumber,
 * commitTimestamp, commitNumber, commitUser, nulledFields, diffFields, changedFields), then every field of the
 * object as an optional value (text as string, numbers as double or int, booleans, datetimes as epoch milliseconds,
 * dates as epoch days). {@code changedFields} and {@code nulledFields} are bitmaps over the schema's top-level
 * field positions ({@code ["0x…"]}, the byte order Salesforce documents). Simplified: compound fields (Name,
 * Address) are flat. Schema ids are the schemas' fingerprints, base64url. Immutable and thread-safe.
 */
final class ChangeEventSchemas {
    /** The change types of {@code ChangeEventHeader.changeType}. */
    static final List<String> CHANGE_TYPES = List.of("CREATE", "UPDATE", "DELETE", "UNDELETE", "GAP_CREATE",
            "GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE", "GAP_OVERFLOW", "SNAPSHOT");

    private final Map<String, Schema> byType = new LinkedHashMap<>();
    private final Map<String, Schema> byId = new LinkedHashMap<>();
    private final Map<String, String> idOfType = new LinkedHashMap<>();

    ChangeEventSchemas(Collection<SalesforceSchema.SObjectType> types) {
        Schema header = header();
        for (SalesforceSchema.SObjectType type : types) {
            SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(type.name() + "ChangeEvent")
                    .namespace("com.sforce.eventbus").fields()
                    .name("ChangeEventHeader").type(header).noDefault();
            for (SalesforceSchema.Field field : type.fields().values()) {
                if (field.name().equals("Id")) {
                    continue;
                }
                fields = fields.name(field.name()).doc(field.name() + ":" + field.type())
                        .type().unionOf().nullType().and().type(avroType(field.type())).endUnion().nullDefault();
            }
            Schema schema = fields.endRecord();
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    longBytes(SchemaNormalization.parsingFingerprint64(schema)));
            byType.put(type.name(), schema);
            byId.put(id, schema);
            idOfType.put(type.name(), id);
        }
    }

    /** The schema id of a type's change events. */
    String schemaId(String type) {
        return idOfType.get(type);
    }

    /** The schema with that id, or empty. */
    Optional<Schema> schema(String schemaId) {
        return Optional.ofNullable(byId.get(schemaId));
    }

    /**
     * One change event's Avro payload.
     *
     * @param record  the record after the change (its values are sent for CREATE, UNDELETE, and for the changed
     *                fields of UPDATE; none for DELETE and gap events)
     * @param changed the API names changed (UPDATE), or empty
     */
    byte[] encode(String type, String changeType, List<String> recordIds, Map<String, Object> record,
                  Collection<String> changed, String transactionKey, int sequenceNumber, Instant committedAt,
                  String userId) {
        Schema schema = byType.get(type);
        GenericRecord header = new GenericData.Record(schema.getField("ChangeEventHeader").schema());
        header.put("entityName", type);
        header.put("recordIds", new ArrayList<>(recordIds));
        header.put("changeType", new GenericData.EnumSymbol(header.getSchema().getField("changeType").schema(),
                changeType));
        header.put("changeOrigin", "com/salesforce/api/rest/62.0");
        header.put("transactionKey", transactionKey);
        header.put("sequenceNumber", sequenceNumber);
        header.put("commitTimestamp", committedAt.toEpochMilli());
        header.put("commitNumber", committedAt.toEpochMilli() * 1000 + sequenceNumber);
        header.put("commitUser", userId);
        BitSet changedBits = new BitSet();
        BitSet nulledBits = new BitSet();
        GenericRecord event = new GenericData.Record(schema);
        event.put("ChangeEventHeader", header);
        boolean values = changeType.equals("CREATE") || changeType.equals("UNDELETE") || changeType.equals("UPDATE");
        for (Schema.Field field : schema.getFields()) {
            if (field.pos() == 0 || !values) {
                continue;
            }
            boolean sent = !changeType.equals("UPDATE") || changed.stream().anyMatch(c -> c.equalsIgnoreCase(field.name()));
            Object value = SoqlEngine.value(record, field.name());
            if (sent && changeType.equals("UPDATE")) {
                changedBits.set(field.pos());
                if (value == null) {
                    nulledBits.set(field.pos());
                }
            }
            if (sent && value != null) {
                event.put(field.name(), avroValue(field.schema().getTypes().get(1).getType(), value));
            }
        }
        header.put("changedFields", bitmap(changedBits));
        header.put("nulledFields", bitmap(nulledBits));
        header.put("diffFields", List.of());
        return bytes(schema, event);
    }

    /** A bitmap field value: empty, or {@code ["0x…"]} with bit i for field position i, highest byte first. */
    static List<String> bitmap(BitSet bits) {
        if (bits.isEmpty()) {
            return List.of();
        }
        byte[] little = bits.toByteArray();
        byte[] big = new byte[little.length];
        for (int i = 0; i < little.length; i++) {
            big[i] = little[little.length - 1 - i];
        }
        return List.of("0x" + HexFormat.of().withUpperCase().formatHex(big));
    }

    private static Schema header() {
        Schema strings = SchemaBuilder.array().items().stringType();
        return SchemaBuilder.record("ChangeEventHeader").namespace("com.sforce.eventbus").fields()
                .name("entityName").type().stringType().noDefault()
                .name("recordIds").type(strings).noDefault()
                .name("changeType").type(SchemaBuilder.enumeration("ChangeType").namespace("com.sforce.eventbus")
                        .symbols(CHANGE_TYPES.toArray(String[]::new))).noDefault()
                .name("changeOrigin").type().stringType().noDefault()
                .name("transactionKey").type().stringType().noDefault()
                .name("sequenceNumber").type().intType().noDefault()
                .name("commitTimestamp").type().longType().noDefault()
                .name("commitNumber").type().longType().noDefault()
                .name("commitUser").type().stringType().noDefault()
                .name("nulledFields").type(strings).noDefault()
                .name("diffFields").type(strings).noDefault()
                .name("changedFields").type(strings).noDefault()
                .endRecord();
    }

    private static Schema avroType(SalesforceSchema.Type type) {
        return switch (type) {
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case INTEGER -> Schema.create(Schema.Type.INT);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case DATE -> Schema.create(Schema.Type.INT);
            case DATETIME -> Schema.create(Schema.Type.LONG);
            default -> Schema.create(Schema.Type.STRING);
        };
    }

    private static Object avroValue(Schema.Type target, Object value) {
        return switch (target) {
            case LONG -> value instanceof Instant at ? at.toEpochMilli() : ((Number) value).longValue();
            case INT -> value instanceof LocalDate date ? (int) date.toEpochDay() : ((Number) value).intValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case BOOLEAN -> value;
            default -> value.toString();
        };
    }

    private static byte[] bytes(Schema schema, GenericRecord event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(schema).write(event, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] longBytes(long value) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) value;
            value >>= 8;
        }
        return out;
    }
}
