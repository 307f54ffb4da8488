package io.stagesync.connector.pardot;

import io.stagesync.connector.CampaignCostReader;
import io.stagesync.connector.SystemCallException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Account Engagement campaigns with their cost: {@code GET /api/v5/objects/campaigns?fields=id,name,cost}, page
 * by page ({@code nextPageToken}). The campaign ids are the ones prospects carry as {@code campaignId}, the
 * first-touch campaign. Thread-safe.
 */
public final class PardotCampaignCosts implements CampaignCostReader {
    static final List<String> FIELDS = List.of("id", "name", "cost");
    static final int PAGE_SIZE = 1000;
    /** More pages than any business unit has campaigns: a token that never ends is an error, not a loop. */
    static final int MAX_PAGES = 1000;

    private final PardotClient client;
    private final int pageSize;

    public PardotCampaignCosts(PardotClient client) {
        this(client, PAGE_SIZE);
    }

    /** @param pageSize campaigns per page, 1 to 1000 */
    PardotCampaignCosts(PardotClient client, int pageSize) {
        this.client = Objects.requireNonNull(client, "client");
        this.pageSize = pageSize;
    }

    @Override
    public List<Campaign> readCampaigns() {
        List<Campaign> campaigns = new ArrayList<>();
        String token = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            PardotClient.CampaignPage result = client.queryCampaigns(FIELDS, token, pageSize);
            for (Map<String, Object> value : result.values()) {
                campaigns.add(campaign(value));
            }
            token = result.nextPageToken();
            if (token == null) {
                return campaigns;
            }
        }
        throw new SystemCallException("pardot", "query campaign", 200, null, "more than " + MAX_PAGES
                + " pages of campaigns: the next page token never ends", null, false, null, null);
    }

    private static Campaign campaign(Map<String, Object> value) {
        Object id = value.get("id");
        if (id == null || id.toString().isBlank()) {
            throw new SystemCallException("pardot", "query campaign", 200, null, "a campaign has no id: " + value,
                    null, false, null, null);
        }
        Object name = value.get("name");
        return new Campaign(id.toString(), name == null ? null : name.toString(), cost(id, value.get("cost")));
    }

    private static BigDecimal cost(Object id, Object raw) {
        if (raw == null || raw.toString().isBlank()) {
            return null;
        }
        BigDecimal cost;
        try {
            cost = new BigDecimal(raw.toString().trim());
        } catch (NumberFormatException e) {
            cost = null;
        }
        if (cost == null || cost.signum() < 0) {
            throw new SystemCallException("pardot", "query campaign", 200, null, "campaign " + id + " has a cost that"
                    + " is not a number of at least 0: " + raw, null, false, null, null);
        }
        return cost;
    }
}
