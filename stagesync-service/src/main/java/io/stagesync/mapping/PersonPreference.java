package io.stagesync.mapping;

import io.stagesync.model.SystemObject;
import java.util.List;

/**
 * Which known person a new record is linked to when its email matches several (a lead and its converted
 * contact share one): the one linked to the object listed first, then the one with the smallest id in the first
 * listed object's system (ids that grow with creation: the oldest record), then the smallest canonical id.
 * Declared in {@code mappings/ownership.yaml}, key {@code same-email}; none declared = the smallest canonical id.
 * Immutable.
 *
 * @param objects system objects in order of preference, each a person object some mapping file maps; unmodifiable
 */
public record PersonPreference(List<SystemObject> objects) {
    public PersonPreference {
        objects = List.copyOf(objects);
    }

    /** Nothing declared. */
    public static PersonPreference none() {
        return new PersonPreference(List.of());
    }

    /** The system whose ids break ties (the first listed object's), or null when none is declared. */
    public String idSystem() {
        return objects.isEmpty() ? null : objects.get(0).system();
    }
}
