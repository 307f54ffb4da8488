package io.stagesync.connector;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** Reads a marketing automation system's campaigns with what each cost, for campaign ROI. */
public interface CampaignCostReader {

    /**
     * Every campaign the system reports, page by page until the last.
     *
     * @throws SystemCallException when a call fails after the resilience policy gave up
     */
    List<Campaign> readCampaigns();

    /**
     * One campaign.
     *
     * @param id   the system's campaign id (what a person's first-touch campaign field holds)
     * @param name nullable: its name
     * @param cost nullable: its cost as the system keeps it (Pardot {@code cost}, Eloqua {@code actualCost}); null
     *             when the system has none
     */
    record Campaign(String id, String name, BigDecimal cost) {
        public Campaign {
            Objects.requireNonNull(id, "id");
        }
    }
}
