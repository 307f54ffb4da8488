package io.stagesync.mapping;

import java.util.Set;

/**
 * When stagesync may create a record in a system object that does not have it yet (updates of
 * linked records are always allowed).
 *
 * @param never    never create (records there come from elsewhere, e.g. Salesforce contacts from lead conversion)
 * @param stages   create only while the canonical record is in one of these stages; empty = any stage
 * @param requires create only when the record is already linked in this {@code system object}
 *                 (e.g. {@code salesforce Contact}); null = no such condition
 */
public record CreateRule(boolean never, Set<String> stages, String requires) {
    public static final CreateRule ALWAYS = new CreateRule(false, Set.of(), null);

    public CreateRule {
        stages = Set.copyOf(stages);
    }

    /** Whether a record in {@code stage} that is linked in {@code linkedIn} (system object labels) may be created. */
    public boolean allows(String stage, Set<String> linkedIn) {
        if (never) {
            return false;
        }
        if (!stages.isEmpty() && (stage == null || !stages.contains(stage))) {
            return false;
        }
        return requires == null || linkedIn.contains(requires);
    }
}
