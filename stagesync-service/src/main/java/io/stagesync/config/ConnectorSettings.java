package io.stagesync.config;

import io.stagesync.connector.resilience.ResilienceSettings;
import io.stagesync.connector.resilience.ResilienceSettingsReader;
import io.stagesync.connector.spi.InvalidSettingsException;
import io.stagesync.connector.spi.MappedObject;
import io.stagesync.connector.spi.MappedObjects;
import io.stagesync.connector.spi.SystemConnector;
import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.connector.spi.SystemSettings;
import io.stagesync.mapping.FieldMapping;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.settings.SettingProblem;
import io.stagesync.stage.StageMapping;
import io.stagesync.stage.StageModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated settings of the configured connectors and their resilience policies, by system name, in the order
 * of {@code stagesync.connectors}.
 *
 * @param connectors each configured system's connector and settings
 * @param policies   each configured system's resilience policy
 */
public record ConnectorSettings(Map<String, Configured> connectors, Map<String, ResilienceSettings> policies) {
    public ConnectorSettings {
        connectors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(connectors));
        policies = Map.copyOf(policies);
    }

    /**
     * One configured system.
     *
     * @param connector what builds it
     * @param settings  what its connector read from {@code stagesync.NAME.*}
     */
    public record Configured(SystemConnector connector, SystemSettings settings) {
        public Configured {
            Objects.requireNonNull(connector, "connector");
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * Reads the sections of the configured connectors; every problem becomes a {@link ConfigError}. A system no
     * connector of {@code available} names is skipped (reported by the caller).
     */
    static ConnectorSettings read(AppSettings settings, SyncMappings mappings, SystemConnectors available, String file,
                                  List<ConfigError> errors) {
        Map<String, Configured> connectors = new LinkedHashMap<>();
        Map<String, ResilienceSettings> policies = new LinkedHashMap<>();
        List<SettingProblem> problems = new ArrayList<>();
        for (String system : settings.connectors()) {
            Optional<SystemConnector> connector = available.get(system);
            if (connector.isEmpty()) {
                continue;
            }
            int concurrency = 4;
            try {
                SystemSettings read = connector.get().readSettings(settings.section("stagesync." + system + "."),
                        mappedObjects(system, mappings, null));
                connectors.put(system, new Configured(connector.get(), read));
                concurrency = read.maxConcurrentCalls();
            } catch (InvalidSettingsException e) {
                problems.addAll(e.problems());
            }
            ResilienceSettings policy = ResilienceSettingsReader.read(system,
                    settings.section("stagesync.resilience."), concurrency, problems);
            if (policy != null) {
                policies.put(system, policy);
            }
        }
        for (SettingProblem problem : problems) {
            errors.add(new ConfigError(file, settings.lineOf(problem.key()), problem.key(), problem.detail()));
        }
        return new ConnectorSettings(connectors, policies);
    }

    /**
     * What the mappings say about one system's objects, for its connector: each mapped object of
     * {@code mappings/SYSTEM.yaml} in file order, with its mapped fields, links, filter and, when {@code model} is
     * given and maps one, its stage field.
     *
     * @param model nullable: the stage model (null leaves every stage field empty)
     */
    public static MappedObjects mappedObjects(String system, SyncMappings mappings, StageModel model) {
        List<MappedObject> objects = new ArrayList<>();
        for (ObjectMapping mapping : mappings.objectsOf(system)) {
            Optional<String> stageField = model == null ? Optional.empty()
                    : model.mapping(system, mapping.object()).map(StageMapping::field);
            objects.add(new MappedObject(mapping.object(), mapping.fields().stream().map(FieldMapping::systemField)
                    .toList(), mapping.links(), stageField, mapping.filter()));
        }
        return new MappedObjects(objects);
    }
}
