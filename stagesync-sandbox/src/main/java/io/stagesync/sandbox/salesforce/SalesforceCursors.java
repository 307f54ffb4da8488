package io.stagesync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Open query cursors: the result of a query as it was when it ran (Salesforce keeps a snapshot for
 * {@code nextRecordsUrl}), under an 18-character query locator id ({@code 01g…}). A cursor is closed when its
 * last page has been served; at most {@value #MAX_OPEN} stay open, the oldest dropped first (its locator then
 * answers {@code INVALID_QUERY_LOCATOR}, as an expired one does). Thread-safe.
 */
final class SalesforceCursors {
    static final int MAX_OPEN = 100;

    /** A query result under its locator id. */
    record Cursor(String id, List<ObjectNode> records) {
    }

    private final Map<String, List<ObjectNode>> open = new LinkedHashMap<>();
    private long opened;

    /** Opens a cursor over the rows. */
    synchronized Cursor open(List<ObjectNode> records) {
        String id = SalesforceIds.id("01g", ++opened);
        List<ObjectNode> snapshot = List.copyOf(records);
        open.put(id, snapshot);
        while (open.size() > MAX_OPEN) {
            open.remove(open.keySet().iterator().next());
        }
        return new Cursor(id, snapshot);
    }

    synchronized Optional<List<ObjectNode>> find(String id) {
        return Optional.ofNullable(open.get(id));
    }

    synchronized void close(String id) {
        open.remove(id);
    }
}
