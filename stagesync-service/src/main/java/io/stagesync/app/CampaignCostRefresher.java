package io.stagesync.app;

import io.stagesync.connector.CampaignCostReader;
import io.stagesync.connector.SystemCallException;
import io.stagesync.store.CampaignCost;
import io.stagesync.store.CampaignCostStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean the {@code campaign-costs} route calls ({@code campaignCosts}, method {@code refresh}): reads every
 * configured marketing system's campaigns with their costs and upserts them into the store. A system that fails
 * is logged as one line and keeps its last stored costs; the others are still refreshed. Thread-safe (one
 * refresh at a time).
 */
public final class CampaignCostRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignCostRefresher.class);

    private final CampaignCostStore store;
    private final Supplier<Map<String, CampaignCostReader>> readers;

    /** @param readers the marketing systems' readers by system name (empty before the connectors exist) */
    public CampaignCostRefresher(CampaignCostStore store, Supplier<Map<String, CampaignCostReader>> readers) {
        this.store = Objects.requireNonNull(store, "store");
        this.readers = Objects.requireNonNull(readers, "readers");
    }

    /** Refreshes every system; returns a one-line summary. */
    public synchronized String refresh() {
        List<String> parts = new ArrayList<>();
        readers.get().forEach((system, reader) -> {
            try {
                List<CampaignCost> costs = reader.readCampaigns().stream()
                        .map(c -> new CampaignCost(system, c.id(), c.name(), c.cost(), Instant.EPOCH)).toList();
                store.upsert(costs);
                parts.add(system + ": " + costs.size() + " campaign(s)");
            } catch (SystemCallException e) {
                LOG.warn("{} campaign costs not refreshed, the last stored ones stay: {}", system, e.getMessage());
                parts.add(system + ": failed (" + e.getMessage() + ")");
            }
        });
        return parts.isEmpty() ? "campaign costs: no marketing connector" : "campaign costs refreshed: "
                + String.join("; ", parts);
    }
}
