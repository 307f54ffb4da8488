package io.stagesync.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.stagesync.store.CampaignCost;
import io.stagesync.store.CampaignCostStore;

/**
 * {@link CampaignCostStore} on table {@code campaign_cost}. An upsert is an UPDATE by key and, when it touched
 * no row, an INSERT (portable across H2 and PostgreSQL); a concurrent insert of the same key fails the
 * transaction with a {@link DuplicateKeyException}, and the whole refresh is tried once more.
 */
public final class JdbcCampaignCostStore implements CampaignCostStore {

    private static final String UPDATE = "UPDATE campaign_cost SET name = ?, cost = ?, refreshed_at = ?"
            + " WHERE system_name = ? AND campaign_id = ?";
    private static final String INSERT = "INSERT INTO campaign_cost (system_name, campaign_id, name, cost, refreshed_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    private static final String ALL = "SELECT system_name, campaign_id, name, cost, refreshed_at FROM campaign_cost"
            + " ORDER BY system_name, campaign_id";

    private final Jdbc jdbc;

    /** A store over the migrated schema reachable through the data source; times come from the clock. */
    public JdbcCampaignCostStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, clock);
    }

    @Override
    public int upsert(List<CampaignCost> costs) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write(costs);
            } catch (DuplicateKeyException raced) {
                if (attempt == 2) {
                    throw raced;
                }
            }
        }
    }

    private int write(List<CampaignCost> costs) {
        Instant now = jdbc.now();
        return jdbc.inTransaction("store " + costs.size() + " campaign costs", connection -> {
            for (CampaignCost cost : costs) {
                Object amount = Jdbc.orNull(cost.cost(), Types.NUMERIC);
                int updated = Jdbc.update(connection, UPDATE, cost.name(), amount, now, cost.system(), cost.campaignId());
                if (updated == 0) {
                    Jdbc.update(connection, INSERT, cost.system(), cost.campaignId(), cost.name(), amount, now);
                }
            }
            return costs.size();
        });
    }

    @Override
    public List<CampaignCost> all() {
        return jdbc.queryList("list campaign costs", ALL, JdbcCampaignCostStore::map);
    }

    private static CampaignCost map(ResultSet row) throws SQLException {
        return new CampaignCost(row.getString("system_name"), row.getString("campaign_id"), row.getString("name"),
                row.getBigDecimal("cost"), Jdbc.instant(row, "refreshed_at"));
    }
}
