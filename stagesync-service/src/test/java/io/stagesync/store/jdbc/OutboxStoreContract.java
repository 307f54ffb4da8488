package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.store.HeldWrite;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Contract of {@link io.stagesync.store.OutboxStore}, run against each database. */
interface OutboxStoreContract extends StoreFixture {

    @Test
    default void aRecordIsHeldOncePerTargetObjectKeepingItsPlaceAndTheNewestReason() {
        store().outbox().hold("netsuite", "customer", "a-1", "externalId", "001A", "HTTP 503");
        store().outbox().hold("netsuite", "customer", "a-2", "externalId", "001B", "HTTP 503");
        store().outbox().hold("netsuite", "customer", "a-1", "externalId", "001A", "CIRCUIT_OPEN");
        store().outbox().hold("netsuite", "contact", "p-1", "externalId", "003A", "HTTP 503");
        store().outbox().hold("pardot", "prospect", "p-1", "email", "ada@example.com", "HTTP 500");

        List<HeldWrite> netsuite = store().outbox().oldest("netsuite", 10);

        assertThat(netsuite).extracting(HeldWrite::canonicalId).containsExactly("a-1", "a-2", "p-1");
        assertThat(netsuite.get(0)).satisfies(held -> {
            assertThat(held.reason()).isEqualTo("CIRCUIT_OPEN");
            assertThat(held.timesHeld()).isEqualTo(2);
            assertThat(held.key()).isEqualTo("001A");
        });
        assertThat(store().outbox().oldest("netsuite", 1)).extracting(HeldWrite::canonicalId).containsExactly("a-1");
        assertThat(store().outbox().counts()).containsExactly(Map.entry("netsuite", 3), Map.entry("pardot", 1));
    }

    @Test
    default void aWriteHeldAgainAfterItWasReadIsNotRemovedWithTheOldRow() {
        store().outbox().hold("netsuite", "customer", "a-1", "externalId", "001A", "HTTP 503");
        HeldWrite seen = store().outbox().oldest("netsuite", 10).get(0);
        store().outbox().hold("netsuite", "customer", "a-1", "externalId", "001A", "HTTP 503");

        assertThat(store().outbox().remove(seen)).as("held again while it was being sent").isFalse();
        HeldWrite again = store().outbox().oldest("netsuite", 10).get(0);
        assertThat(store().outbox().remove(again)).isTrue();
        assertThat(store().outbox().counts()).isEmpty();
    }

    @Test
    default void aListLimitOutsideItsBoundsIsRefused() {
        assertThatThrownBy(() -> store().outbox().oldest("netsuite", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be 1..10000");
    }
}
