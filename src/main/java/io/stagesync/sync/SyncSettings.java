package io.stagesync.sync;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's own settings.
 *
 * @param pageSize         records asked for per page when polling (1..2000)
 * @param salesOrderItemId the NetSuite item put on the sales order created for a won deal, or
 *                         null when not configured (a won deal's sales order then goes to the dead
 *                         letters with a message saying which setting to set)
 * @param lookBack         system to its look-back window (see {@link #lookBack(String)}); systems
 *                         not named have none; each window 0..{@link #MAX_LOOK_BACK}
 */
public record SyncSettings(int pageSize, String salesOrderItemId, Map<String, Duration> lookBack) {
    /** The longest look-back window accepted. */
    public static final Duration MAX_LOOK_BACK = Duration.ofHours(1);

    /**
     * The look-back windows the configuration reference documents, sized to each API: Salesforce
     * stamps {@code SystemModstamp} before its transaction commits (a long trigger or a bulk batch
     * commits seconds later); NetSuite's {@code lastmodifieddate} has whole seconds and a save with
     * scripts commits after its stamp; Account Engagement's query cache can lag writes by about a
     * minute; Eloqua's {@code updatedAt} has whole seconds and its search lags writes by an amount
     * Oracle does not document.
     */
    public static final Map<String, Duration> DEFAULT_LOOK_BACK = Map.of("salesforce", Duration.ofSeconds(10),
            "netsuite", Duration.ofSeconds(10), "pardot", Duration.ofSeconds(90), "eloqua", Duration.ofSeconds(60));

    public SyncSettings {
        if (pageSize < 1 || pageSize > 2000) {
            throw new IllegalArgumentException("page size must be 1..2000");
        }
        lookBack = Map.copyOf(Objects.requireNonNull(lookBack, "lookBack"));
        lookBack.forEach((system, window) -> {
            if (window.isNegative() || window.compareTo(MAX_LOOK_BACK) > 0) {
                throw new IllegalArgumentException("look-back of " + system + " must be 0.." + MAX_LOOK_BACK.toSeconds()
                        + " s; got " + window.toSeconds() + " s");
            }
        });
    }

    /** Settings with the {@link #DEFAULT_LOOK_BACK documented look-back windows}. */
    public SyncSettings(int pageSize, String salesOrderItemId) {
        this(pageSize, salesOrderItemId, DEFAULT_LOOK_BACK);
    }

    /**
     * How far behind its watermark a poll of the system starts reading again, so a change whose
     * modstamp is at or just behind the watermark when it becomes visible (a second shared with
     * records already read, a transaction that committed after its stamp) is still read. Records
     * read again unchanged are recognised by content and cost no write.
     *
     * @return the window, {@link Duration#ZERO} for a system without one
     */
    public Duration lookBack(String system) {
        return lookBack.getOrDefault(system, Duration.ZERO);
    }
}
