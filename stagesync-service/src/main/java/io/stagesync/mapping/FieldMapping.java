package io.stagesync.mapping;

import java.util.Objects;

/**
 * One system field and the canonical field it carries.
 *
 * @param systemField    the system's field name (API name; read columns are matched case-insensitively)
 * @param canonicalField the canonical field name
 * @param refObject      for a reference (a field holding the id of another record of the same
 *                       system, e.g. Opportunity.AccountId), the system object it points to; else null.
 *                       The canonical value of a reference is the canonical id of the referenced record.
 * @param readOnly       true when the system does not accept writes to the field (e.g. Eloqua's lead
 *                       score): it is read, never written
 * @param negated        true when the system field holds the opposite of a {@code bool} canonical field
 *                       (e.g. Eloqua's {@code isSubscribed} for {@code emailOptOut}): read and written negated
 */
public record FieldMapping(String systemField, String canonicalField, String refObject, boolean readOnly,
                           boolean negated) {
    public FieldMapping {
        Objects.requireNonNull(systemField, "systemField");
        Objects.requireNonNull(canonicalField, "canonicalField");
        if (negated && refObject != null) {
            throw new IllegalArgumentException("a reference cannot be negated: " + systemField);
        }
    }

    public FieldMapping(String systemField, String canonicalField, String refObject) {
        this(systemField, canonicalField, refObject, false);
    }

    public FieldMapping(String systemField, String canonicalField, String refObject, boolean readOnly) {
        this(systemField, canonicalField, refObject, readOnly, false);
    }

    public boolean isReference() {
        return refObject != null;
    }
}
