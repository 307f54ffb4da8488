/**
 * The Oracle Eloqua connector: the Application API 1.0 (contacts, contact fields) and the Bulk
 * API 2.0 (lead-score exports) over Camel's camel-http component.
 *
 * <p>Plugged in through the connector SPI: {@link io.stagesync.connector.eloqua.EloquaConnector} (listed in
 * {@code META-INF/services/io.stagesync.connector.spi.SystemConnector}) reads the settings and builds the parts.
 *
 * <ul>
 * <li>{@link io.stagesync.connector.eloqua.EloquaSettings}: the {@code stagesync.eloqua.*} keys,
 *     validated all at once.</li>
 * <li>{@link io.stagesync.connector.eloqua.EloquaClient}: one client per Eloqua instance; finds
 *     the pod's base URL ({@code /id}), authenticates (HTTP Basic {@code Site\User} or OAuth 2.0),
 *     sends, classifies errors ({@link io.stagesync.connector.eloqua.EloquaErrors}); every call runs
 *     under the injected {@link io.stagesync.connector.CallPolicy}.</li>
 * <li>{@link io.stagesync.connector.eloqua.EloquaFieldMetadata}: contact field internal names ⇄
 *     ids, resolved once.</li>
 * <li>{@link io.stagesync.connector.eloqua.EloquaChangeReader} and
 *     {@link io.stagesync.connector.eloqua.EloquaRecordWriter}: the connector SPI for contacts.</li>
 * <li>{@link io.stagesync.connector.eloqua.EloquaBulkExport} and
 *     {@link io.stagesync.connector.eloqua.EloquaLeadScores}: a Bulk contact export's lifecycle,
 *     and lead rating/score read through it.</li>
 * </ul>
 *
 * <p>No business or stage logic lives here: records go in and out in Eloqua's own field names
 * (standard properties by name, other fields by internal name). Parameters and return values are
 * non-null unless their javadoc says otherwise.
 */
package io.stagesync.connector.eloqua;
