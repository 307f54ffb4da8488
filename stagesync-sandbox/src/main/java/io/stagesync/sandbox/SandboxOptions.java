package io.stagesync.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a sandbox runs.
 *
 * @param port      the admin API / dashboard port on 127.0.0.1, 1..65535
 * @param speed     how fast the scripted story plays: 1 = one step every {@link #BASE_STEP_MILLIS} ms, 2 = twice
 *                  as fast; 0.1..100
 * @param rounds    how many times the story is played (each round with other people of the sample company);
 *                  0 = keep playing until stopped
 * @param configDir where stage-model.yaml and mappings/ are read from (application.properties there is not
 *                  used: the sandbox writes its own, pointing the connectors at the simulators)
 * @param routesDir the Camel routes directory
 * @param dataDir   a directory the sandbox owns: its generated config and the embedded H2 state go there;
 *                  must not exist yet or be empty, so a sandbox never mixes its state with an earlier one
 */
public record SandboxOptions(int port, double speed, int rounds, Path configDir, Path routesDir, Path dataDir) {
    /** The pause between two steps of the story at speed 1. */
    public static final long BASE_STEP_MILLIS = 2_000;

    public SandboxOptions {
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(routesDir, "routesDir");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 1..65535, got " + port);
        }
        if (!(speed >= 0.1 && speed <= 100)) {
            throw new IllegalArgumentException("--speed must be 0.1..100, got " + speed);
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("--rounds must be 0 (keep playing) or more, got " + rounds);
        }
    }

    /** The pause between two steps of the story at this speed. */
    public long stepMillis() {
        return Math.max(20, Math.round(BASE_STEP_MILLIS / speed));
    }

    /** The sync poll period at this speed, whole seconds as the setting takes them (at least 1). */
    public int pollSeconds() {
        return (int) Math.max(1, Math.round(2 / speed));
    }
}
