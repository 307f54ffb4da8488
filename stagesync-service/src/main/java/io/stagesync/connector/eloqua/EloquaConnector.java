package io.stagesync.connector.eloqua;

import io.stagesync.connector.OneCallPerRecord;
import io.stagesync.connector.WriteDialect;
import io.stagesync.connector.spi.ConnectorContext;
import io.stagesync.connector.spi.ConnectorParts;
import io.stagesync.connector.spi.InvalidSettingsException;
import io.stagesync.connector.spi.MappedObjects;
import io.stagesync.connector.spi.SystemConnector;
import io.stagesync.connector.spi.SystemSettings;
import io.stagesync.settings.Setting;
import io.stagesync.settings.SettingsException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Oracle Eloqua ({@code eloqua}) behind the connector SPI: camel-http to the Application and Bulk APIs, from
 * {@link EloquaSettings}; also reads campaign costs. Stateless.
 */
public final class EloquaConnector implements SystemConnector {
    /** Contacts are updated by {@code id} (PUT); values are plain. */
    public static final WriteDialect DIALECT = WriteDialect.plainIds("id");

    @Override
    public String name() {
        return EloquaHttp.SYSTEM;
    }

    @Override
    public List<Setting> settings() {
        return EloquaSettings.SETTINGS;
    }

    /** Adds the custom contact fields ({@code C_…}) the mappings use to the fields that must exist. */
    @Override
    public SystemSettings readSettings(Map<String, String> section, MappedObjects mapped) {
        try {
            return EloquaSettings.from(withCustomFields(section, mapped));
        } catch (SettingsException e) {
            throw new InvalidSettingsException(e.settingProblems());
        }
    }

    @Override
    public boolean readsCampaignCosts() {
        return true;
    }

    @Override
    public ConnectorParts build(ConnectorContext context) {
        EloquaSettings settings = context.settings(EloquaSettings.class);
        EloquaClient client = new EloquaClient(context.camel(), settings, context.callPolicy());
        EloquaFieldMetadata metadata = new EloquaFieldMetadata(client);
        OneCallPerRecord calls = new OneCallPerRecord(name(), settings.maxConcurrentCalls());
        return ConnectorParts.of(new EloquaChangeReader(client, metadata),
                        new EloquaRecordWriter(client, metadata, calls), DIALECT)
                .withCampaignCosts(new EloquaCampaignCosts(client)).closing(calls).closing(client);
    }

    private static Map<String, String> withCustomFields(Map<String, String> section, MappedObjects mapped) {
        String key = EloquaSettings.KEY_CONTACT_FIELDS;
        Set<String> fields = new LinkedHashSet<>();
        String configured = section.get(key);
        if (configured != null && !configured.isBlank()) {
            fields.addAll(Arrays.asList(configured.split("\\s*,\\s*")));
        }
        mapped.objects().forEach(object -> object.fields().stream().filter(name -> name.startsWith("C_"))
                .forEach(fields::add));
        Map<String, String> out = new LinkedHashMap<>(section);
        if (!fields.isEmpty()) {
            out.put(key, String.join(",", fields));
        }
        return out;
    }
}
