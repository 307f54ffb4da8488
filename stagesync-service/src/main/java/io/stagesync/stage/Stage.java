package io.stagesync.stage;

import io.stagesync.model.EntityType;
import java.util.Objects;
import java.util.Set;

/**
 * One lifecycle stage of the shared model.
 *
 * @param id       the identifier (e.g. {@code MQL}), non-blank
 * @param teamId   the owning team's id, non-null
 * @param initial  whether records may start here (reachability is checked from these)
 * @param entities the entity types this stage applies to, non-empty, immutable
 */
public record Stage(String id, String teamId, boolean initial, Set<EntityType> entities) {
    public Stage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        entities = Set.copyOf(entities);
    }

    /** Whether a record of {@code entity} may be in this stage. */
    public boolean appliesTo(EntityType entity) {
        return entities.contains(entity);
    }
}
