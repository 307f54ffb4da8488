package io.stagesync.sandbox.pardot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The store's e-mail index follows a prospect whose address changes, so {@code upsertLatestByEmail} updates the
 * prospect that has the address now (ignoring case) and creates one for an address nobody has any more; query rows
 * show each prospect's current values.
 */
class PardotStoreFindsProspectsByTheirCurrentEmailTest {
    private final PardotStore store = new PardotStore(new PardotProspectFields(List.of()),
            Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aChangedAddressIsFoundUnderItsNewValueOnly() {
        PardotProspect first = store.create(Map.of("email", "Ann@Example.com", "firstName", "Ann"), true);
        assertThat(store.prospectRows()).singleElement().satisfies(row -> assertThat(row.get("firstName")).isEqualTo("Ann"));
        store.update(first.id(), Map.of("email", "ann.new@example.com", "firstName", "Anne"), true);

        assertThat(store.byEmail("ann@example.com")).isEmpty();
        assertThat(store.byEmail("ANN.NEW@example.com")).extracting(PardotProspect::id).containsExactly(first.id());
        PardotStore.Upserted moved = store.upsertLatestByEmail("Ann.New@Example.com", Map.of("lastName", "Lee"));
        PardotStore.Upserted fresh = store.upsertLatestByEmail("ann@example.com", Map.of("lastName", "Other"));

        assertThat(moved.created()).isFalse();
        assertThat(moved.prospect().id()).isEqualTo(first.id());
        assertThat(fresh.created()).isTrue();
        assertThat(store.prospectRows()).extracting(row -> row.get("email"), row -> row.get("firstName"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ann.new@example.com", "Anne"),
                        org.assertj.core.groups.Tuple.tuple("ann@example.com", null));
    }

    @Test
    void duplicatesOfOneAddressAreAllFoundInIdOrder() {
        PardotProspect a = store.create(Map.of("email", "dup@example.com"), false);
        PardotProspect b = store.create(Map.of("email", "DUP@example.com"), false);

        assertThat(store.byEmail("Dup@Example.com")).extracting(PardotProspect::id).containsExactly(a.id(), b.id());
    }
}
