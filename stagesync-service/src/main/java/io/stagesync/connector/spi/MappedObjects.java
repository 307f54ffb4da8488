package io.stagesync.connector.spi;

import java.util.List;
import java.util.Optional;

/**
 * The objects the mappings name for one system, in the order of its mappings file (the order they are polled in).
 *
 * @param objects one per mapped object
 */
public record MappedObjects(List<MappedObject> objects) {
    public MappedObjects {
        objects = List.copyOf(objects);
    }

    /** No mapped object (the system has no mappings file). */
    public static MappedObjects none() {
        return new MappedObjects(List.of());
    }

    /** The object of that name, if mapped. */
    public Optional<MappedObject> object(String name) {
        return objects.stream().filter(o -> o.object().equals(name)).findFirst();
    }
}
