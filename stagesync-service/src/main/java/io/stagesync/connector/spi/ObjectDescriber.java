package io.stagesync.connector.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Describes a system's objects so the service can compare the stage model's mappings of that system with the
 * values the system accepts, once at start (a value the system lacks is named then, not met as a dead letter per
 * record). Optional part of a connector ({@link ConnectorParts#describer()}).
 */
public interface ObjectDescriber {
    /** How log lines name the system's instance, e.g. {@code Salesforce org}. */
    String instanceName();

    /**
     * One object's description in Salesforce's sObject Describe shape: {@code fields[]}, each with {@code name},
     * {@code type} (a picklist's ends in {@code picklist}) and {@code picklistValues[]} ({@code value},
     * {@code active}).
     *
     * @throws io.stagesync.connector.SystemCallException when the call fails after the resilience policy gave up
     */
    JsonNode describe(String object);
}
