/**
 * The Salesforce connector: reads changes with SOQL and upserts through sObject Collections, over the real
 * camel-salesforce component.
 *
 * <p>Plugged in through the connector SPI: {@link io.stagesync.connector.salesforce.SalesforceConnector} (listed in
 * {@code META-INF/services/io.stagesync.connector.spi.SystemConnector}) reads the settings and builds the parts.
 *
 * <p>Wiring: {@link io.stagesync.connector.salesforce.SalesforceSettings#fromProperties} →
 * {@link io.stagesync.connector.salesforce.SalesforceComponentFactory#register} on the CamelContext →
 * one {@link io.stagesync.connector.salesforce.SalesforceClient} with the Salesforce {@code CallPolicy} →
 * {@link io.stagesync.connector.salesforce.SalesforceChangeReader} and
 * {@link io.stagesync.connector.salesforce.SalesforceRecordWriter}. No business or stage logic lives here.
 *
 * <p>Parameters and return values are non-null unless their javadoc says "nullable". Failures of calls
 * surface as {@link io.stagesync.connector.SystemCallException} (system {@code salesforce}); caller mistakes
 * (bad names, unconfigured objects) as {@link IllegalArgumentException} before any call.
 */
package io.stagesync.connector.salesforce;
