package io.stagesync.store.memory;

import io.stagesync.store.StateStore;
import io.stagesync.store.jdbc.MatchKeyStoreContract;
import io.stagesync.store.jdbc.RecordStoreContract;
import io.stagesync.store.jdbc.StageHistoryStoreContract;
import io.stagesync.store.jdbc.WarningStoreContract;
import io.stagesync.store.jdbc.XrefStoreContract;

/**
 * The in-memory stores the unit tests of the sync engine use pass the same contracts as the JDBC stores (H2,
 * PostgreSQL), so they cannot drift from them. A fresh store per test (JUnit makes one instance per test).
 */
class InMemoryStoresTest implements XrefStoreContract, RecordStoreContract, StageHistoryStoreContract,
        MatchKeyStoreContract, WarningStoreContract {

    private final InMemoryStateStore store = new InMemoryStateStore();

    @Override
    public StateStore store() {
        return store;
    }
}
