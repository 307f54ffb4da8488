package io.stagesync.config;

import io.stagesync.connector.eloqua.EloquaSettings;
import io.stagesync.connector.eloqua.EloquaSettingsException;
import io.stagesync.connector.netsuite.NetSuiteSettings;
import io.stagesync.connector.netsuite.NetSuiteSettingsException;
import io.stagesync.connector.resilience.ResilienceSettings;
import io.stagesync.connector.resilience.ResilienceSettingsReader;
import io.stagesync.connector.pardot.PardotChangeReader;
import io.stagesync.connector.pardot.PardotSettings;
import io.stagesync.connector.pardot.PardotSettingsException;
import io.stagesync.connector.salesforce.SalesforceSettings;
import io.stagesync.mapping.SyncMappings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The validated settings of the configured connectors and their resilience policies.
 *
 * @param salesforce present when {@code salesforce} is in {@code stagesync.connectors}
 * @param netsuite   present when {@code netsuite} is in {@code stagesync.connectors}
 * @param pardot     present when {@code pardot} is in {@code stagesync.connectors}
 * @param eloqua     present when {@code eloqua} is in {@code stagesync.connectors}
 * @param policies   each configured system's resilience policy
 */
public record ConnectorSettings(Optional<SalesforceSettings> salesforce, Optional<NetSuiteSettings> netsuite,
                                Optional<PardotSettings> pardot, Optional<EloquaSettings> eloqua,
                                Map<String, ResilienceSettings> policies) {
    /** A key named in a problem: letters, digits, {@code . - _}; never ending in the sentence's full stop. */
    private static final Pattern KEY = Pattern.compile("(stagesync\\.[\\w.\\-]*[\\w\\-])");

    public ConnectorSettings {
        policies = Map.copyOf(policies);
    }

    /** Reads the sections of the configured connectors; every problem becomes a {@link ConfigError}. */
    static ConnectorSettings read(AppSettings settings, SyncMappings mappings, String file, List<ConfigError> errors) {
        Optional<SalesforceSettings> salesforce = Optional.empty();
        Optional<NetSuiteSettings> netsuite = Optional.empty();
        Optional<PardotSettings> pardot = Optional.empty();
        Optional<EloquaSettings> eloqua = Optional.empty();
        Map<String, ResilienceSettings> policies = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String connector : settings.connectors()) {
            try {
                if (connector.equals("salesforce")) {
                    salesforce = Optional.of(SalesforceSettings.fromProperties(settings.section("stagesync.salesforce.")));
                } else if (connector.equals("netsuite")) {
                    netsuite = Optional.of(NetSuiteSettings.from(settings.section("stagesync.netsuite.")));
                } else if (connector.equals("pardot")) {
                    pardot = Optional.of(PardotSettings.from(withMappedFields(settings.section("stagesync.pardot."),
                            "stagesync.pardot.prospect-fields", mappings, "pardot", PardotChangeReader.BASE_FIELDS)));
                } else if (connector.equals("eloqua")) {
                    eloqua = Optional.of(EloquaSettings.from(withCustomEloquaFields(settings.section("stagesync.eloqua."),
                            mappings)));
                } else {
                    continue;
                }
            } catch (EloquaSettingsException e) {
                problems.addAll(e.problems());
            } catch (NetSuiteSettingsException e) {
                problems.addAll(e.problems());
            } catch (PardotSettingsException e) {
                problems.addAll(e.problems());
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                int colon = message.indexOf(": ");
                problems.addAll(Arrays.asList((colon < 0 ? message : message.substring(colon + 2))
                        .split("; (?=stagesync\\.)")));
            }
            int concurrency = switch (connector) {
                case "salesforce" -> salesforce.map(SalesforceSettings::maxConcurrentCalls).orElse(4);
                case "pardot" -> pardot.map(PardotSettings::maxConcurrentCalls).orElse(4);
                case "eloqua" -> eloqua.map(EloquaSettings::maxConcurrentCalls).orElse(4);
                default -> netsuite.map(NetSuiteSettings::maxConcurrentCalls).orElse(4);
            };
            ResilienceSettings policy = ResilienceSettingsReader.read(connector,
                    settings.section("stagesync.resilience."), concurrency, problems);
            if (policy != null) {
                policies.put(connector, policy);
            }
        }
        for (String problem : problems) {
            Matcher key = KEY.matcher(problem);
            String name = key.find() ? key.group(1) : "";
            String message = problem.startsWith(name) ? problem.substring(name.length()).replaceFirst("^[:\\s]+", "") : problem;
            errors.add(new ConfigError(file, settings.lineOf(name), name, message));
        }
        return new ConnectorSettings(salesforce, netsuite, pardot, eloqua, policies);
    }

    /** Adds the custom contact fields ({@code C_…}) the Eloqua mapping uses to the fields that must exist. */
    private static Map<String, String> withCustomEloquaFields(Map<String, String> section, SyncMappings mappings) {
        String key = "stagesync.eloqua.contact-fields";
        java.util.Set<String> fields = new java.util.LinkedHashSet<>();
        String configured = section.get(key);
        if (configured != null && !configured.isBlank()) {
            fields.addAll(Arrays.asList(configured.split("\\s*,\\s*")));
        }
        mappings.objectsOf("eloqua").forEach(m -> m.fields().stream().map(f -> f.systemField())
                .filter(name -> name.startsWith("C_")).forEach(fields::add));
        Map<String, String> out = new LinkedHashMap<>(section);
        if (!fields.isEmpty()) {
            out.put(key, String.join(",", fields));
        }
        return out;
    }

    /**
     * Adds to a connector's extra-fields key the fields the mappings read from that system beyond the
     * connector's base fields, so admins map a field in one place only.
     */
    private static Map<String, String> withMappedFields(Map<String, String> section, String key, SyncMappings mappings,
                                                        String system, List<String> base) {
        java.util.Set<String> extra = new java.util.LinkedHashSet<>();
        String configured = section.get(key);
        if (configured != null && !configured.isBlank()) {
            extra.addAll(Arrays.asList(configured.split("\\s*,\\s*")));
        }
        mappings.objectsOf(system).forEach(m -> {
            m.fields().forEach(f -> extra.add(f.systemField()));
            extra.addAll(m.links().values());
        });
        extra.removeAll(base);
        Map<String, String> out = new LinkedHashMap<>(section);
        if (!extra.isEmpty()) {
            out.put(key, String.join(",", extra));
        }
        return out;
    }
}
