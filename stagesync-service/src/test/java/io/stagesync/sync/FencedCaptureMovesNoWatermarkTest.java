package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.store.FencedOutException;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine asks its {@link CaptureFence} before every watermark move, in the move's unit of work: while this
 * instance leads the capture the watermark moves; once the fence says it lost the lead, the poll fails and the
 * watermark stays where the last leader left it (what it read is applied, which the next leader's read finds to be
 * no news).
 */
class FencedCaptureMovesNoWatermarkTest {
    @TempDir
    Path dir;

    private StateStore store;
    private InMemorySystem salesforce;
    private SyncEngine engine;
    private final List<String> checked = new ArrayList<>();
    private volatile boolean leads = true;

    @BeforeEach
    void start() {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        salesforce = new InMemorySystem("salesforce", SalesforceConnector.DIALECT);
        engine = ShippedConfig.engine(store, ShippedConfig.inMemory(salesforce,
                new InMemorySystem("netsuite", NetSuiteConnector.DIALECT)).build());
        engine.fenceCaptures(system -> {
            checked.add(system);
            if (!leads) {
                throw new FencedOutException("capture-" + system + ": the lead was taken over");
            }
        });
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aLeaderMovesTheWatermarkAndADeposedOneDoesNot() {
        salesforce.put("Account", "1", Map.of("Name", "Led Ltd", "Lifecycle_Stage__c", "Opportunity"));
        engine.poll("salesforce");
        var moved = store.watermarks().get("salesforce", "Account");
        assertThat(moved).as("moved while leading").isPresent();
        assertThat(checked).contains("salesforce");

        leads = false;
        salesforce.put("Account", "2", Map.of("Name", "Deposed Ltd", "Lifecycle_Stage__c", "Opportunity"));
        assertThatThrownBy(() -> engine.poll("salesforce")).isInstanceOf(FencedOutException.class)
                .hasMessageContaining("taken over");

        assertThat(store.watermarks().get("salesforce", "Account")).as("where the leader left it").isEqualTo(moved);
    }
}
