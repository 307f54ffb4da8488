package io.stagesync.sync;

/**
 * The engine's own settings.
 *
 * @param pageSize         records asked for per page when polling (1..2000)
 * @param salesOrderItemId the NetSuite item put on the sales order created for a won deal, or
 *                         null when not configured (a won deal's sales order then goes to the dead
 *                         letters with a message saying which setting to set)
 */
public record SyncSettings(int pageSize, String salesOrderItemId) {
    public SyncSettings {
        if (pageSize < 1 || pageSize > 2000) {
            throw new IllegalArgumentException("page size must be 1..2000");
        }
    }
}
