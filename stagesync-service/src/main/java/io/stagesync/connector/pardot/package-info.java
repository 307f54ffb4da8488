/**
 * The Account Engagement (Pardot) API v5 connector, over Camel's camel-http component.
 *
 * <p>Plugged in through the connector SPI: {@link io.stagesync.connector.pardot.PardotConnector} (listed in
 * {@code META-INF/services/io.stagesync.connector.spi.SystemConnector}) reads the settings and builds the parts.
 *
 * <ul>
 * <li>{@link io.stagesync.connector.pardot.PardotSettings}: the {@code stagesync.pardot.*} keys,
 *     validated all at once.</li>
 * <li>{@link io.stagesync.connector.pardot.PardotClient}: one client per business unit; gets the
 *     Salesforce OAuth access token (client credentials, JWT bearer or password), sends every
 *     request with it and the {@code Pardot-Business-Unit-Id} header, renews the token once on an
 *     auth failure, classifies errors ({@link io.stagesync.connector.pardot.PardotErrors}); every
 *     call runs under the injected {@link io.stagesync.connector.CallPolicy}.</li>
 * <li>{@link io.stagesync.connector.pardot.PardotChangeReader} and
 *     {@link io.stagesync.connector.pardot.PardotRecordWriter}: the connector SPI for prospects.</li>
 * </ul>
 *
 * <p>No business or stage logic lives here: prospects go in and out in their v5 field names.
 * Parameters and return values are non-null unless their javadoc says otherwise.
 */
package io.stagesync.connector.pardot;
