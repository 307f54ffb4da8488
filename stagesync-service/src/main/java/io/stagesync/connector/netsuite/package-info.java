/**
 * The NetSuite connector: REST web services (SuiteQL and the record API) over Camel's
 * camel-http component.
 *
 * <p>Plugged in through the connector SPI: {@link io.stagesync.connector.netsuite.NetSuiteConnector} (listed in
 * {@code META-INF/services/io.stagesync.connector.spi.SystemConnector}) reads the settings and builds the parts.
 *
 * <ul>
 * <li>{@link io.stagesync.connector.netsuite.NetSuiteSettings}: the {@code stagesync.netsuite.*}
 *     keys, validated all at once.</li>
 * <li>{@link io.stagesync.connector.netsuite.NetSuiteClient}: one client per account; signs
 *     (TBA via {@link io.stagesync.connector.netsuite.TbaSigner}, or OAuth 2.0 M2M), sends,
 *     classifies errors ({@link io.stagesync.connector.netsuite.NetSuiteErrors}); every call runs
 *     under the injected {@link io.stagesync.connector.CallPolicy}.</li>
 * <li>{@link io.stagesync.connector.netsuite.NetSuiteChangeReader} and
 *     {@link io.stagesync.connector.netsuite.NetSuiteRecordWriter}: the connector SPI.</li>
 * </ul>
 *
 * <p>No business or stage logic lives here: records go in and out in NetSuite's own field names.
 * Parameters and return values are non-null unless their javadoc says otherwise.
 */
package io.stagesync.connector.netsuite;
