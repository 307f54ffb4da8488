package io.stagesync.connector.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesync.connector.SystemCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Bulk API 2.0 contact export, start to finish (saas-apis.md §2.5): definition
 * ({@code POST /api/bulk/2.0/contacts/exports}), sync ({@code POST /api/bulk/2.0/syncs} with the
 * definition's {@code uri}), polling {@code GET /syncs/{id}} until {@code success}, the sync's data
 * ({@code GET /syncs/{id}/data?offset=&limit=} while {@code hasMore}), and finally
 * {@code DELETE} of the definition.
 *
 * <p>Each of these calls runs under the client's {@link io.stagesync.connector.CallPolicy}; the
 * lifecycle as a whole is not retried here (a failed export is simply asked again by the next
 * read). Polling waits through the injected {@link Sleeper}, 1 s at first and doubling up to 30 s,
 * until the sync succeeds or {@link EloquaSettings#bulkSyncTimeout()} passes on the client's
 * clock (a retriable failure then). {@code warning} and {@code error} end the export with a
 * permanent failure quoting the sync's logs ({@code GET /syncs/{id}/logs}). The definition is
 * deleted whatever happened; a failed delete is attached to the export's own failure, or logged
 * when the export succeeded ({@code autoDeleteDuration} removes it within the hour anyway).
 * Thread-safe; exports run independently.
 */
public final class EloquaBulkExport {
    static final String EXPORTS_PATH = EloquaClient.BULK + "/contacts/exports";
    static final String SYNCS_PATH = EloquaClient.BULK + "/syncs";
    /** Rows per data request (Eloqua allows up to 50,000). */
    static final int DEFAULT_DATA_LIMIT = 5000;
    static final Duration FIRST_POLL = Duration.ofSeconds(1);
    static final Duration MAX_POLL = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(EloquaBulkExport.class);
    private static final Pattern EXPORT_URI = Pattern.compile("/contacts/exports/[0-9]{1,20}");
    private static final Pattern SYNC_URI = Pattern.compile("/syncs/[0-9]{1,20}");

    /** Waits between polls; tests pass one that returns at once. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final EloquaClient client;
    private final Sleeper sleeper;
    private final int dataLimit;

    /** An export that waits with {@link Thread#sleep}. */
    public EloquaBulkExport(EloquaClient client) {
        this(client, d -> Thread.sleep(d.toMillis()), DEFAULT_DATA_LIMIT);
    }

    /**
     * @param sleeper   waits between status polls
     * @param dataLimit rows per data request, 1 to 50,000
     */
    public EloquaBulkExport(EloquaClient client, Sleeper sleeper, int dataLimit) {
        this.client = Objects.requireNonNull(client, "client");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        if (dataLimit < 1 || dataLimit > 50_000) {
            throw new IllegalArgumentException("dataLimit must be 1 to 50000; got " + dataLimit);
        }
        this.dataLimit = dataLimit;
    }

    EloquaClient client() {
        return client;
    }

    /**
     * Runs one contact export and returns its rows.
     *
     * @param name   the definition's name (shown in Eloqua)
     * @param fields column name to EML statement, e.g. {@code "ContactId": "{{Contact.Id}}"}; at most 250
     * @param filter an EML filter, or null for every contact
     * @return the rows in Eloqua's order, each column name to its text (null when empty)
     * @throws SystemCallException a call's failure, a sync ending in {@code warning}/{@code error}
     *     (permanent), or a sync still running after the timeout (retriable)
     */
    public List<Map<String, String>> export(String name, Map<String, String> fields, String filter) {
        if (fields.isEmpty() || fields.size() > 250) {
            throw new IllegalArgumentException("an export has 1 to 250 fields; got " + fields.size());
        }
        ObjectNode definition = JsonNodeFactory.instance.objectNode();
        definition.put("name", name);
        ObjectNode statements = definition.putObject("fields");
        fields.forEach(statements::put);
        if (filter != null) {
            definition.put("filter", filter);
        }
        definition.put("areSystemTimestampsInUTC", true);
        definition.put("autoDeleteDuration", "PT1H");
        definition.put("dataRetentionDuration", "PT1H");
        String exportUri = uri(client.send("bulk export definition", "POST", EXPORTS_PATH, null, definition),
                EXPORT_URI, "bulk export definition");
        SystemCallException failure = null;
        try {
            String syncUri = sync(exportUri);
            return data(syncUri);
        } catch (SystemCallException e) {
            failure = e;
            throw e;
        } finally {
            delete(exportUri, failure);
        }
    }

    private String sync(String exportUri) {
        JsonNode sync = client.send("bulk sync", "POST", SYNCS_PATH, null,
                JsonNodeFactory.instance.objectNode().put("syncedInstanceUri", exportUri));
        String syncUri = uri(sync, SYNC_URI, "bulk sync");
        Clock clock = client.clock();
        Instant deadline = clock.instant().plus(client.settings().bulkSyncTimeout());
        Duration wait = FIRST_POLL;
        String status = sync.path("status").asText("");
        while (!status.equals("success")) {
            if (status.equals("warning") || status.equals("error")) {
                throw new EloquaCallException("bulk sync", 200, "SYNC_" + status.toUpperCase(Locale.ROOT),
                        "Bulk sync " + syncUri + " of " + exportUri + " ended with status " + status + logs(syncUri),
                        null, false, null, List.of());
            }
            if (!status.equals("pending") && !status.equals("active")) {
                throw EloquaErrors.unusable("bulk sync", 200, "Bulk sync " + syncUri + " has an unknown status '"
                        + status + "'", null, null);
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new SystemCallException(EloquaHttp.SYSTEM, "bulk sync", 0, "SYNC_TIMEOUT", "Bulk sync " + syncUri
                        + " is still " + status + " after " + client.settings().bulkSyncTimeout().toSeconds() + " s ("
                        + EloquaSettings.KEY_BULK_SYNC_TIMEOUT_SECONDS + ")", null, true, null, null);
            }
            pause(wait);
            wait = wait.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(2);
            status = client.get("bulk sync status", EloquaClient.BULK + syncUri, null).path("status").asText("");
        }
        return syncUri;
    }

    private List<Map<String, String>> data(String syncUri) {
        List<Map<String, String>> rows = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode page = client.get("bulk sync data", EloquaClient.BULK + syncUri + "/data",
                    UrlQuery.of("offset", offset, "limit", dataLimit));
            JsonNode items = page.path("items");
            for (JsonNode item : items) {
                Map<String, String> row = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> column = it.next();
                    String text = EloquaContacts.text(column.getValue());
                    row.put(column.getKey(), text == null || text.isEmpty() ? null : text);
                }
                rows.add(Collections.unmodifiableMap(row));
            }
            if (!page.path("hasMore").asBoolean(false)) {
                return List.copyOf(rows);
            }
            if (items.isEmpty()) {
                throw EloquaErrors.unusable("bulk sync data", 200, "Bulk sync data says hasMore but returned no items at"
                        + " offset " + offset, null, null);
            }
            offset += items.size();
        }
    }

    private String logs(String syncUri) {
        try {
            JsonNode logs = client.get("bulk sync logs", EloquaClient.BULK + syncUri + "/logs", null);
            List<String> lines = new ArrayList<>();
            for (JsonNode log : logs.path("items")) {
                lines.add(log.path("severity").asText("") + " " + log.path("statusCode").asText("") + " "
                        + log.path("message").asText("") + (log.has("count") ? " (" + log.get("count").asText() + ")" : ""));
            }
            return lines.isEmpty() ? "" : ": " + String.join("; ", lines.stream().map(String::trim).toList());
        } catch (SystemCallException e) {
            return " (its logs could not be read: " + e.getMessage() + ")";
        }
    }

    private void delete(String exportUri, SystemCallException failure) {
        try {
            client.send("delete bulk export", "DELETE", EloquaClient.BULK + exportUri, null, null);
        } catch (SystemCallException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                LOG.warn("eloqua: could not delete bulk export definition {} (Eloqua removes it within an hour): {}",
                        exportUri, e.getMessage());
            }
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SystemCallException(EloquaHttp.SYSTEM, "bulk sync", 0, null, "interrupted while waiting for the"
                    + " Bulk sync", null, false, null, e);
        }
    }

    private static String uri(JsonNode response, Pattern expected, String operation) {
        String uri = response.path("uri").asText("");
        if (!expected.matcher(uri).matches()) {
            throw EloquaErrors.unusable(operation, 201, "the response has no usable uri (expected "
                    + expected.pattern() + "): '" + uri + "'", null, null);
        }
        return uri;
    }
}
