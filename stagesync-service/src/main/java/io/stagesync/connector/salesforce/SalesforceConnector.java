package io.stagesync.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.connector.WriteDialect;
import io.stagesync.connector.spi.ConnectorContext;
import io.stagesync.connector.spi.ConnectorParts;
import io.stagesync.connector.spi.InvalidSettingsException;
import io.stagesync.connector.spi.MappedObject;
import io.stagesync.connector.spi.MappedObjects;
import io.stagesync.connector.spi.ObjectDescriber;
import io.stagesync.connector.spi.SystemConnector;
import io.stagesync.connector.spi.SystemSettings;
import io.stagesync.settings.Setting;
import io.stagesync.settings.SettingsException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Salesforce ({@value SalesforceErrors#SYSTEM}) behind the connector SPI: the real camel-salesforce component,
 * registered on the service's context from {@link SalesforceSettings}; reads every mapped object (its mapped
 * fields, the link fields of the configured systems, the stage field, its filter) and writes through sObject
 * Collections; describes objects for the start-up picklist check; streams the objects of
 * {@code stagesync.salesforce.cdc.objects} by Change Data Capture ({@link SalesforceChangeStream}). Stateless.
 */
public final class SalesforceConnector implements SystemConnector {
    /** Records are updated by {@code Id}; references are plain ids. */
    public static final WriteDialect DIALECT = WriteDialect.plainIds("Id");

    @Override
    public String name() {
        return SalesforceErrors.SYSTEM;
    }

    /** SOQL applies an object's {@code filter} in the change query. */
    @Override
    public boolean filtersInQuery() {
        return true;
    }

    /**
     * A lookup id set in config ({@code OwnerId}, {@code RecordTypeId}: a standard lookup's name ends in {@code Id})
     * must be a Salesforce id, and an 18-character one must carry the right case checksum (a typed example id like
     * {@code 00GXX0000000001AAA} would otherwise reach Salesforce).
     */
    @Override
    public java.util.Optional<String> mappedValueProblem(String field, String value) {
        return field.endsWith("Id") ? io.stagesync.connector.SalesforceId.problem(value) : java.util.Optional.empty();
    }

    /** Salesforce reports the org's usage and allocation with every answer ({@code Sforce-Limit-Info}). */
    @Override
    public boolean reportsItsOwnUsage() {
        return true;
    }

    @Override
    public List<Setting> settings() {
        return SalesforceSettings.SETTINGS;
    }

    @Override
    public SystemSettings readSettings(Map<String, String> section, MappedObjects mapped) {
        SalesforceSettings settings;
        try {
            settings = SalesforceSettings.fromProperties(section);
        } catch (SettingsException e) {
            throw new InvalidSettingsException(e.settingProblems());
        }
        List<String> objects = mapped.objects().stream().map(MappedObject::object).toList();
        List<io.stagesync.settings.SettingProblem> problems = new java.util.ArrayList<>();
        for (String object : settings.cdcObjects()) {
            if (!objects.contains(object)) {
                problems.add(new io.stagesync.settings.SettingProblem(SalesforceSettings.KEY_CDC_OBJECTS, "names "
                        + object + ", which mappings/salesforce.yaml does not map (mapped: " + objects + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return settings;
    }

    @Override
    public ConnectorParts build(ConnectorContext context) {
        SalesforceSettings settings = context.settings(SalesforceSettings.class);
        SalesforceComponentFactory.register(context.camel(), settings);
        SalesforceClient client = new SalesforceClient(context.camel(), SalesforceComponentFactory.DEFAULT_COMPONENT_NAME,
                context.callPolicy(), context.apiUsage());
        SalesforceChangeReader reader = new SalesforceChangeReader(client, fields(context.mapped(),
                context.configuredSystems()), filters(context.mapped()));
        ConnectorParts parts = ConnectorParts.of(reader, new SalesforceRecordWriter(client), DIALECT)
                .withDescriber(new ObjectDescriber() {
                    @Override
                    public String instanceName() {
                        return "Salesforce org";
                    }

                    @Override
                    public JsonNode describe(String object) {
                        return client.describe(object);
                    }
                })
                .closing(client);
        return settings.cdcObjects().isEmpty() ? parts : parts.withStream(new SalesforceChangeStream(context.camel(), settings));
    }

    /**
     * The fields to read per object: mapped fields, the link fields of the configured systems (an org without
     * Eloqua has no Eloqua_Id__c) and the stage field.
     */
    static Map<String, List<String>> fields(MappedObjects mapped, List<String> configuredSystems) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (MappedObject object : mapped.objects()) {
            Set<String> names = new LinkedHashSet<>(object.fields());
            object.links().forEach((system, field) -> {
                if (configuredSystems.contains(system)) {
                    names.add(field);
                }
            });
            object.stageField().ifPresent(names::add);
            fields.put(object.object(), List.copyOf(names));
        }
        return fields;
    }

    /** The filter of each filtered object (e.g. Lead: IsConverted = false). */
    static Map<String, Map<String, Object>> filters(MappedObjects mapped) {
        Map<String, Map<String, Object>> filters = new LinkedHashMap<>();
        for (MappedObject object : mapped.objects()) {
            if (!object.filter().isEmpty()) {
                filters.put(object.object(), object.filter());
            }
        }
        return filters;
    }
}
