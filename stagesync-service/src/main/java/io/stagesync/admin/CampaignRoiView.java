package io.stagesync.admin;

import io.stagesync.kpi.CampaignRoi;
import io.stagesync.kpi.CampaignRoiCalculator;
import io.stagesync.kpi.CampaignRoiReport;
import io.stagesync.kpi.CampaignSpend;
import io.stagesync.kpi.FirstTouchAttribution;
import io.stagesync.kpi.FirstTouchAttribution.DealFacts;
import io.stagesync.kpi.FirstTouchAttribution.PersonFacts;
import io.stagesync.kpi.KpiPeriod;
import io.stagesync.kpi.WonDeal;
import io.stagesync.store.CampaignCost;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.RecordStore;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StateStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code campaignRoi} part of {@code GET /api/kpis}, fed from the store: deals won in the period with their
 * {@code amount} and first-touch campaign ({@link FirstTouchAttribution}), against the campaign costs the MA
 * systems report ({@code campaign_cost}), through {@link CampaignRoiCalculator}. Reads every person and deal
 * record (paged). Thread-safe.
 */
final class CampaignRoiView {
    static final String ATTRIBUTION = "first touch: a deal won in the period counts whole for the first-touch "
            + "campaign of its account's person stagesync saw first (among those with a campaign); ROI = won amount "
            + "/ the campaign's total cost as its MA system reports it";
    static final String NO_COSTS = "no campaign costs stored yet: they are read from Pardot or Eloqua every "
            + "stagesync.campaigns.refresh-minutes once a marketing connector is configured";
    private static final int PAGE = 1000;

    private final StateStore store;
    private final String wonStage;

    /** @param wonStage nullable: the model's won stage ({@code kpis.won}); null = no deal is won */
    CampaignRoiView(StateStore store, String wonStage) {
        this.store = Objects.requireNonNull(store, "store");
        this.wonStage = wonStage;
    }

    Map<String, Object> compute(List<StageHistoryEntry> history, KpiPeriod period, Instant now) {
        List<DealFacts> deals = facts(store.records(), "deal", r -> new DealFacts(r.id(), text(r, "accountId"),
                amount(r.fields().get("amount"))));
        List<PersonFacts> people = facts(store.records(), "person", r -> new PersonFacts(r.id(), text(r, "accountId"),
                text(r, "firstTouchCampaign")));
        List<WonDeal> won = new FirstTouchAttribution(wonStage).wonDeals(history, period, now, deals, people);
        List<CampaignCost> costs = store.campaignCosts().all();
        List<CampaignSpend> spends = costs.stream().filter(c -> c.cost() != null)
                .map(c -> new CampaignSpend(c.campaignId(), c.cost())).toList();
        CampaignRoiReport report = new CampaignRoiCalculator().compute(spends, won);
        Map<String, CampaignCost> byId = new LinkedHashMap<>();
        costs.forEach(c -> byId.putIfAbsent(c.campaignId(), c));

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("available", true);
        view.put("attribution", ATTRIBUTION);
        view.put("note", costs.isEmpty() ? NO_COSTS : null);
        view.put("costsRefreshedAt", costs.stream().map(CampaignCost::refreshedAt).max(Comparator.naturalOrder())
                .orElse(null));
        view.put("wonDeals", won.size());
        view.put("totalWonAmount", plain(report.totalWonAmount()));
        view.put("totalCost", plain(report.totalCost()));
        view.put("unattributedAmount", plain(report.unattributedAmount()));
        view.put("unattributedDeals", report.unattributedDeals());
        List<Map<String, Object>> campaigns = new ArrayList<>();
        for (CampaignRoi roi : report.campaigns()) {
            CampaignCost cost = byId.get(roi.campaignId());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("campaignId", roi.campaignId());
            row.put("name", cost == null ? null : cost.name());
            row.put("system", cost == null ? null : cost.system());
            row.put("cost", plain(roi.cost()));
            row.put("wonAmount", plain(roi.wonAmount()));
            row.put("wonDeals", roi.wonDeals());
            row.put("roi", plain(roi.roi()));
            campaigns.add(row);
        }
        view.put("campaigns", campaigns);
        return view;
    }

    private static <T> List<T> facts(RecordStore records, String type, Function<CanonicalRecord, T> map) {
        List<T> out = new ArrayList<>();
        String after = null;
        while (true) {
            List<CanonicalRecord> page = records.page(type, after, PAGE);
            page.forEach(r -> out.add(map.apply(r)));
            if (page.size() < PAGE) {
                return out;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** Without an exponent, so JSON shows 10000000, not 1E+7. */
    private static BigDecimal plain(BigDecimal value) {
        return value == null ? null : new BigDecimal(value.toPlainString());
    }

    private static String text(CanonicalRecord row, String field) {
        Object value = row.fields().get(field);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static BigDecimal amount(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value != null) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
