package io.stagesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.testing.TestPostgres;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two instances' send claims on one PostgreSQL ({@link PostgresSendClaims}): a record's write to a system is claimed
 * by one instance at a time, per system, and within an instance by one thread; a claim let go, or held by an instance
 * whose session ends, can be taken by the other.
 *
 * <p>Needs PostgreSQL: the server named by {@code STAGESYNC_TEST_PG_URL}, else the embedded one ({@link TestPostgres}).
 */
class SendClaimsAreHeldByOneInstanceTest {
    /** Advisory locks are database-wide: a system name of this run's own. */
    private final String netsuite = "netsuite-" + System.nanoTime();
    private final String salesforce = "salesforce-" + System.nanoTime();

    @Test
    void aRecordIsClaimedByOneInstanceUntilItLetsGoOrEnds() {
        try (PostgresSendClaims a = claims("instance-a"); PostgresSendClaims b = claims("instance-b")) {
            assertThat(a.claim(netsuite, List.of("r-1", "r-2", "r-3", "r-2"))).containsExactlyInAnyOrder("r-1", "r-2",
                    "r-3");
            assertThat(b.claim(netsuite, List.of("r-2", "r-3", "r-4"))).as("the ones a holds left out")
                    .containsExactly("r-4");
            assertThat(b.claim(salesforce, List.of("r-1"))).as("another system's writes are claimed apart")
                    .containsExactly("r-1");

            a.release(netsuite, Set.of("r-2"));
            assertThat(b.claim(netsuite, List.of("r-2", "r-3"))).containsExactly("r-2");

            a.close();
            // the server lets a closed session's locks go as its backend ends, a moment after the close
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(b.claim(netsuite, List.of("r-1", "r-3"))).as("a's session ended: its claims with it")
                            .containsExactlyInAnyOrder("r-1", "r-3"));
            assertThat(a.claim(netsuite, List.of("r-1", "r-5"))).as("a again, on a new session").containsExactly("r-5");
        }
    }

    @Test
    void aRecordClaimedByOneThreadOfAnInstanceIsNotClaimedByAnotherThreadOfIt() throws Exception {
        try (PostgresSendClaims a = claims("instance-a"); PostgresSendClaims b = claims("instance-b")) {
            assertThat(a.claim(netsuite, List.of("r-1"))).containsExactly("r-1");

            assertThat(java.util.concurrent.CompletableFuture.supplyAsync(() -> a.claim(netsuite, List.of("r-1", "r-2")))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .as("a session's advisory locks are re-entrant; the instance leaves its own claim out")
                    .containsExactly("r-2");
            a.release(netsuite, List.of("r-1"));
            assertThat(b.claim(netsuite, List.of("r-1"))).as("let go once: not held twice by a's session")
                    .containsExactly("r-1");
        }
    }

    private static PostgresSendClaims claims(String instance) {
        return new PostgresSendClaims(TestPostgres.url(), TestPostgres.user(), TestPostgres.password(), instance);
    }
}
