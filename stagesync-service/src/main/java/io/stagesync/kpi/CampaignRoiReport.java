package io.stagesync.kpi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Campaign ROI over a set of spends and won deals.
 *
 * @param campaigns           one row per campaign named by a spend or a deal, by ROI descending (rows without an
 *                            ROI last), then campaign id; unmodifiable
 * @param unattributedAmount  the summed amounts of won deals with no first-touch campaign
 * @param unattributedDeals   how many such deals
 * @param totalCost           all spend
 * @param totalWonAmount      all won amounts, attributed or not
 */
public record CampaignRoiReport(List<CampaignRoi> campaigns, BigDecimal unattributedAmount, long unattributedDeals,
                                BigDecimal totalCost, BigDecimal totalWonAmount) {
    public CampaignRoiReport {
        campaigns = List.copyOf(campaigns);
        Objects.requireNonNull(unattributedAmount, "unattributedAmount");
        Objects.requireNonNull(totalCost, "totalCost");
        Objects.requireNonNull(totalWonAmount, "totalWonAmount");
    }

    /** The row of one campaign, if any spend or deal named it. */
    public java.util.Optional<CampaignRoi> campaign(String id) {
        return campaigns.stream().filter(c -> c.campaignId().equals(id)).findFirst();
    }
}
