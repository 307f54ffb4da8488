package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A config directory holding the shipped stage model and mappings, for tests that vary only
 * {@code application.properties}: write it, then load the config or collect the errors it is refused with.
 */
final class ShippedConfigDir {
    private final Path dir;
    private final Path properties;

    /** Copies the shipped {@code stage-model.yaml} and {@code mappings/} into {@code dir}. */
    ShippedConfigDir(Path dir) throws IOException {
        this.dir = dir;
        this.properties = dir.resolve("application.properties");
        Files.copy(Path.of("config/stage-model.yaml"), dir.resolve("stage-model.yaml"));
        Files.createDirectories(dir.resolve("mappings"));
        for (String file : List.of("salesforce.yaml", "netsuite.yaml", "ownership.yaml", "pardot.yaml", "eloqua.yaml")) {
            Files.copy(Path.of("config/mappings", file), dir.resolve("mappings").resolve(file));
        }
    }

    /** The properties file errors are reported against. */
    Path properties() {
        return properties;
    }

    /** Writes {@code text} as {@code application.properties} and loads the config. */
    StagesyncConfig load(String text, Map<String, String> env) throws IOException {
        Files.writeString(properties, text);
        return StagesyncConfig.load(dir, env);
    }

    /** Writes {@code text} as {@code application.properties}; the config must be refused: its errors as printed. */
    List<String> errorsOf(String text, Map<String, String> env) throws IOException {
        Files.writeString(properties, text);
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> StagesyncConfig.load(dir, env));
        assertThat(e).as("the config must be refused").isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }
}
