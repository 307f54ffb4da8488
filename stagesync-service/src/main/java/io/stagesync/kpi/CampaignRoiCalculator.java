package io.stagesync.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Campaign ROI by first-touch attribution: each won deal's whole amount goes to the campaign of its first
 * touch, and {@code ROI = attributed won amount ÷ campaign cost}.
 *
 * <p>The stage history carries neither deal amounts nor campaigns, so the caller passes both in: the spend
 * of each campaign for the period and the deals won in the period. The caller picks the period (by won
 * date for deals, by spend date for costs); this class does no date filtering. Stateless, thread-safe.
 */
public final class CampaignRoiCalculator {
    /** Decimal places of the ROI ratio. */
    public static final int ROI_SCALE = 4;

    /**
     * @throws IllegalArgumentException when two deals have the same canonical id
     */
    public CampaignRoiReport compute(List<CampaignSpend> spends, List<WonDeal> deals) {
        Map<String, BigDecimal> cost = new TreeMap<>();
        for (CampaignSpend spend : spends) {
            cost.merge(spend.campaignId(), spend.cost(), BigDecimal::add);
        }
        Map<String, BigDecimal> won = new TreeMap<>();
        Map<String, Long> count = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        BigDecimal unattributed = BigDecimal.ZERO;
        long unattributedDeals = 0;
        BigDecimal totalWon = BigDecimal.ZERO;
        for (WonDeal deal : deals) {
            if (!seen.add(deal.canonicalId())) {
                throw new IllegalArgumentException("deal " + deal.canonicalId() + " is listed twice");
            }
            totalWon = totalWon.add(deal.amount());
            if (deal.firstTouchCampaign() == null) {
                unattributed = unattributed.add(deal.amount());
                unattributedDeals++;
            } else {
                won.merge(deal.firstTouchCampaign(), deal.amount(), BigDecimal::add);
                count.merge(deal.firstTouchCampaign(), 1L, Long::sum);
            }
        }
        Set<String> campaigns = new HashSet<>(cost.keySet());
        campaigns.addAll(won.keySet());
        List<CampaignRoi> rows = new ArrayList<>();
        for (String id : campaigns) {
            BigDecimal c = cost.get(id);
            BigDecimal w = won.getOrDefault(id, BigDecimal.ZERO);
            BigDecimal roi = c == null || c.signum() == 0 ? null : w.divide(c, ROI_SCALE, RoundingMode.HALF_EVEN);
            rows.add(new CampaignRoi(id, c, w, count.getOrDefault(id, 0L), roi));
        }
        rows.sort(Comparator.comparing(CampaignRoi::roi, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(CampaignRoi::campaignId));
        BigDecimal totalCost = cost.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new CampaignRoiReport(rows, unattributed, unattributedDeals, totalCost, totalWon);
    }
}
