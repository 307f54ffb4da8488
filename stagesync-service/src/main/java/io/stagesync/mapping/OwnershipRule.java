package io.stagesync.mapping;

import java.util.Objects;

/**
 * Which system's value of a canonical field wins when systems disagree.
 *
 * @param kind   the rule
 * @param system for {@link Kind#SYSTEM}, the owning system; else null
 */
public record OwnershipRule(Kind kind, String system) {
    /** The kinds of rule, as the sync products users compare us with offer them. */
    public enum Kind {
        /** A named system's value wins; other systems' values are taken only while the field is empty. */
        SYSTEM,
        /** The most recent change wins (by the source's modstamp; ties go to the change seen later). */
        NEWEST,
        /** A value is taken only when the canonical field is empty. */
        ONLY_IF_BLANK
    }

    public OwnershipRule {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.SYSTEM) != (system != null)) {
            throw new IllegalArgumentException("a system is named exactly for the SYSTEM rule");
        }
    }

    public static final OwnershipRule NEWEST = new OwnershipRule(Kind.NEWEST, null);
    public static final OwnershipRule ONLY_IF_BLANK = new OwnershipRule(Kind.ONLY_IF_BLANK, null);

    public static OwnershipRule owner(String system) {
        return new OwnershipRule(Kind.SYSTEM, system);
    }

    /** The config spelling: a system name, {@code newest} or {@code only-if-blank}. */
    public String configName() {
        return switch (kind) {
            case SYSTEM -> system;
            case NEWEST -> "newest";
            case ONLY_IF_BLANK -> "only-if-blank";
        };
    }
}
