package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.store.StateStore;
import io.stagesync.store.XrefConflictException;
import org.junit.jupiter.api.Test;

/** Contract of {@link StateStore#atomically}: one commit for the work, all of it or none, run against each database. */
public interface UnitOfWorkContract extends StoreFixture {

    @Test
    default void whatTheWorkWritesIsThereOnceItReturns() {
        store().atomically(() -> {
            store().xrefs().link("c-1", "salesforce", "Account", "001A");
            store().matchKeys().put("account", "domain", "example.com", "c-1");
        });

        assertThat(store().xrefs().findByExternal("salesforce", "Account", "001A")).isPresent();
        assertThat(store().matchKeys().find("account", "domain", "example.com")).containsExactly("c-1");
    }

    @Test
    default void nothingTheWorkWroteIsKeptWhenItThrows() {
        assertThatThrownBy(() -> store().atomically(() -> {
            store().xrefs().link("c-1", "salesforce", "Account", "001A");
            store().matchKeys().put("account", "domain", "example.com", "c-1");
            throw new IllegalStateException("the step failed half-way");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the step failed half-way");

        assertThat(store().xrefs().findByExternal("salesforce", "Account", "001A")).isEmpty();
        assertThat(store().matchKeys().find("account", "domain", "example.com")).isEmpty();
    }

    @Test
    default void aStatementRefusedInsideUndoesOnlyItselfAndTheWorkGoesOn() {
        store().xrefs().link("c-1", "salesforce", "Account", "001A");

        store().atomically(() -> {
            // refused by the database (the external id is linked to c-1): PostgreSQL would abort the whole
            // transaction without the statement's savepoint
            assertThatThrownBy(() -> store().xrefs().link("c-2", "salesforce", "Account", "001A"))
                    .isInstanceOf(XrefConflictException.class);
            store().xrefs().link("c-2", "salesforce", "Account", "001B");
        });

        assertThat(store().xrefs().findByExternal("salesforce", "Account", "001A").orElseThrow().canonicalId())
                .isEqualTo("c-1");
        assertThat(store().xrefs().findByExternal("salesforce", "Account", "001B").orElseThrow().canonicalId())
                .isEqualTo("c-2");
    }

    @Test
    default void aUnitInsideAnotherIsUndoneAloneWhenItThrows() {
        store().atomically(() -> {
            store().xrefs().link("c-1", "salesforce", "Account", "001A");
            assertThatThrownBy(() -> store().atomically(() -> {
                store().xrefs().link("c-2", "salesforce", "Account", "001B");
                throw new IllegalStateException("inner step failed");
            })).isInstanceOf(IllegalStateException.class);
            store().xrefs().link("c-3", "salesforce", "Account", "001C");
        });

        assertThat(store().xrefs().findByExternal("salesforce", "Account", "001A")).isPresent();
        assertThat(store().xrefs().findByExternal("salesforce", "Account", "001B")).isEmpty();
        assertThat(store().xrefs().findByExternal("salesforce", "Account", "001C")).isPresent();
    }

    @Test
    default void anotherThreadSeesTheWorkOnlyOnceItIsCommitted() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean seenInside = new java.util.concurrent.atomic.AtomicBoolean(true);
        store().atomically(() -> {
            store().xrefs().link("c-1", "salesforce", "Account", "001A");
            Thread other = new Thread(() -> seenInside.set(
                    store().xrefs().findByExternal("salesforce", "Account", "001A").isPresent()));
            other.start();
            try {
                other.join(10_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(seenInside).as("uncommitted work is not visible to another thread").isFalse();
        assertThat(store().xrefs().findByExternal("salesforce", "Account", "001A")).isPresent();
    }
}
