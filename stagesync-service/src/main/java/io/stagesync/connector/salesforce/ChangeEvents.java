package io.stagesync.connector.salesforce;

import io.stagesync.connector.StreamedChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads a Change Data Capture event (Avro, as camel-salesforce's Pub/Sub consumer gives it) into a
 * {@link StreamedChange}: its {@code ChangeEventHeader}'s {@code changeType}, {@code recordIds} and
 * {@code commitTimestamp}; the field values are not read, the records are read as they are now instead.
 *
 * <ul>
 *   <li>{@code CREATE}, {@code UPDATE} and their gap events ({@code GAP_CREATE}, …: too large or not representable,
 *       header only): {@link StreamedChange.Kind#CHANGED}; {@code UNDELETE}, {@code GAP_UNDELETE}:
 *       {@link StreamedChange.Kind#UNDELETED}.</li>
 *   <li>{@code DELETE}, {@code GAP_DELETE}: {@link StreamedChange.Kind#DELETED} (a merge's losers are deleted
 *       like this too; the reader's {@code mergedInto} tells them apart).</li>
 *   <li>{@code GAP_OVERFLOW} (a transaction of more than 100,000 changes), a wildcard id such as {@code 001*}, or an
 *       event without a readable header: {@link StreamedChange.Kind#RESYNC}, so nothing is skipped.</li>
 * </ul>
 * Stateless.
 */
final class ChangeEvents {
    private ChangeEvents() {
    }

    /**
     * @param object   the object the channel carries
     * @param body     the event as deserialized (a {@link GenericRecord}); anything else is read as a resync
     * @param position the event's replay id (base64)
     */
    static StreamedChange read(String object, Object body, String position) {
        if (!(body instanceof GenericRecord event) || event.getSchema().getField("ChangeEventHeader") == null
                || !(event.get("ChangeEventHeader") instanceof GenericRecord header)) {
            return resync(object, position, null, "unreadable event " + describe(body));
        }
        String changeType = text(header, "changeType").toUpperCase(Locale.ROOT);
        Object stamp = header.getSchema().getField("commitTimestamp") == null ? null : header.get("commitTimestamp");
        Instant committed = stamp instanceof Number millis ? Instant.ofEpochMilli(millis.longValue()) : null;
        List<String> ids = new ArrayList<>();
        if (header.getSchema().getField("recordIds") != null && header.get("recordIds") instanceof Iterable<?> values) {
            values.forEach(v -> ids.add(v.toString()));
        }
        boolean wildcard = ids.stream().anyMatch(id -> id.contains("*"));
        if (changeType.equals("GAP_OVERFLOW") || wildcard || ids.isEmpty()) {
            return resync(object, position, committed, changeType + (wildcard ? " " + ids : ""));
        }
        StreamedChange.Kind kind = switch (changeType) {
            case "DELETE", "GAP_DELETE" -> StreamedChange.Kind.DELETED;
            case "CREATE", "UPDATE", "GAP_CREATE", "GAP_UPDATE" -> StreamedChange.Kind.CHANGED;
            case "UNDELETE", "GAP_UNDELETE" -> StreamedChange.Kind.UNDELETED;
            default -> null;
        };
        if (kind == null) {
            return resync(object, position, committed, "change type " + changeType);
        }
        return new StreamedChange(object, kind, ids, position, committed, changeType);
    }

    private static StreamedChange resync(String object, String position, Instant at, String why) {
        return new StreamedChange(object, StreamedChange.Kind.RESYNC, List.of(), position, at, why);
    }

    private static String text(GenericRecord record, String field) {
        if (record.getSchema().getField(field) == null) {
            return "";
        }
        Object value = record.get(field);
        return value == null ? "" : value.toString();
    }

    private static String describe(Object body) {
        return body == null ? "(no body)" : "(" + body.getClass().getSimpleName() + ")";
    }
}
