package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.store.CampaignCost;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryEntry.Outcome;
import io.stagesync.store.StateStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/kpis}'s campaignRoi from the store: deals won in March 2025 with their amounts, attributed to
 * their account's first-seen person's first-touch campaign, against the stored campaign costs.
 */
class CampaignRoiKpiTest {
    @TempDir
    Path dir;

    /*
     * people:  p1 account a1, campaign 5001, first seen 01-05; p2 a1, 5002, first seen 01-20; p3 a2, 5002, 02-01;
     *          p4 a3, no campaign
     * deals:   d1 a1 24000 won 03-10 -> p1 -> 5001;  d2 a2 6000 won 03-20 -> p3 -> 5002;
     *          d3 a3 2500 won 03-25 -> nobody with a campaign -> unattributed;  d4 a1 1000 won 02-10 -> not March
     * costs:   pardot 5001 "Spring webinar" 1500; pardot 5002 "Trade show" 12000; pardot 5003 "Organic" no cost
     * ROI:     5001 = 24000 / 1500 = 16.0000 (1 deal);  5002 = 6000 / 12000 = 0.5000 (1 deal)
     * totals:  won 24000 + 6000 + 2500 = 32500, cost 1500 + 12000 = 13500, unattributed 2500 (1 deal)
     */
    private static void seed(StateStore store) {
        person(store, "p1", "a1", "5001", "2025-01-05T09:00:00Z");
        person(store, "p2", "a1", "5002", "2025-01-20T09:00:00Z");
        person(store, "p3", "a2", "5002", "2025-02-01T09:00:00Z");
        person(store, "p4", "a3", null, "2025-01-01T09:00:00Z");
        deal(store, "d1", "a1", 24000.0, "2025-03-10T09:00:00Z");
        deal(store, "d2", "a2", 6000.0, "2025-03-20T09:00:00Z");
        deal(store, "d3", "a3", 2500.0, "2025-03-25T09:00:00Z");
        deal(store, "d4", "a1", 1000.0, "2025-02-10T09:00:00Z");
        store.campaignCosts().upsert(List.of(
                new CampaignCost("pardot", "5001", "Spring webinar", new BigDecimal("1500"), Instant.EPOCH),
                new CampaignCost("pardot", "5002", "Trade show", new BigDecimal("12000"), Instant.EPOCH),
                new CampaignCost("pardot", "5003", "Organic", null, Instant.EPOCH)));
    }

    private static void person(StateStore store, String id, String account, String campaign, String firstSeen) {
        Map<String, Object> fields = campaign == null ? Map.of("accountId", account)
                : Map.of("accountId", account, "firstTouchCampaign", campaign);
        store.records().save(CanonicalRecord.newRecord(id, "person", "MQL", fields));
        store.stageHistory().append(entry(id, "person", null, "MQL", List.of("MQL"), firstSeen));
    }

    private static void deal(StateStore store, String id, String account, double amount, String wonAt) {
        store.records().save(CanonicalRecord.newRecord(id, "deal", "WON", Map.of("accountId", account,
                "amount", amount)));
        store.stageHistory().append(entry(id, "deal", null, "OPPORTUNITY", List.of("OPPORTUNITY"),
                "2025-01-02T09:00:00Z"));
        store.stageHistory().append(entry(id, "deal", "OPPORTUNITY", "WON", List.of("OPPORTUNITY", "WON"), wonAt));
    }

    private static StageHistoryEntry entry(String record, String entity, String from, String to, List<String> path,
                                           String at) {
        return new StageHistoryEntry(0, record, entity, from, to, Outcome.ACCEPTED, null, "salesforce", path,
                List.of(), List.of("seeded"), Instant.parse(at));
    }

    @Test
    void roiPerCampaignFromWonDealsFirstTouchAndStoredCosts() throws Exception {
        try (AdminTestBed bed = AdminTestBed.withToken(dir)) {
            seed(bed.store());
            bed.start();

            JsonNode roi = AdminApiTest.JSON.readTree(bed.get("/api/kpis?period=month&from=2025-03-01").body())
                    .get("campaignRoi");

            assertThat(roi.get("available").asBoolean()).isTrue();
            assertThat(roi.get("note").isNull()).isTrue();
            assertThat(roi.get("costsRefreshedAt").isNull()).isFalse();
            assertThat(roi.get("wonDeals").asInt()).isEqualTo(3);
            assertThat(roi.get("totalWonAmount").decimalValue()).isEqualByComparingTo("32500");
            assertThat(roi.get("totalCost").decimalValue()).isEqualByComparingTo("13500");
            assertThat(roi.get("unattributedAmount").decimalValue()).isEqualByComparingTo("2500");
            assertThat(roi.get("unattributedDeals").asInt()).isEqualTo(1);
            JsonNode campaigns = roi.get("campaigns");
            assertThat(campaigns).hasSize(2);
            JsonNode webinar = campaigns.get(0);
            assertThat(webinar.get("campaignId").asText()).isEqualTo("5001");
            assertThat(webinar.get("name").asText()).isEqualTo("Spring webinar");
            assertThat(webinar.get("system").asText()).isEqualTo("pardot");
            assertThat(webinar.get("cost").decimalValue()).isEqualByComparingTo("1500");
            assertThat(webinar.get("wonAmount").decimalValue()).isEqualByComparingTo("24000");
            assertThat(webinar.get("wonDeals").asInt()).isEqualTo(1);
            assertThat(webinar.get("roi").decimalValue()).isEqualByComparingTo("16");
            JsonNode tradeShow = campaigns.get(1);
            assertThat(tradeShow.get("campaignId").asText()).isEqualTo("5002");
            assertThat(tradeShow.get("wonAmount").decimalValue()).isEqualByComparingTo("6000");
            assertThat(tradeShow.get("roi").decimalValue()).isEqualByComparingTo("0.5");

            JsonNode february = AdminApiTest.JSON.readTree(bed.get("/api/kpis?period=month&from=2025-02-01").body())
                    .get("campaignRoi");
            // d4 won 02-10 -> a1 -> p1 -> 5001: 1000 / 1500 = 0.6667 (half-even, 4 places)
            assertThat(february.get("wonDeals").asInt()).isEqualTo(1);
            assertThat(february.get("campaigns").get(0).get("campaignId").asText()).isEqualTo("5001");
            assertThat(february.get("campaigns").get(0).get("roi").decimalValue()).isEqualByComparingTo("0.6667");
        }
    }
}
