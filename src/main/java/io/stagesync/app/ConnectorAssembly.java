package io.stagesync.app;

import io.stagesync.config.ConnectorSettings;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.CampaignCostReader;
import io.stagesync.connector.RequestSizedReader;
import io.stagesync.connector.WriteDialect;
import io.stagesync.connector.eloqua.EloquaCampaignCosts;
import io.stagesync.connector.pardot.PardotCampaignCosts;
import io.stagesync.connector.eloqua.EloquaChangeReader;
import io.stagesync.connector.eloqua.EloquaClient;
import io.stagesync.connector.eloqua.EloquaFieldMetadata;
import io.stagesync.connector.eloqua.EloquaRecordWriter;
import io.stagesync.connector.netsuite.NetSuiteChangeReader;
import io.stagesync.connector.netsuite.NetSuiteClient;
import io.stagesync.connector.netsuite.NetSuiteRecordWriter;
import io.stagesync.connector.netsuite.NetSuiteSettings;
import io.stagesync.connector.pardot.PardotChangeReader;
import io.stagesync.connector.pardot.PardotClient;
import io.stagesync.connector.pardot.PardotRecordWriter;
import io.stagesync.connector.resilience.ResilientCallPolicy;
import io.stagesync.connector.salesforce.SalesforceChangeReader;
import io.stagesync.connector.salesforce.SalesforceClient;
import io.stagesync.connector.salesforce.SalesforceComponentFactory;
import io.stagesync.connector.salesforce.SalesforceRecordWriter;
import io.stagesync.connector.salesforce.SalesforceSettings;
import io.stagesync.mapping.FieldMapping;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.metrics.MeteredCallPolicy;
import io.stagesync.metrics.SyncMetrics;
import io.stagesync.sync.Connectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * Builds the configured connectors on a Camel context: the real camel-salesforce component for
 * Salesforce, camel-http for NetSuite, each call under its system's Resilience4j policy and
 * counted by {@link MeteredCallPolicy}.
 */
final class ConnectorAssembly {
    private final Connectors connectors;
    private final Map<String, ResilientCallPolicy> policies;
    private final List<AutoCloseable> closeables;
    private final Map<String, CampaignCostReader> campaignCosts;
    private final SalesforceClient salesforce;

    private ConnectorAssembly(Connectors connectors, Map<String, ResilientCallPolicy> policies,
                              List<AutoCloseable> closeables, Map<String, CampaignCostReader> campaignCosts,
                              SalesforceClient salesforce) {
        this.connectors = connectors;
        this.policies = policies;
        this.closeables = closeables;
        this.campaignCosts = Map.copyOf(campaignCosts);
        this.salesforce = salesforce;
    }

    /** The Salesforce client, when the connector is configured (for the start-up picklist check). */
    java.util.Optional<SalesforceClient> salesforce() {
        return java.util.Optional.ofNullable(salesforce);
    }

    static ConnectorAssembly build(CamelContext camel, StagesyncConfig config, SyncMetrics metrics) {
        ConnectorSettings settings = config.connectorSettings();
        Connectors.Builder builder = Connectors.builder();
        Map<String, ResilientCallPolicy> policies = new LinkedHashMap<>();
        List<AutoCloseable> closeables = new ArrayList<>();
        Map<String, CampaignCostReader> campaignCosts = new LinkedHashMap<>();
        SalesforceClient salesforceClient = null;
        if (settings.salesforce().isPresent()) {
            SalesforceSettings sf = settings.salesforce().get();
            ResilientCallPolicy policy = new ResilientCallPolicy(settings.policies().get("salesforce"));
            SalesforceComponentFactory.register(camel, sf);
            SalesforceClient client = new SalesforceClient(camel, SalesforceComponentFactory.DEFAULT_COMPONENT_NAME,
                    new MeteredCallPolicy("salesforce", policy, metrics), metrics.quotas());
            builder.add("salesforce", new SalesforceChangeReader(client, salesforceFields(config), salesforceFilters(config)),
                    new SalesforceRecordWriter(client), WriteDialect.SALESFORCE);
            policies.put("salesforce", policy);
            closeables.add(client);
            salesforceClient = client;
        }
        if (settings.netsuite().isPresent()) {
            NetSuiteSettings ns = settings.netsuite().get();
            ResilientCallPolicy policy = new ResilientCallPolicy(settings.policies().get("netsuite"));
            NetSuiteClient client = new NetSuiteClient(camel, ns, new MeteredCallPolicy("netsuite", policy, metrics));
            builder.add("netsuite", new NetSuiteChangeReader(client, ns.suiteQlZone(), netsuiteColumns(config)),
                    new NetSuiteRecordWriter(client),
                    WriteDialect.NETSUITE);
            policies.put("netsuite", policy);
            closeables.add(client);
        }
        if (settings.pardot().isPresent()) {
            ResilientCallPolicy policy = new ResilientCallPolicy(settings.policies().get("pardot"));
            PardotClient client = new PardotClient(camel, settings.pardot().get(),
                    new MeteredCallPolicy("pardot", policy, metrics));
            // Pardot is asked for stagesync.pardot.page-size prospects per call; the engine applies them in its pages
            builder.add("pardot", new RequestSizedReader(new PardotChangeReader(client), settings.pardot().get().pageSize(),
                    record -> PardotChangeReader.cursor(record.id())), new PardotRecordWriter(client), WriteDialect.PARDOT);
            campaignCosts.put("pardot", new PardotCampaignCosts(client));
            policies.put("pardot", policy);
            closeables.add(client);
        }
        if (settings.eloqua().isPresent()) {
            ResilientCallPolicy policy = new ResilientCallPolicy(settings.policies().get("eloqua"));
            EloquaClient client = new EloquaClient(camel, settings.eloqua().get(),
                    new MeteredCallPolicy("eloqua", policy, metrics));
            EloquaFieldMetadata metadata = new EloquaFieldMetadata(client);
            builder.add("eloqua", new EloquaChangeReader(client, metadata), new EloquaRecordWriter(client, metadata),
                    WriteDialect.ELOQUA);
            campaignCosts.put("eloqua", new EloquaCampaignCosts(client));
            policies.put("eloqua", policy);
            closeables.add(client);
        }
        return new ConnectorAssembly(builder.build(), policies, closeables, campaignCosts, salesforceClient);
    }

    /**
     * The Salesforce fields to read per object: mapped fields, the link fields of the configured
     * connectors (an org without Eloqua has no Eloqua_Id__c) and the stage field.
     */
    static Map<String, List<String>> salesforceFields(StagesyncConfig config) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (ObjectMapping mapping : config.mappings().objectsOf("salesforce")) {
            Set<String> names = new LinkedHashSet<>();
            mapping.fields().stream().map(FieldMapping::systemField).forEach(names::add);
            mapping.links().forEach((system, field) -> {
                if (config.settings().connectors().contains(system)) {
                    names.add(field);
                }
            });
            config.model().mapping("salesforce", mapping.object()).ifPresent(m -> names.add(m.field()));
            fields.put(mapping.object(), List.copyOf(names));
        }
        return fields;
    }

    /**
     * The NetSuite columns to read per object beyond the reader's fixed ones: mapped fields, link
     * fields and the stage field the stage model names (e.g. a contact's custom
     * {@code custentity_stagesync_stage}), so a field is mapped in one place only.
     */
    static Map<String, List<String>> netsuiteColumns(StagesyncConfig config) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (ObjectMapping mapping : config.mappings().objectsOf("netsuite")) {
            if (!NetSuiteChangeReader.objectTypes().contains(mapping.object())) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            mapping.fields().stream().map(FieldMapping::systemField).forEach(names::add);
            names.addAll(mapping.links().values());
            config.model().mapping("netsuite", mapping.object()).ifPresent(m -> names.add(m.field()));
            columns.put(mapping.object(), List.copyOf(names));
        }
        return columns;
    }

    /** The filter of each filtered Salesforce object (e.g. Lead: IsConverted = false). */
    static Map<String, Map<String, Object>> salesforceFilters(StagesyncConfig config) {
        Map<String, Map<String, Object>> filters = new LinkedHashMap<>();
        for (ObjectMapping mapping : config.mappings().objectsOf("salesforce")) {
            if (!mapping.filter().isEmpty()) {
                filters.put(mapping.object(), mapping.filter());
            }
        }
        return filters;
    }

    Connectors connectors() {
        return connectors;
    }

    /** The marketing systems' campaign cost readers, by system. */
    Map<String, CampaignCostReader> campaignCosts() {
        return campaignCosts;
    }

    Map<String, ResilientCallPolicy> policies() {
        return policies;
    }

    void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing on shutdown: nothing left to do with a failure here
            }
        }
    }
}
