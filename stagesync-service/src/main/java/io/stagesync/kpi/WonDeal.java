package io.stagesync.kpi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A deal won in the reporting period, with the campaign of its first touch.
 *
 * @param canonicalId        the deal's canonical id (unique in one computation)
 * @param amount             the won amount, at least 0
 * @param firstTouchCampaign nullable: the campaign of the buyer's first recorded touch; null when unknown
 */
public record WonDeal(String canonicalId, BigDecimal amount, String firstTouchCampaign) {
    public WonDeal {
        Objects.requireNonNull(canonicalId, "canonicalId");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount of deal " + canonicalId + " must be >= 0, got " + amount);
        }
    }
}
