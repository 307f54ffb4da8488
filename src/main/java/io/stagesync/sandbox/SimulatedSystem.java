package io.stagesync.sandbox;

import java.util.Map;

/**
 * One running vendor simulator as the sandbox wires it: the connector it stands in for, the
 * application.properties lines that point that connector at it, and the secret values those lines
 * reference ({@code ${env:NAME}}), which the sandbox hands to the configuration as its environment.
 */
interface SimulatedSystem extends AutoCloseable {

    /** The connector name: salesforce, netsuite, pardot or eloqua. */
    String system();

    /** Settings for the connector (key to value); secrets only as {@code ${env:NAME}}. */
    Map<String, String> connectorProperties();

    /** The values of the {@code ${env:NAME}} references in {@link #connectorProperties()}. */
    Map<String, String> connectorEnv();

    /** Requests the simulator has answered. */
    long requestCount();

    @Override
    void close();
}
