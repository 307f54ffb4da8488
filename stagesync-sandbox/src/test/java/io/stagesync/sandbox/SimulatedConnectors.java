package io.stagesync.sandbox;

import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.netsuite.NetSuiteClient;
import io.stagesync.connector.netsuite.NetSuiteSettings;
import io.stagesync.connector.salesforce.SalesforceClient;
import io.stagesync.connector.salesforce.SalesforceComponentFactory;
import io.stagesync.connector.salesforce.SalesforceSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The real connector clients built as {@code ConnectorAssembly} builds them, on a plain Camel context, from the
 * properties and environment a simulator hands out (the {@code ${env:…}} references resolved as the settings
 * loader would). One per test; {@link #close()} stops Camel (which revokes the Salesforce session).
 */
public final class SimulatedConnectors implements AutoCloseable {
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([^}]+)}");

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private SalesforceClient salesforce;
    private NetSuiteClient netsuite;

    public SimulatedConnectors() {
        camel.start();
    }

    /** A client of the real camel-salesforce component configured from the simulator's properties. */
    public SalesforceClient salesforce(Map<String, String> properties, Map<String, String> env) {
        SalesforceComponentFactory.register(camel, SalesforceSettings.fromProperties(resolve(properties, env)));
        salesforce = new SalesforceClient(camel, CallPolicy.direct());
        return salesforce;
    }

    /** A NetSuite client (camel-http, TBA) configured from the simulator's properties. */
    public NetSuiteClient netsuite(Map<String, String> properties, Map<String, String> env) {
        netsuite = new NetSuiteClient(camel, NetSuiteSettings.from(resolve(properties, env)), CallPolicy.direct());
        return netsuite;
    }

    static Map<String, String> resolve(Map<String, String> properties, Map<String, String> env) {
        Map<String, String> resolved = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            Matcher ref = ENV.matcher(value);
            if (ref.matches()) {
                String secret = env.get(ref.group(1));
                if (secret == null) {
                    throw new IllegalStateException(key + " refers to " + ref.group(1) + ", which env() lacks");
                }
                resolved.put(key, secret);
            } else {
                resolved.put(key, value);
            }
        });
        return resolved;
    }

    @Override
    public void close() {
        if (salesforce != null) {
            salesforce.close();
        }
        if (netsuite != null) {
            netsuite.close();
        }
        camel.stop();
    }
}
