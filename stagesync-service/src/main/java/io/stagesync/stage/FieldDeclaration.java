package io.stagesync.stage;

import java.util.Objects;

/**
 * A canonical record field that handoff conditions may use.
 *
 * @param name the field name as conditions spell it, non-blank
 * @param type its type, non-null
 */
public record FieldDeclaration(String name, FieldType type) {
    public FieldDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
