package io.stagesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import io.stagesync.testing.TestPostgres;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When an instance that does not lead a system's capture may send to that system
 * ({@link CaptureLeadership#caughtUpElsewhere}): only while an instance leads it and has told the store it caught
 * up in its current lead; not before, and not once that leader is gone although the store still says its lead
 * caught up (after a restart of every instance the store says so too, and no one has read the system yet).
 *
 * <p>Needs PostgreSQL: the server named by {@code STAGESYNC_TEST_PG_URL}, else the embedded one ({@link TestPostgres}).
 */
class OtherInstancesSendOnlyOnceTheLeaderCaughtUpTest {
    private String schema;
    private StateStore store;
    private final DefaultCamelContext leaderCamel = new DefaultCamelContext();
    private final DefaultCamelContext otherCamel = new DefaultCamelContext();

    @BeforeEach
    void start() throws Exception {
        schema = TestPostgres.newSchema();
        store = JdbcStateStore.open(new StoreSettings(TestPostgres.urlFor(schema), TestPostgres.user(),
                TestPostgres.password(), 3));
    }

    @AfterEach
    void stop() throws Exception {
        leaderCamel.stop();
        otherCamel.stop();
        store.close();
        TestPostgres.dropSchema(schema);
    }

    private PostgresLockClusterService service(DefaultCamelContext camel, String name, boolean capture)
            throws Exception {
        PostgresLockClusterService service = new PostgresLockClusterService(name, TestPostgres.urlFor(schema),
                TestPostgres.user(), TestPostgres.password(), store.leaderEpochs(), Duration.ofMillis(200));
        camel.addService(service);
        if (capture) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("master:capture-netsuite:timer:poll-netsuite?period=100").routeId("sync-netsuite")
                            .log(org.apache.camel.LoggingLevel.DEBUG, "tick");
                }
            });
        }
        camel.start();
        return service;
    }

    @Test
    void aNonLeaderSendsOnlyWhileTheLeaderHasCaughtUpInItsLead() throws Exception {
        PostgresLockClusterService leader = service(leaderCamel, "instance-a", true);
        PostgresLockClusterService other = service(otherCamel, "instance-b", false);
        Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> CaptureLeadership.epoch(leader, "netsuite").isPresent());
        OptionalLong epoch = CaptureLeadership.epoch(leader, "netsuite");

        assertThat(CaptureLeadership.caughtUpElsewhere(other, store.leaderEpochs(), "netsuite"))
                .as("led, not caught up yet").isFalse();
        store.leaderEpochs().caughtUp(CaptureLeadership.namespace("netsuite"), epoch.getAsLong());
        assertThat(CaptureLeadership.caughtUpElsewhere(other, store.leaderEpochs(), "netsuite"))
                .as("led and caught up").isTrue();

        leaderCamel.stop();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(CaptureLeadership.caughtUpElsewhere(other, store.leaderEpochs(), "netsuite"))
                        .as("the leader gone: the store still says caught up, no one leads").isFalse());
        assertThat(store.leaderEpochs().caughtUp(CaptureLeadership.namespace("netsuite"))).isTrue();
    }
}
