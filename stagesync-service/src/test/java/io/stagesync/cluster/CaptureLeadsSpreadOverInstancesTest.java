package io.stagesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import io.stagesync.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three captures over instances that come and go ({@link LeadBalance}): the first instance up leads all three; as
 * two more start, it gives leads up one at a time until each leads one; when one stops, its lead goes to one of
 * the two left (two and one), and every capture always has exactly one leader once settled. The times are printed.
 *
 * <p>Needs PostgreSQL: the server named by {@code STAGESYNC_TEST_PG_URL}, else the embedded one ({@link TestPostgres}).
 */
class CaptureLeadsSpreadOverInstancesTest {
    private static final Duration CHECK = Duration.ofMillis(200);
    private static final List<String> SYSTEMS = List.of("salesforce", "netsuite", "pardot");

    private String schema;
    private StateStore store;
    private final List<Instance> instances = new ArrayList<>();

    /** One instance as far as leadership goes: its cluster service and one led route per capture. */
    private final class Instance implements AutoCloseable {
        final PostgresLockClusterService service;
        final DefaultCamelContext camel = new DefaultCamelContext();

        Instance(String name) throws Exception {
            service = new PostgresLockClusterService(name, TestPostgres.urlFor(schema), TestPostgres.user(),
                    TestPostgres.password(), store.leaderEpochs(), CHECK);
            camel.addService(service);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (String system : SYSTEMS) {
                        from("master:capture-" + system + ":timer:poll-" + system + "-" + name + "?period=100")
                                .routeId("sync-" + system).log(org.apache.camel.LoggingLevel.DEBUG, "tick");
                    }
                }
            });
            camel.start();
        }

        int leads() {
            return (int) SYSTEMS.stream().filter(s -> service.epoch(CaptureLeadership.namespace(s)).isPresent()).count();
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
    }

    @AfterEach
    void stop() throws Exception {
        instances.forEach(Instance::close);
        store.close();
        TestPostgres.dropSchema(schema);
    }

    private List<Integer> leads() {
        return instances.stream().map(Instance::leads).toList();
    }

    /** Each capture led by exactly one of the instances. */
    private boolean everyCaptureLedOnce() {
        return SYSTEMS.stream().allMatch(s -> instances.stream()
                .filter(i -> i.service.epoch(CaptureLeadership.namespace(s)).isPresent()).count() == 1);
    }

    @Test
    void theFirstInstanceLeadsAllThenGivesLeadsUpUntilEachLeadsOneAndAStoppedOnesLeadMovesOn() throws Exception {
        instances.add(new Instance("instance-a"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> leads().equals(List.of(3)));

        long joined = System.nanoTime();
        instances.add(new Instance("instance-b"));
        instances.add(new Instance("instance-c"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> leads().equals(List.of(1, 1, 1)) && everyCaptureLedOnce());
        System.out.println("LEADS_SPREAD_MS " + (System.nanoTime() - joined) / 1_000_000
                + " (3 captures over 3 instances; a lead is given up at most every "
                + LeadBalance.YIELD_EVERY.toSeconds() + " s per instance)");
        Thread.sleep(3 * LeadBalance.YIELD_EVERY.toMillis() / 2);
        assertThat(leads()).as("settled: nobody gives a lead up at its share").isEqualTo(List.of(1, 1, 1));

        long stopped = System.nanoTime();
        instances.remove(2).close();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> leads().stream().mapToInt(Integer::intValue).sum() == 3 && everyCaptureLedOnce());
        System.out.println("LEAD_MOVED_MS " + (System.nanoTime() - stopped) / 1_000_000
                + " (a stopped instance's capture led by one of the two left)");
        assertThat(leads()).as("two instances: two and one").containsExactlyInAnyOrder(1, 2);
    }
}
