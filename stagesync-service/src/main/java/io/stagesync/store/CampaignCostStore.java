package io.stagesync.store;

import java.util.List;

/** Campaign costs per (system, campaign), kept by keyed upserts. Thread-safe. */
public interface CampaignCostStore {

    /**
     * Inserts or updates each campaign of one refresh, in one transaction; campaigns not in the list keep their
     * rows. The stored refreshedAt is the store clock's now.
     *
     * @param costs the campaigns as the system reports them now (their refreshedAt is ignored)
     * @return how many rows were written
     */
    int upsert(List<CampaignCost> costs);

    /** Every stored campaign, by system then campaign id. */
    List<CampaignCost> all();
}
