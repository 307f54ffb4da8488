package io.stagesync.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ROI = won amount of the deals whose first touch was the campaign ÷ the campaign's cost. */
class CampaignRoiTest {
    private static final CampaignRoiCalculator CALCULATOR = new CampaignRoiCalculator();

    private static CampaignSpend spend(String id, String cost) {
        return new CampaignSpend(id, new BigDecimal(cost));
    }

    private static WonDeal deal(String id, String amount, String campaign) {
        return new WonDeal(id, new BigDecimal(amount), campaign);
    }

    /*
     * spends: webinar 2000 + 500 (two rows) = 2500; trade-show 10000; ads 1200; newsletter 0
     * deals:  D1 12000 webinar, D2 3000 webinar, D3 15000 trade-show, D4 800 ads, D5 5000 (no first touch),
     *         D6 4000 partner (a campaign with no spend row)
     */
    private static final CampaignRoiReport REPORT = CALCULATOR.compute(
            List.of(spend("webinar", "2000"), spend("trade-show", "10000"), spend("ads", "1200"),
                    spend("webinar", "500"), spend("newsletter", "0")),
            List.of(deal("D1", "12000", "webinar"), deal("D2", "3000", "webinar"), deal("D3", "15000", "trade-show"),
                    deal("D4", "800", "ads"), deal("D5", "5000", null), deal("D6", "4000", "partner")));

    static Stream<Arguments> campaigns() {
        return Stream.of(
                // (12000 + 3000) / 2500 = 6
                Arguments.of("webinar", "2500", "15000", 2, "6.0000"),
                // 15000 / 10000 = 1.5
                Arguments.of("trade-show", "10000", "15000", 1, "1.5000"),
                // 800 / 1200 = 0.66666… → 0.6667 (half-even at 4 places)
                Arguments.of("ads", "1200", "800", 1, "0.6667"),
                // cost 0: ROI undefined
                Arguments.of("newsletter", "0", "0", 0, null),
                // deals name it but no spend was given: cost unknown, ROI undefined
                Arguments.of("partner", null, "4000", 1, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("campaigns")
    void perCampaign(String id, String cost, String won, long deals, String roi) {
        CampaignRoi row = REPORT.campaign(id).orElseThrow();
        assertThat(row.cost()).isEqualTo(cost == null ? null : new BigDecimal(cost));
        assertThat(row.wonAmount()).isEqualByComparingTo(won);
        assertThat(row.wonDeals()).isEqualTo(deals);
        assertThat(row.roi()).isEqualTo(roi == null ? null : new BigDecimal(roi));
    }

    @Test
    void rowsGoByRoiDescendingThenCampaignWithUndefinedLast() {
        assertThat(REPORT.campaigns()).extracting(CampaignRoi::campaignId)
                .containsExactly("webinar", "trade-show", "ads", "newsletter", "partner");
    }

    @Test
    void totalsAndUnattributedDeals() {
        // cost 2500 + 10000 + 1200 + 0 = 13700; won 12000 + 3000 + 15000 + 800 + 5000 + 4000 = 39800
        assertThat(REPORT.totalCost()).isEqualByComparingTo("13700");
        assertThat(REPORT.totalWonAmount()).isEqualByComparingTo("39800");
        assertThat(REPORT.unattributedAmount()).isEqualByComparingTo("5000");
        assertThat(REPORT.unattributedDeals()).isEqualTo(1);
    }

    @Test
    void rejectsADealListedTwiceAndNegativeMoney() {
        assertThatThrownBy(() -> CALCULATOR.compute(List.of(), List.of(deal("D1", "1", "a"), deal("D1", "2", "b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("D1 is listed twice");
        assertThatThrownBy(() -> spend("x", "-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> deal("D9", "-5", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingInNothingOut() {
        CampaignRoiReport empty = CALCULATOR.compute(List.of(), List.of());
        assertThat(empty.campaigns()).isEmpty();
        assertThat(empty.totalCost()).isEqualByComparingTo("0");
    }
}
