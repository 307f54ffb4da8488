package io.stagesync.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One object type of one connected system, e.g. {@code salesforce Contact} or {@code netsuite customer}: where a
 * canonical record has a counterpart. Ordered by system, then object. Immutable.
 *
 * @param system the connector's name, never null
 * @param object the object type as the mappings name it, never null
 */
public record SystemObject(String system, String object) implements Comparable<SystemObject> {
    private static final Comparator<SystemObject> ORDER =
            Comparator.comparing(SystemObject::system).thenComparing(SystemObject::object);

    public SystemObject {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(object, "object");
    }

    @Override
    public int compareTo(SystemObject other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return system + " " + object;
    }
}
