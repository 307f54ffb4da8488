package io.stagesync.connector.pardot;

import io.stagesync.connector.OneCallPerRecord;
import io.stagesync.connector.RequestSizedReader;
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
 * Account Engagement (Pardot, {@code pardot}) behind the connector SPI: camel-http to the v5 API with a Salesforce
 * token, from {@link PardotSettings}; also reads campaign costs. Stateless.
 */
public final class PardotConnector implements SystemConnector {
    /** Prospects are updated by {@code id} (PATCH); values are plain. */
    public static final WriteDialect DIALECT = WriteDialect.plainIds("id");

    @Override
    public String name() {
        return PardotHttp.SYSTEM;
    }

    @Override
    public List<Setting> settings() {
        return PardotSettings.SETTINGS;
    }

    /** Adds the fields the mappings read beyond {@link PardotChangeReader#BASE_FIELDS} to the prospect fields. */
    @Override
    public SystemSettings readSettings(Map<String, String> section, MappedObjects mapped) {
        try {
            return PardotSettings.from(withMappedFields(section, mapped));
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
        PardotSettings settings = context.settings(PardotSettings.class);
        PardotClient client = new PardotClient(context.camel(), settings, context.callPolicy());
        // Pardot is asked for stagesync.pardot.page-size prospects per call; the engine applies them in its pages
        RequestSizedReader reader = new RequestSizedReader(new PardotChangeReader(client), settings.pageSize(),
                record -> PardotChangeReader.cursor(record.id()));
        OneCallPerRecord calls = new OneCallPerRecord(name(), settings.maxConcurrentCalls());
        return ConnectorParts.of(reader, new PardotRecordWriter(client, calls), DIALECT)
                .withCampaignCosts(new PardotCampaignCosts(client)).closing(calls).closing(client);
    }

    /**
     * The section with the fields the mappings read (mapped and link fields) beyond the reader's base fields added
     * to {@code stagesync.pardot.prospect-fields}, so admins map a field in one place only.
     */
    private static Map<String, String> withMappedFields(Map<String, String> section, MappedObjects mapped) {
        String key = PardotSettings.KEY_PROSPECT_FIELDS;
        Set<String> extra = new LinkedHashSet<>();
        String configured = section.get(key);
        if (configured != null && !configured.isBlank()) {
            extra.addAll(Arrays.asList(configured.split("\\s*,\\s*")));
        }
        mapped.objects().forEach(object -> {
            extra.addAll(object.fields());
            extra.addAll(object.links().values());
        });
        PardotChangeReader.BASE_FIELDS.forEach(extra::remove);
        Map<String, String> out = new LinkedHashMap<>(section);
        if (!extra.isEmpty()) {
            out.put(key, String.join(",", extra));
        }
        return out;
    }
}
