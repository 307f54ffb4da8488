package io.stagesync.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.CampaignCostReader.Campaign;
import io.stagesync.connector.CampaignCostReader;
import io.stagesync.connector.SystemCallException;
import io.stagesync.store.CampaignCost;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refresh stores every marketing system's campaigns; a system that fails keeps its last stored costs. */
class CampaignCostRefresherTest {
    @TempDir
    Path dir;

    @Test
    void eachSystemIsRefreshedAndAFailingOneKeepsItsLastCosts() {
        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dir))) {
            AtomicBoolean eloquaDown = new AtomicBoolean(false);
            CampaignCostReader pardot = () -> List.of(new Campaign("5001", "Spring webinar", new BigDecimal("1500")),
                    new Campaign("5003", "Organic", null));
            CampaignCostReader eloqua = () -> {
                if (eloquaDown.get()) {
                    throw new SystemCallException("eloqua", "list campaigns", 503, null, "Service Unavailable", null,
                            true, null, null);
                }
                return List.of(new Campaign("101", "Q1 nurture", new BigDecimal("2500.00")));
            };
            Map<String, CampaignCostReader> readers = new LinkedHashMap<>();
            readers.put("pardot", pardot);
            readers.put("eloqua", eloqua);
            CampaignCostRefresher refresher = new CampaignCostRefresher(store.campaignCosts(), () -> readers);

            assertThat(refresher.refresh()).isEqualTo("campaign costs refreshed: pardot: 2 campaign(s); eloqua: 1 campaign(s)");
            eloquaDown.set(true);
            String second = refresher.refresh();

            assertThat(second).startsWith("campaign costs refreshed: pardot: 2 campaign(s); eloqua: failed (")
                    .contains("503");
            assertThat(store.campaignCosts().all()).extracting(CampaignCost::system, CampaignCost::campaignId,
                    CampaignCost::cost).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("eloqua", "101", new BigDecimal("2500.0000")),
                    org.assertj.core.groups.Tuple.tuple("pardot", "5001", new BigDecimal("1500.0000")),
                    org.assertj.core.groups.Tuple.tuple("pardot", "5003", null));
            assertThat(new CampaignCostRefresher(store.campaignCosts(), Map::of).refresh())
                    .isEqualTo("campaign costs: no marketing connector");
        }
    }
}
