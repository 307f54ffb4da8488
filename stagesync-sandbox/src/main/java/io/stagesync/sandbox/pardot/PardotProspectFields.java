package io.stagesync.sandbox.pardot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The prospect fields the Pardot simulator knows, by v5 name, with their types and who may write
 * them, and the checks a written value must pass (saas-apis.md §3.4, §3.5).
 *
 * <p>Three kinds of field: set by Pardot only ({@code id}, {@code createdAt}, {@code updatedAt});
 * set by Pardot's own processes such as the Salesforce connector ({@code salesforceLeadId},
 * {@code lastActivityAt}, …), writable through the simulator's Java API but not through v5 (error
 * 180, as for an unknown field); and writable through v5 (the profile, {@code score},
 * {@code grade}, opt-outs, {@code campaignId} and the custom fields). Relationship fields
 * {@code campaign.id} and {@code campaign.name} can be read. Immutable and thread-safe.
 */
final class PardotProspectFields {
    /** Code of an invalid prospect e-mail address. */
    static final int INVALID_EMAIL = 4;
    /** Code of a field that is unknown or not writable in the operation. */
    static final int INVALID_FIELDS = 180;
    /** Code of a property with an invalid value. */
    static final int INVALID_PROPERTY = 154;
    /** Code of a campaign id that does not exist. */
    static final int INVALID_CAMPAIGN = 38;

    /** The grades Account Engagement assigns. */
    static final Set<String> GRADES = Set.of("A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F");
    static final Set<String> RELATIONSHIP_FIELDS = Set.of("campaign.id", "campaign.name");
    static final Set<String> PARDOT_ONLY = Set.of("id", "createdAt", "updatedAt");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int MAX_EMAIL = 255;
    private static final int MAX_TEXT = 255;

    enum Kind { TEXT, EMAIL, INTEGER, GRADE, BOOLEAN, CAMPAIGN, DATETIME }

    /** One field: name, kind, and whether v5 clients (not only Pardot's own processes) may write it. */
    record Field(String name, Kind kind, boolean apiWritable) {
    }

    private final Map<String, Field> writable;

    /** @param customFields the custom fields' v5 names (e.g. {@code Lifecycle_Stage__c}), text fields writable through v5 */
    PardotProspectFields(List<String> customFields) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (String text : List.of("firstName", "lastName", "company", "jobTitle", "phone", "website", "city", "state",
                "country")) {
            fields.put(text, new Field(text, Kind.TEXT, true));
        }
        fields.put("email", new Field("email", Kind.EMAIL, true));
        fields.put("score", new Field("score", Kind.INTEGER, true));
        fields.put("grade", new Field("grade", Kind.GRADE, true));
        fields.put("campaignId", new Field("campaignId", Kind.CAMPAIGN, true));
        for (String flag : List.of("optedOut", "isDoNotEmail", "isDoNotCall")) {
            fields.put(flag, new Field(flag, Kind.BOOLEAN, true));
        }
        for (String crm : List.of("salesforceLeadId", "salesforceContactId", "salesforceAccountId", "salesforceOwnerId")) {
            fields.put(crm, new Field(crm, Kind.TEXT, false));
        }
        fields.put("lastActivityAt", new Field("lastActivityAt", Kind.DATETIME, false));
        for (String custom : customFields) {
            if (fields.containsKey(custom) || PARDOT_ONLY.contains(custom)) {
                throw new IllegalArgumentException("custom field " + custom + " clashes with a standard prospect field");
            }
            fields.put(custom, new Field(custom, Kind.TEXT, true));
        }
        this.writable = Map.copyOf(fields);
    }

    /** Whether {@code name} can be asked for in {@code fields=…}. */
    boolean readable(String name) {
        return writable.containsKey(name) || PARDOT_ONLY.contains(name) || RELATIONSHIP_FIELDS.contains(name);
    }

    /**
     * Checks and converts written values.
     *
     * @param values      field to value as JSON gives them (null clears the field)
     * @param viaApi      true for a v5 request, false for the simulator's Java API (which may also set
     *                    fields only Pardot's own processes write)
     * @param campaignIds the campaigns that exist
     * @return field to converted value (null to clear), in the given order
     * @throws PardotFault 180 for an unknown or read-only field, 4 for a bad e-mail, 154 or 38 for another bad value
     */
    Map<String, Object> convert(Map<String, ?> values, boolean viaApi, Set<Long> campaignIds) {
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            String name = entry.getKey();
            Field field = writable.get(name);
            if (field == null || viaApi && !field.apiWritable()) {
                throw PardotFault.badRequest(INVALID_FIELDS, "One or more of the specified fields are invalid: " + name
                        + (readable(name) ? " is read-only" : " is not a prospect field"));
            }
            converted.put(name, convert(field, entry.getValue(), campaignIds));
        }
        return converted;
    }

    private static Object convert(Field field, Object value, Set<Long> campaignIds) {
        if (value == null || value instanceof String s && s.isEmpty() && field.kind() != Kind.EMAIL) {
            return null;
        }
        return switch (field.kind()) {
            case TEXT -> text(field, value);
            case EMAIL -> email(value);
            case INTEGER -> integer(field, value);
            case GRADE -> {
                if (!(value instanceof String grade) || !GRADES.contains(grade)) {
                    throw invalid(field, value, "a grade from A+ to F");
                }
                yield grade;
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                if ("true".equals(value) || "false".equals(value)) {
                    yield Boolean.valueOf((String) value);
                }
                throw invalid(field, value, "true or false");
            }
            case CAMPAIGN -> {
                long id = integer(field, value);
                if (!campaignIds.contains(id)) {
                    throw PardotFault.badRequest(INVALID_CAMPAIGN, "Invalid campaign ID: " + id);
                }
                yield id;
            }
            case DATETIME -> {
                if (!(value instanceof Instant at)) {
                    throw invalid(field, value, "an instant");
                }
                yield at;
            }
        };
    }

    private static String text(Field field, Object value) {
        if (!(value instanceof String text)) {
            throw invalid(field, value, "text");
        }
        if (text.length() > MAX_TEXT) {
            throw invalid(field, text.substring(0, 20) + "…", "at most " + MAX_TEXT + " characters");
        }
        return text;
    }

    /** A valid e-mail address, or {@link PardotFault} with code {@value #INVALID_EMAIL}. */
    static String email(Object value) {
        if (!(value instanceof String email) || email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            throw PardotFault.badRequest(INVALID_EMAIL, "Invalid prospect email address");
        }
        return email;
    }

    private static int integer(Field field, Object value) {
        try {
            BigDecimal number = value instanceof String s ? new BigDecimal(s)
                    : value instanceof BigDecimal d ? d
                    : value instanceof Number n ? new BigDecimal(n.toString()) : null;
            if (number != null) {
                return number.intValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // reported below
        }
        throw invalid(field, value, "a whole number");
    }

    private static PardotFault invalid(Field field, Object value, String expected) {
        return PardotFault.badRequest(INVALID_PROPERTY, "Invalid property in request: " + field.name() + " must be "
                + expected + "; got " + value);
    }
}
