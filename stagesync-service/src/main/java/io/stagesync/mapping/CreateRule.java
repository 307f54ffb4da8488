package io.stagesync.mapping;

import java.util.Set;

/**
 * When stagesync may create a record in a system object that does not have it yet (updates of
 * linked records are allowed unless {@code unless} says the record moved to another object).
 *
 * @param never    never create (records there come from elsewhere, e.g. Salesforce contacts from lead conversion)
 * @param stages   create only while the canonical record is in one of these stages; empty = any stage
 * @param requires create only when the record is already linked in this {@code system object}
 *                 (e.g. {@code salesforce Contact}); null = no such condition
 * @param unless   never create when the record is already linked in this {@code system object} (e.g. no
 *                 Salesforce Lead for a person who already is a Salesforce Contact), and stop updating a
 *                 record linked here once it is linked there too (a converted Lead: the Contact represents the
 *                 person); null = no such condition
 */
public record CreateRule(boolean never, Set<String> stages, String requires, String unless) {
    public static final CreateRule ALWAYS = new CreateRule(false, Set.of(), null, null);

    public CreateRule {
        stages = Set.copyOf(stages);
    }

    /** A rule without an {@code unless} condition. */
    public CreateRule(boolean never, Set<String> stages, String requires) {
        this(never, stages, requires, null);
    }

    /** Whether a record in {@code stage} that is linked in {@code linkedIn} (system object labels) may be created. */
    public boolean allows(String stage, Set<String> linkedIn) {
        if (never) {
            return false;
        }
        if (!stages.isEmpty() && (stage == null || !stages.contains(stage))) {
            return false;
        }
        if (unless != null && linkedIn.contains(unless)) {
            return false;
        }
        return requires == null || linkedIn.contains(requires);
    }
}
