package io.stagesync.connector.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.connector.CampaignCostReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Eloqua campaigns with their actual cost: {@code GET /api/REST/2.0/assets/campaigns?depth=partial&count=1000
 * &page=N} (Application API 2.0, {@code QueryResultCampaign} {@code {elements, page, pageSize, total}}), until a
 * page is short or {@code page × count ≥ total}. {@code depth=partial} because minimal depth returns only names,
 * ids and dates; a campaign without a cost has no {@code actualCost} property (Eloqua leaves out root properties
 * without a value), and {@code actualCost} is a string. Thread-safe.
 */
public final class EloquaCampaignCosts implements CampaignCostReader {
    static final String CAMPAIGNS_PATH = "/api/REST/2.0/assets/campaigns";
    static final String OPERATION = "list campaigns";
    static final int PAGE_SIZE = 1000;
    static final int MAX_PAGES = 1000;

    private final EloquaClient client;
    private final int pageSize;

    public EloquaCampaignCosts(EloquaClient client) {
        this(client, PAGE_SIZE);
    }

    /** @param pageSize campaigns per page, 1 to 1000 */
    EloquaCampaignCosts(EloquaClient client, int pageSize) {
        this.client = Objects.requireNonNull(client, "client");
        if (pageSize < 1 || pageSize > PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1-1000; got " + pageSize);
        }
        this.pageSize = pageSize;
    }

    @Override
    public List<Campaign> readCampaigns() {
        List<Campaign> campaigns = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode root = client.get(OPERATION, CAMPAIGNS_PATH, UrlQuery.of("depth", "partial", "count", pageSize,
                    "page", page));
            JsonNode elements = root.path("elements");
            if (!elements.isArray()) {
                throw EloquaErrors.unusable(OPERATION, 200, "the campaign list has no elements array", root.toString(),
                        null);
            }
            for (JsonNode element : elements) {
                campaigns.add(campaign(element));
            }
            long total = root.path("total").asLong(-1);
            if (elements.size() < pageSize || (total >= 0 && (long) page * pageSize >= total)) {
                return campaigns;
            }
        }
        throw EloquaErrors.unusable(OPERATION, 200, "more than " + MAX_PAGES + " pages of campaigns", null, null);
    }

    private static Campaign campaign(JsonNode element) {
        String id = EloquaContacts.text(element.get("id"));
        if (id == null || id.isBlank()) {
            throw EloquaErrors.unusable(OPERATION, 200, "a campaign has no id", element.toString(), null);
        }
        String name = EloquaContacts.text(element.get("name"));
        String raw = EloquaContacts.text(element.get("actualCost"));
        if (raw == null || raw.isBlank()) {
            return new Campaign(id, name, null);
        }
        BigDecimal cost;
        try {
            cost = new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            cost = null;
        }
        if (cost == null || cost.signum() < 0) {
            throw EloquaErrors.unusable(OPERATION, 200, "campaign " + id + " has an actualCost that is not a number of "
                    + "at least 0: " + raw, element.toString(), null);
        }
        return new Campaign(id, name, cost);
    }
}
