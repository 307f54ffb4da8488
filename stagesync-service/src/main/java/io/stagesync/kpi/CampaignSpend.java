package io.stagesync.kpi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one campaign cost in the reporting period (from the MA system or finance). Several rows for one
 * campaign are added up.
 *
 * @param campaignId the campaign's id, as the first-touch attribution names it
 * @param cost       the cost, at least 0, in the same currency as the deal amounts
 */
public record CampaignSpend(String campaignId, BigDecimal cost) {
    public CampaignSpend {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(cost, "cost");
        if (cost.signum() < 0) {
            throw new IllegalArgumentException("cost of " + campaignId + " must be >= 0, got " + cost);
        }
    }
}
