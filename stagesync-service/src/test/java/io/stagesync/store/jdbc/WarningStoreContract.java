package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.store.SyncWarning;
import org.junit.jupiter.api.Test;

/** Contract of {@link io.stagesync.store.WarningStore}, run against each database. */
public interface WarningStoreContract extends StoreFixture {

    @Test
    default void warningsAreListedNewestFirst() {
        store().warnings().add("p-1", "pardot", "prospect", "101", "first");
        SyncWarning second = store().warnings().add("p-2", "pardot", "prospect", "102", "second");

        assertThat(second.id()).isPositive();
        assertThat(store().warnings().recent(10)).extracting(SyncWarning::message).containsExactly("second", "first");
        assertThat(store().warnings().recent(1)).singleElement()
                .satisfies(w -> assertThat(w.externalId()).isEqualTo("102"));
    }
}
