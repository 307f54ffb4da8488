package io.stagesync.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A marketing campaign's cost as the system running it reports it.
 *
 * @param system      the MA system ({@code pardot}, {@code eloqua})
 * @param campaignId  the campaign's id in that system, the value persons carry as {@code firstTouchCampaign}
 * @param name        nullable: the campaign's name
 * @param cost        nullable: the cost, at least 0, at most 4 decimals kept; null when the system has none
 * @param refreshedAt when it was last read from the system
 */
public record CampaignCost(String system, String campaignId, String name, BigDecimal cost, Instant refreshedAt) {
    public CampaignCost {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(refreshedAt, "refreshedAt");
        if (campaignId.isBlank()) {
            throw new IllegalArgumentException("a campaign id is not blank");
        }
        if (cost != null && cost.signum() < 0) {
            throw new IllegalArgumentException("cost of campaign " + campaignId + " must be >= 0, got " + cost);
        }
    }
}
