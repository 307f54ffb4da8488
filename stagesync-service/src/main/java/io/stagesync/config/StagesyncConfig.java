package io.stagesync.config;

import io.stagesync.connector.spi.SystemConnectors;
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
 * @param connectorSettings the validated settings of the configured connectors and their policies
 */
public record StagesyncConfig(Path dir, StageModel model, AppSettings settings, SyncMappings mappings,
                              ConnectorSettings connectorSettings) {
    /** Connectors this build can run: the names of {@link SystemConnectors#installed()}. */
    public static final Set<String> AVAILABLE_CONNECTORS = SystemConnectors.installed().names();

    public StagesyncConfig {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(mappings, "mappings");
        Objects.requireNonNull(connectorSettings, "connectorSettings");
    }

    /**
     * Loads and validates a config directory.
     *
     * @param dir the directory holding stage-model.yaml and application.properties
     * @param env the environment (overrides and secret references)
     * @throws InvalidConfigException with the errors of every file
     */
    public static StagesyncConfig load(Path dir, Map<String, String> env) {
        return load(dir, env, SystemConnectors.installed());
    }

    /**
     * Loads and validates a config directory whose {@code stagesync.connectors} may name any of {@code available}.
     *
     * @param available the connectors this service can run (those on its class path, or a plug-in's)
     * @throws InvalidConfigException with the errors of every file
     */
    public static StagesyncConfig load(Path dir, Map<String, String> env, SystemConnectors available) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidConfigException(List.of(new ConfigError(dir.toString(), 0, "",
                    "config directory not found (pass --config DIR)")));
        }
        List<ConfigError> errors = new ArrayList<>();
        StageModel model = null;
        try {
            model = new StageModelLoader(available.names()).load(dir);
        } catch (InvalidConfigException e) {
            errors.addAll(e.errors());
        }
        String properties = dir.resolve(AppSettingsLoader.FILE_NAME).toString();
        AppSettings settings = new AppSettingsLoader(env, available).load(dir, errors);
        for (String connector : settings.connectors()) {
            if (available.get(connector).isEmpty()) {
                errors.add(new ConfigError(properties, 0, SettingKey.CONNECTORS.key(), "connector '" + connector
                        + "' is not available in this build (available: "
                        + String.join(", ", available.names()) + ")"));
            }
        }
        if (settings.get(SettingKey.QUEUE).trim().equals("kafka")
                && settings.get(SettingKey.KAFKA_BOOTSTRAP_SERVERS).isBlank()) {
            errors.add(new ConfigError(properties, settings.lineOf(SettingKey.QUEUE.key()),
                    SettingKey.KAFKA_BOOTSTRAP_SERVERS.key(), "is required with " + SettingKey.QUEUE.key()
                    + "=kafka: the Kafka brokers to start from, e.g. kafka-1:9092,kafka-2:9092,kafka-3:9092"));
        }
        if (settings.get(SettingKey.CLUSTER_ENABLED).trim().equals("true")
                && !settings.storeSettings().jdbcUrl().startsWith("jdbc:postgresql:")) {
            errors.add(new ConfigError(properties, 0, SettingKey.CLUSTER_ENABLED.key(), "needs the store on PostgreSQL "
                    + "(set " + SettingKey.STORE_JDBC_URL.key() + "=jdbc:postgresql://HOST:PORT/DB): the instances "
                    + "share it and lead through its advisory locks"));
        }
        SyncMappings mappings = new MappingsLoader(available).load(dir, model, errors);
        if (model != null) {
            KpiMappingCheck.check(model, mappings, dir.resolve(StageModelLoader.FILE_NAME).toString(), errors);
        }
        ConnectorSettings connectorSettings = ConnectorSettings.read(settings, mappings, available, properties, errors);
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(ConfigError::file).thenComparingInt(ConfigError::line));
            throw new InvalidConfigException(errors);
        }
        return new StagesyncConfig(dir, model, settings, mappings, connectorSettings);
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
