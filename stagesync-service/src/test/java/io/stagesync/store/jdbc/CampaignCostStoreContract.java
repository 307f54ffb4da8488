package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stagesync.store.CampaignCost;
import io.stagesync.store.CampaignCostStore;

/** Contract of {@link CampaignCostStore}, run against each database. */
interface CampaignCostStoreContract extends StoreFixture {

    private CampaignCostStore costs() {
        return store().campaignCosts();
    }

    private static CampaignCost cost(String system, String id, String name, String amount) {
        return new CampaignCost(system, id, name, amount == null ? null : new BigDecimal(amount), T0);
    }

    @Test
    default void aRefreshUpdatesKnownCampaignsAddsNewOnesAndKeepsTheOthers() {
        assertThat(costs().upsert(List.of(cost("pardot", "7001", "Spring webinar", "1500.00"),
                cost("pardot", "7002", "Trade show", "12000.5"), cost("eloqua", "7001", "Same id, other system", null))))
                .isEqualTo(3);

        costs().upsert(List.of(cost("pardot", "7002", "Trade show 2026", "12500.1234"),
                cost("pardot", "7003", "Nurture", "0")));

        List<CampaignCost> all = costs().all();
        assertThat(all).extracting(CampaignCost::system, CampaignCost::campaignId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("eloqua", "7001"), org.assertj.core.groups.Tuple.tuple("pardot", "7001"),
                org.assertj.core.groups.Tuple.tuple("pardot", "7002"), org.assertj.core.groups.Tuple.tuple("pardot", "7003"));
        assertThat(all.get(0).cost()).as("no cost is kept as unknown, not as 0").isNull();
        assertThat(all.get(1).cost()).isEqualByComparingTo("1500");
        assertThat(all.get(2).name()).isEqualTo("Trade show 2026");
        assertThat(all.get(2).cost()).isEqualByComparingTo("12500.1234");
        assertThat(all.get(3).cost()).isEqualByComparingTo("0");
        assertThat(all).allSatisfy(c -> assertThat(c.refreshedAt()).isNotNull());
    }

    @Test
    default void nothingStoredIsAnEmptyList() {
        assertThat(costs().all()).isEmpty();
        assertThat(costs().upsert(List.of())).isZero();
    }
}
