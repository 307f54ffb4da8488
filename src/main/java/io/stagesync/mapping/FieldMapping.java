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
 */
public record FieldMapping(String systemField, String canonicalField, String refObject, boolean readOnly) {
    public FieldMapping {
        Objects.requireNonNull(systemField, "systemField");
        Objects.requireNonNull(canonicalField, "canonicalField");
    }

    public FieldMapping(String systemField, String canonicalField, String refObject) {
        this(systemField, canonicalField, refObject, false);
    }

    public boolean isReference() {
        return refObject != null;
    }
}
