package io.stagesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.store.FencedOutException;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.Watermark;
import io.stagesync.store.jdbc.JdbcStateStore;
import io.stagesync.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances, each a Camel context with a {@link PostgresLockClusterService} on one PostgreSQL store and a
 * camel-master route {@code master:capture-salesforce:timer:…}: exactly one runs it; when the leader's connection
 * dies (what PostgreSQL sees of a killed process) the other takes the lead within about a check interval (the time
 * is printed), in a higher epoch, and the deposed leader, still believing in its old epoch, can move no watermark.
 *
 * <p>Needs PostgreSQL: the server named by {@code STAGESYNC_TEST_PG_URL}, else the embedded one ({@link TestPostgres}).
 */
class CaptureLeaderFailoverTest {
    private static final Duration CHECK = Duration.ofMillis(200);

    private String schema;
    private StateStore store;
    private Instance first;
    private Instance second;

    /** One stagesync instance as far as leadership goes: its cluster service and a led route counting its ticks. */
    private final class Instance implements AutoCloseable {
        final PostgresLockClusterService service;
        final DefaultCamelContext camel = new DefaultCamelContext();
        final AtomicInteger ticks = new AtomicInteger();

        Instance(String name) throws Exception {
            service = new PostgresLockClusterService(name, TestPostgres.urlFor(schema), TestPostgres.user(),
                    TestPostgres.password(), store.leaderEpochs(), CHECK);
            camel.addService(service);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("master:capture-salesforce:timer:poll-" + name + "?period=50").routeId("sync-salesforce")
                            .process(exchange -> ticks.incrementAndGet());
                }
            });
            camel.start();
        }

        boolean leads() {
            return service.epoch("capture-salesforce").isPresent();
        }

        @Override
        public void close() {
            camel.stop();
        }
    }

    @BeforeEach
    void start() throws Exception {
        schema = TestPostgres.newSchema();
        store = JdbcStateStore.open(new StoreSettings(TestPostgres.urlFor(schema), TestPostgres.user(),
                TestPostgres.password(), 5));
        first = new Instance("instance-a");
        second = new Instance("instance-b");
    }

    @AfterEach
    void stop() throws Exception {
        second.close();
        first.close();
        store.close();
        TestPostgres.dropSchema(schema);
    }

    @Test
    void oneInstanceLeadsAndTheOtherTakesOverWhenItsConnectionDiesFencingTheOld() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.leads() || second.leads());
        Instance leader = first.leads() ? first : second;
        Instance standby = leader == first ? second : first;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> leader.ticks.get() > 0);
        Thread.sleep(5 * CHECK.toMillis());
        assertThat(standby.leads()).as("one leader").isFalse();
        assertThat(standby.ticks.get()).as("the standby's led route does not run").isZero();
        long oldEpoch = leader.service.epoch("capture-salesforce").getAsLong();
        new CaptureLeadership(leader.service, store.leaderEpochs()).check("salesforce");

        long killed = System.nanoTime();
        try (Connection admin = TestPostgres.connect(); PreparedStatement kill = admin.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            kill.setString(1, "stagesync leadership " + leader.service.getId());
            kill.execute();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> standby.ticks.get() > 0);
        long failoverMillis = (System.nanoTime() - killed) / 1_000_000;
        System.out.println("LEADER_FAILOVER_MS " + failoverMillis + " (check interval " + CHECK.toMillis() + " ms)");

        assertThat(standby.service.epoch("capture-salesforce")).as("the new leader's epoch")
                .hasValue(oldEpoch + 1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !leader.leads());
        int ticksAfterStepDown = leader.ticks.get();
        Thread.sleep(5 * CHECK.toMillis());
        assertThat(leader.ticks.get()).as("the deposed leader's route stopped").isEqualTo(ticksAfterStepDown);
        assertThat(store.leaderEpochs().current("capture-salesforce")).get()
                .satisfies(l -> assertThat(l.holder()).isEqualTo(standby.service.getId()));

        assertThatThrownBy(() -> new CaptureLeadership(leader.service, store.leaderEpochs()).check("salesforce"))
                .isInstanceOf(FencedOutException.class).hasMessageContaining("does not lead it");
        Watermark stale = new Watermark("salesforce", "Account", Instant.parse("2026-11-01T09:00:00Z"), "001");
        assertThatThrownBy(() -> store.atomically(() -> {
            store.leaderEpochs().requireCurrent("capture-salesforce", oldEpoch);
            store.watermarks().advance(stale);
        })).isInstanceOf(FencedOutException.class)
                .hasMessage("capture-salesforce: the lead was taken over by " + standby.service.getId() + " (epoch "
                        + (oldEpoch + 1) + "); this instance held epoch " + oldEpoch + ": nothing is moved");
        assertThat(store.watermarks().get("salesforce", "Account")).as("the fenced move rolled back").isEmpty();
        new CaptureLeadership(standby.service, store.leaderEpochs()).check("salesforce");
    }
}
