package io.stagesync.kpi;

import static io.stagesync.kpi.KpiFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.kpi.FirstTouchAttribution.DealFacts;
import io.stagesync.kpi.FirstTouchAttribution.PersonFacts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deals won in March 2025 and the campaign of their account's first-touched person, then ROI against costs,
 * every number computed by hand in the comments.
 */
class FirstTouchAttributionTest {
    private static final KpiPeriod MARCH = new KpiPeriod(at("2025-03-01"), at("2025-04-01"));
    private static final java.time.Instant NOW = at("2025-04-15");

    /*
     * people (first seen):  ann acc-1 webinar (02-01), bob acc-1 trade-show (01-15), cid acc-1 no campaign (01-01),
     *                       dee acc-2 ads (no history), eve acc-2 newsletter (no history), fay acc-3 ads (03-01),
     *                       gus (no account) webinar
     * deals:  d1 acc-1 12000 won 03-05        -> bob (01-15 < 02-01; cid has no campaign) -> trade-show
     *         d2 acc-2  3000 jumped SQL->CUSTOMER via OPPORTUNITY, WON 03-10 -> dee and eve have no history:
     *                               by id, dee -> ads
     *         d3 acc-9   800 won 03-20        -> nobody of acc-9 -> unattributed
     *         d4 acc-1  5000 won 02-20, lost, won again 03-02 -> first won in February: not in March
     *         d5 acc-3  7000 won 04-02        -> not in March
     *         d6 acc-3  9000 held OPPORTUNITY->WON (hold) 03-12 -> not won
     *         d7 acc-3  4000 flagged OPPORTUNITY->WON 03-25 -> won (flag propagates) -> fay -> ads
     *         d8 acc-1  (no amount) won 03-30 -> 0 -> trade-show
     *         d9 acc-3 1000 won 2025-04-20, after now -> ignored
     */
    private static List<WonDeal> marchDeals() {
        KpiFixtures.History history = new KpiFixtures.History()
                .firstSeen("cid", "LEAD", "2025-01-01").firstSeen("bob", "LEAD", "2025-01-15")
                .firstSeen("ann", "LEAD", "2025-02-01").firstSeen("fay", "MQL", "2025-03-01")
                .entity("deal")
                .firstSeen("d4", "OPPORTUNITY", "2025-02-01").accepted("d4", "OPPORTUNITY", "WON", "2025-02-20")
                .accepted("d4", "WON", "LOST", "2025-02-25").accepted("d4", "LOST", "WON", "2025-03-02")
                .firstSeen("d1", "OPPORTUNITY", "2025-02-10").accepted("d1", "OPPORTUNITY", "WON", "2025-03-05")
                .firstSeen("d2", "SQL", "2025-02-11").accepted("d2", "SQL", "CUSTOMER", "2025-03-10", "OPPORTUNITY", "WON")
                .firstSeen("d6", "OPPORTUNITY", "2025-02-12").violated("d6", "OPPORTUNITY", "WON", "hold", "2025-03-12",
                        "won-amount")
                .firstSeen("d3", "OPPORTUNITY", "2025-03-15").accepted("d3", "OPPORTUNITY", "WON", "2025-03-20")
                .firstSeen("d7", "OPPORTUNITY", "2025-03-16").violated("d7", "OPPORTUNITY", "WON", "flag", "2025-03-25",
                        "won-amount")
                .firstSeen("d8", "OPPORTUNITY", "2025-03-17").accepted("d8", "OPPORTUNITY", "WON", "2025-03-30")
                .firstSeen("d5", "OPPORTUNITY", "2025-03-18").accepted("d5", "OPPORTUNITY", "WON", "2025-04-02")
                .firstSeen("d9", "OPPORTUNITY", "2025-03-19").accepted("d9", "OPPORTUNITY", "WON", "2025-04-20");
        List<DealFacts> deals = List.of(deal("d1", "acc-1", "12000"), deal("d2", "acc-2", "3000"),
                deal("d3", "acc-9", "800"), deal("d4", "acc-1", "5000"), deal("d5", "acc-3", "7000"),
                deal("d6", "acc-3", "9000"), deal("d7", "acc-3", "4000"), deal("d8", "acc-1", null),
                deal("d9", "acc-3", "1000"));
        List<PersonFacts> people = new ArrayList<>(List.of(new PersonFacts("ann", "acc-1", "webinar"),
                new PersonFacts("bob", "acc-1", "trade-show"), new PersonFacts("cid", "acc-1", null),
                new PersonFacts("eve", "acc-2", "newsletter"), new PersonFacts("dee", "acc-2", "ads"),
                new PersonFacts("fay", "acc-3", "ads"), new PersonFacts("gus", null, "webinar")));
        return new FirstTouchAttribution("WON").wonDeals(history.entries(), MARCH, NOW, deals, people);
    }

    private static DealFacts deal(String id, String account, String amount) {
        return new DealFacts(id, account, amount == null ? null : new BigDecimal(amount));
    }

    @Test
    void eachDealWonInThePeriodGoesToItsAccountsFirstTouchedPersonsCampaign() {
        assertThat(marchDeals()).containsExactly(
                new WonDeal("d1", new BigDecimal("12000"), "trade-show"),
                new WonDeal("d2", new BigDecimal("3000"), "ads"),
                new WonDeal("d3", new BigDecimal("800"), null),
                new WonDeal("d7", new BigDecimal("4000"), "ads"),
                new WonDeal("d8", BigDecimal.ZERO, "trade-show"));
    }

    @Test
    void roiOfTheAttributedDealsAgainstTheCampaignCosts() {
        /*
         * trade-show: 12000 + 0 = 12000 / cost 6000 = 2.0000 (2 deals)
         * ads:        3000 + 4000 = 7000 / cost 2800 = 2.5000 (2 deals)
         * webinar:    0 / 1500 = 0.0000 (no deal)
         * unattributed: d3 800 (1 deal); total won 12000 + 3000 + 800 + 4000 + 0 = 19800; total cost 10300
         */
        CampaignRoiReport report = new CampaignRoiCalculator().compute(List.of(
                new CampaignSpend("trade-show", new BigDecimal("6000")), new CampaignSpend("ads", new BigDecimal("2800")),
                new CampaignSpend("webinar", new BigDecimal("1500"))), marchDeals());

        assertThat(report.campaigns()).extracting(CampaignRoi::campaignId).containsExactly("ads", "trade-show", "webinar");
        assertThat(report.campaign("ads").orElseThrow().roi()).isEqualByComparingTo("2.5");
        assertThat(report.campaign("ads").orElseThrow().wonDeals()).isEqualTo(2);
        assertThat(report.campaign("trade-show").orElseThrow().wonAmount()).isEqualByComparingTo("12000");
        assertThat(report.campaign("trade-show").orElseThrow().roi()).isEqualByComparingTo("2");
        assertThat(report.campaign("webinar").orElseThrow().roi()).isEqualByComparingTo("0");
        assertThat(report.unattributedAmount()).isEqualByComparingTo("800");
        assertThat(report.unattributedDeals()).isEqualTo(1);
        assertThat(report.totalWonAmount()).isEqualByComparingTo("19800");
        assertThat(report.totalCost()).isEqualByComparingTo("10300");
    }
}
