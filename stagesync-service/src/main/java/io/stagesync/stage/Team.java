package io.stagesync.stage;

import java.util.Objects;

/**
 * A team of The Model (e.g. Marketing) that owns stages and is judged by targets.
 *
 * @param id   the identifier used in the config, non-blank
 * @param name the display name, non-blank
 */
public record Team(String id, String name) {
    public Team {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
