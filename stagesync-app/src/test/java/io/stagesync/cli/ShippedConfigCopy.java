package io.stagesync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The shipped stage model and mappings copied into a test's own config directory, for the commands to load. */
final class ShippedConfigCopy {
    private ShippedConfigCopy() {
    }

    /** Copies {@code config/stage-model.yaml} and {@code config/mappings/} into {@code dir/config}; returns it. */
    static Path into(Path dir) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.copy(Path.of("config/stage-model.yaml"), config.resolve("stage-model.yaml"));
        Path mappings = Files.createDirectories(config.resolve("mappings"));
        try (Stream<Path> files = Files.list(Path.of("config/mappings"))) {
            for (Path file : files.toList()) {
                Files.copy(file, mappings.resolve(file.getFileName()));
            }
        }
        return config;
    }
}
