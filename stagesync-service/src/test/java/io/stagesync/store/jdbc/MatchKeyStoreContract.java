package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.store.MatchKeyStore;
import org.junit.jupiter.api.Test;

/** Contract of {@link MatchKeyStore}, run against each database. */
public interface MatchKeyStoreContract extends StoreFixture {

    private MatchKeyStore keys() {
        return store().matchKeys();
    }

    @Test
    default void findsEveryRecordHoldingAKeyAndPutIsIdempotent() {
        keys().put("account", "domain", "example.com", "c-2");
        keys().put("account", "domain", "example.com", "c-1");
        keys().put("account", "domain", "example.com", "c-1");
        keys().put("account", "domain", "other.example", "c-3");
        keys().put("person", "domain", "example.com", "p-9");

        assertThat(keys().find("account", "domain", "example.com")).containsExactly("c-1", "c-2");
        assertThat(keys().find("account", "domain", "nobody.example")).isEmpty();
    }

    @Test
    default void clearRemovesOnlyThatRecordsKeysOfThatKind() {
        keys().put("account", "domain", "example.com", "c-1");
        keys().put("account", "name", "example ltd", "c-1");
        keys().put("account", "domain", "example.com", "c-2");

        keys().clear("account", "domain", "c-1");

        assertThat(keys().find("account", "domain", "example.com")).containsExactly("c-2");
        assertThat(keys().find("account", "name", "example ltd")).containsExactly("c-1");
    }

    @Test
    default void keysOfGivesEveryKeyOfOneRecordByKindAndNothingOfOthers() {
        keys().put("account", "domain", "example.com", "c-1");
        keys().put("account", "name", "example ltd", "c-1");
        keys().put("account", "name", "example limited", "c-1");
        keys().put("account", "domain", "example.com", "c-2");
        keys().put("person", "email", "ann@example.com", "c-1");

        assertThat(keys().keysOf("account", "c-1")).isEqualTo(java.util.Map.of("domain", java.util.Set.of("example.com"),
                "name", java.util.Set.of("example ltd", "example limited")));
        assertThat(keys().keysOf("account", "c-9")).isEmpty();
    }
}
