package io.stagesync.connector.netsuite;

import io.stagesync.connector.OneCallPerRecord;
import io.stagesync.connector.WriteDialect;
import io.stagesync.connector.spi.ConnectorContext;
import io.stagesync.connector.spi.ConnectorParts;
import io.stagesync.connector.spi.InvalidSettingsException;
import io.stagesync.connector.spi.MappedObject;
import io.stagesync.connector.spi.MappedObjects;
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
 * NetSuite ({@code netsuite}) behind the connector SPI: camel-http to SuiteQL (reads) and the REST record API
 * (writes), from {@link NetSuiteSettings}. Stateless.
 */
public final class NetSuiteConnector implements SystemConnector {
    /** Records are updated by internal {@code id} (PATCH); references and list values are {@code {"id": "…"}}. */
    public static final WriteDialect DIALECT = WriteDialect.idObjects("id");

    @Override
    public String name() {
        return NetSuiteHttp.SYSTEM;
    }

    @Override
    public List<Setting> settings() {
        return NetSuiteSettings.SETTINGS;
    }

    @Override
    public SystemSettings readSettings(Map<String, String> section, MappedObjects mapped) {
        try {
            return NetSuiteSettings.from(section);
        } catch (SettingsException e) {
            throw new InvalidSettingsException(e.settingProblems());
        }
    }

    @Override
    public ConnectorParts build(ConnectorContext context) {
        NetSuiteSettings settings = context.settings(NetSuiteSettings.class);
        NetSuiteClient client = new NetSuiteClient(context.camel(), settings, context.callPolicy());
        OneCallPerRecord calls = new OneCallPerRecord(name(), settings.maxConcurrentCalls());
        return ConnectorParts.of(new NetSuiteChangeReader(client, settings.suiteQlZone(), columns(context.mapped())),
                new NetSuiteRecordWriter(client, calls), DIALECT).closing(calls).closing(client);
    }

    /**
     * The columns to read per object beyond the reader's fixed ones: mapped fields, link fields and the stage
     * field the stage model names (e.g. a contact's custom {@code custentity_stagesync_stage}), so a field is
     * mapped in one place only.
     */
    static Map<String, List<String>> columns(MappedObjects mapped) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (MappedObject object : mapped.objects()) {
            if (!NetSuiteChangeReader.objectTypes().contains(object.object())) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>(object.fields());
            names.addAll(object.links().values());
            object.stageField().ifPresent(names::add);
            columns.put(object.object(), List.copyOf(names));
        }
        return columns;
    }
}
