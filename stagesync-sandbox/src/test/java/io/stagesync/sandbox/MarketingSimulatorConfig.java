package io.stagesync.sandbox;

import io.stagesync.config.StagesyncConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A config directory as the sandbox would write one: the shipped stage model and mappings, and an
 * application.properties running one connector with the lines a simulator hands out. Loading it
 * with {@link StagesyncConfig#load} proves those lines pass the real validation and that the
 * fields the shipped mappings read are asked of the simulator.
 */
public final class MarketingSimulatorConfig {
    private MarketingSimulatorConfig() {
    }

    /**
     * @param overrides lines appended after the simulator's (later keys win), e.g. a wrong business unit
     */
    public static StagesyncConfig load(Path dir, String connector, Map<String, String> properties, Map<String, String> env,
                                Map<String, String> overrides) {
        try {
            Path config = Files.createDirectories(dir.resolve("config"));
            Files.copy(Path.of("config/stage-model.yaml"), config.resolve("stage-model.yaml"));
            Path mappings = Files.createDirectories(config.resolve("mappings"));
            try (Stream<Path> files = Files.list(Path.of("config/mappings"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, mappings.resolve(file.getFileName()));
                }
            }
            String lines = "stagesync.connectors=" + connector + "\nstagesync.admin.enabled=false\n"
                    + lines(properties) + lines(overrides);
            Files.writeString(config.resolve("application.properties"), lines);
            return StagesyncConfig.load(config, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lines(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\") + "\n")
                .collect(Collectors.joining());
    }
}
