package io.stagesync.kpi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One campaign's return.
 *
 * @param campaignId the campaign
 * @param cost       nullable: the summed spend; null when no spend was given for a campaign that deals name
 * @param wonAmount  the summed amounts of the won deals whose first touch was this campaign
 * @param wonDeals   how many such deals
 * @param roi        nullable (cost unknown or 0): wonAmount ÷ cost, rounded half-even to 4 decimals;
 *                   1 = the campaign returned what it cost, 3 = three times its cost (subtract 1 for net ROI)
 */
public record CampaignRoi(String campaignId, BigDecimal cost, BigDecimal wonAmount, long wonDeals, BigDecimal roi) {
    public CampaignRoi {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(wonAmount, "wonAmount");
    }
}
