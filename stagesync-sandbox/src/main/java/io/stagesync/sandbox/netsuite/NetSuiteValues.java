package io.stagesync.sandbox.netsuite;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * NetSuite field values as the record API takes them, made into the simulator's stored types: text as
 * {@link String}, booleans as {@link Boolean}, numbers as {@link BigDecimal}, dates as {@link LocalDate},
 * references as {@code {"id": "<digits>"}}, the item sublist as {@code {"items": [{"item": {"id"}, "quantity",
 * "rate", "amount", "description"}]}}. A value that cannot be the field's type is NetSuite's 400
 * {@code INVALID_VALUE} naming the field. Stateless and thread-safe.
 */
final class NetSuiteValues {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");

    private NetSuiteValues() {
    }

    /**
     * @throws NetSuiteRequestException 400 {@code INVALID_VALUE}
     */
    static Object coerce(NetSuiteSchema.Field field, Object value) {
        if (value == null) {
            return null;
        }
        String name = field.name();
        return switch (field.type()) {
            case TEXT -> scalar(name, value).toString();
            case EMAIL -> {
                String text = scalar(name, value).toString();
                if (!EMAIL.matcher(text).matches()) {
                    throw NetSuiteRequestException.invalidValue(name);
                }
                yield text;
            }
            case BOOLEAN -> {
                Object v = scalar(name, value);
                if (v instanceof Boolean b) {
                    yield b;
                }
                String text = v.toString();
                if (text.equalsIgnoreCase("true") || text.equals("T")) {
                    yield true;
                }
                if (text.equalsIgnoreCase("false") || text.equals("F")) {
                    yield false;
                }
                throw NetSuiteRequestException.invalidValue(name);
            }
            case NUMBER -> number(name, value);
            case DATE -> {
                if (value instanceof LocalDate d) {
                    yield d;
                }
                try {
                    yield LocalDate.parse(scalar(name, value).toString());
                } catch (DateTimeParseException e) {
                    throw NetSuiteRequestException.invalidValue(name);
                }
            }
            case REFERENCE -> reference(name, value);
            case SUBLIST -> items(name, value);
            case DATETIME -> throw NetSuiteRequestException.invalidValue(name);
            case ANY -> {
                Object v = scalar(name, value);
                yield v instanceof Number n ? new BigDecimal(n.toString()) : v;
            }
        };
    }

    /** {@code {"id": "<digits>"}} from a reference object. */
    static Map<String, Object> reference(String name, Object value) {
        if (!(value instanceof Map<?, ?> map) || map.get("id") == null
                || !DIGITS.matcher(map.get("id").toString()).matches()) {
            throw NetSuiteRequestException.invalidValue(name);
        }
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", map.get("id").toString());
        return ref;
    }

    /** The id a stored reference points to, or null. */
    static String referenceId(Object stored) {
        return stored instanceof Map<?, ?> map && map.get("id") != null ? map.get("id").toString() : null;
    }

    private static Map<String, Object> items(String name, Object value) {
        if (!(value instanceof Map<?, ?> sublist) || !(sublist.get("items") instanceof List<?> lines)) {
            throw NetSuiteRequestException.invalidValue(name);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object line : lines) {
            if (!(line instanceof Map<?, ?> fields)) {
                throw NetSuiteRequestException.invalidValue(name);
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : fields.entrySet()) {
                String key = e.getKey().toString();
                Object v = e.getValue();
                switch (key) {
                    case "item" -> copy.put(key, reference(name + ".item", v));
                    case "quantity", "rate", "amount" -> copy.put(key, v == null ? null : number(name + "." + key, v));
                    case "description" -> copy.put(key, v == null ? null : scalar(name, v).toString());
                    default -> copy.put(key, v == null ? null : scalar(name + "." + key, v));
                }
            }
            if (!copy.containsKey("item")) {
                throw NetSuiteRequestException.userError("Please enter value(s) for: Item.", name);
            }
            out.add(copy);
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("items", out);
        return stored;
    }

    private static BigDecimal number(String name, Object value) {
        try {
            return value instanceof BigDecimal d ? d : new BigDecimal(scalar(name, value).toString().trim());
        } catch (NumberFormatException e) {
            throw NetSuiteRequestException.invalidValue(name);
        }
    }

    private static Object scalar(String name, Object value) {
        if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
            throw NetSuiteRequestException.invalidValue(name);
        }
        return value;
    }
}
