package io.stagesync.config;

import io.stagesync.mapping.SyncMappings;
import io.stagesync.stage.StageModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything in a config directory, validated together: the stage model and the settings.
 *
 * <p>Loading reports the errors of all files at once; a config that fails never starts the service.
 *
 * @param dir      the config directory
 * @param model    the validated stage model
 * @param settings the validated settings
 * @param mappings the validated object mappings and field ownership rules
 */
public record StagesyncConfig(Path dir, StageModel model, AppSettings settings, SyncMappings mappings) {
    /** Connectors this build can run; later builds add salesforce, netsuite, eloqua, pardot. */
    public static final Set<String> AVAILABLE_CONNECTORS = Set.of();

    public StagesyncConfig {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(mappings, "mappings");
    }

    /**
     * Loads and validates a config directory.
     *
     * @param dir the directory holding stage-model.yaml and application.properties
     * @param env the environment (overrides and secret references)
     * @throws InvalidConfigException with the errors of every file
     */
    public static StagesyncConfig load(Path dir, Map<String, String> env) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidConfigException(List.of(new ConfigError(dir.toString(), 0, "",
                    "config directory not found (pass --config DIR)")));
        }
        List<ConfigError> errors = new ArrayList<>();
        StageModel model = null;
        AppSettings settings = null;
        try {
            model = new StageModelLoader().load(dir);
        } catch (InvalidConfigException e) {
            errors.addAll(e.errors());
        }
        try {
            settings = new AppSettingsLoader(env).load(dir);
            for (String connector : settings.connectors()) {
                if (!AVAILABLE_CONNECTORS.contains(connector)) {
                    errors.add(new ConfigError(dir.resolve(AppSettingsLoader.FILE_NAME).toString(), 0,
                            SettingKey.CONNECTORS.key(), "connector '" + connector + "' is not available in this build"
                            + " (available: " + (AVAILABLE_CONNECTORS.isEmpty() ? "none yet"
                            : String.join(", ", AVAILABLE_CONNECTORS)) + ")"));
                }
            }
        } catch (InvalidConfigException e) {
            errors.addAll(e.errors());
        }
        SyncMappings mappings = new MappingsLoader().load(dir, errors);
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return new StagesyncConfig(dir, model, settings, mappings);
    }

    /** One line: what the config holds. */
    public String summary() {
        return model.stages().size() + " stages, " + model.teams().size() + " teams, "
                + model.transitions().size() + " transitions (" + model.ruleCount() + " rules), "
                + model.targets().size() + " targets, " + model.mappings().size() + " stage mappings, "
                + mappings.objects().size() + " object mappings; connectors: "
                + (settings.connectors().isEmpty() ? "none" : String.join(", ", settings.connectors()));
    }
}
