package io.stagesync.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When the balance cannot be read (its presence connection to PostgreSQL cannot be opened), leads are taken and
 * kept as without balancing: a view may try its lock, and a leader is never asked to give its lead up.
 */
class LeadBalanceFailingNeverCostsALeadTest {
    @Test
    void withoutItsDatabaseTheBalanceLetsEveryViewTryAndNoLeaderYield() {
        // port 1 on loopback: nothing listens, the connection is refused at once
        SessionConnections nowhere = new SessionConnections("jdbc:postgresql://127.0.0.1:1/stagesync", "stagesync",
                null, "stagesync leadership test", "capture leadership");
        LeadBalance balance = new LeadBalance(nowhere, () -> 3, () -> 3);
        int[] vacancy = new int[1];

        assertThat(balance.mayTry(null, 42L, vacancy)).as("may try its lock").isTrue();
        assertThat(balance.shouldYield(System.nanoTime() - LeadBalance.YIELD_EVERY.toNanos() * 2))
                .as("a leader of all three keeps its leads").isFalse();
        balance.leave();
    }
}
