package io.stagesync.sandbox;

import java.util.Map;

/**
 * One running vendor simulator as the sandbox wires it.
 *
 * @param system              the connector it stands in for: salesforce, netsuite, pardot or eloqua
 * @param connectorProperties application.properties lines that point that connector at it; secrets only as
 *                            {@code ${env:NAME}}
 * @param connectorEnv        the values of those {@code ${env:NAME}} references, which the sandbox hands to the
 *                            configuration as its environment
 */
record SimulatedSystem(String system, Map<String, String> connectorProperties, Map<String, String> connectorEnv) {
    SimulatedSystem {
        connectorProperties = Map.copyOf(connectorProperties);
        connectorEnv = Map.copyOf(connectorEnv);
    }
}
