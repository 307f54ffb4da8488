package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.stagesync.store.XrefConflictException;
import io.stagesync.store.XrefEntry;
import io.stagesync.store.XrefStore;

/** Contract of {@link XrefStore}, run against each database. */
public interface XrefStoreContract extends StoreFixture {

    private XrefStore xrefs() {
        return store().xrefs();
    }

    @Test
    default void linkIsFoundFromBothSides() {
        XrefEntry lead = xrefs().link("c-1", "salesforce", "Lead", "00Q000000000001AAA");
        xrefs().link("c-1", "netsuite", "customer", "4711");

        assertThat(lead.lastWrittenHash()).isNull();
        assertThat(xrefs().findByExternal("salesforce", "Lead", "00Q000000000001AAA")).contains(lead);
        assertThat(xrefs().find("c-1", "salesforce", "Lead")).contains(lead);
        assertThat(xrefs().findByCanonical("c-1")).extracting(XrefEntry::system, XrefEntry::externalId)
                .containsExactly(tuple("netsuite", "4711"),
                        tuple("salesforce", "00Q000000000001AAA"));
        assertThat(xrefs().findByExternal("salesforce", "Contact", "00Q000000000001AAA")).isEmpty();
        assertThat(xrefs().find("c-1", "eloqua", "Contact")).isEmpty();
        assertThat(xrefs().findByCanonical("nobody")).isEmpty();
    }

    @Test
    default void linkingTheSamePairAgainChangesNothing() {
        XrefEntry first = xrefs().link("c-1", "salesforce", "Lead", "L1");
        xrefs().recordWrittenHash("c-1", "salesforce", "Lead", "h1");
        XrefEntry withHash = xrefs().findByExternal("salesforce", "Lead", "L1").orElseThrow();

        XrefEntry again = xrefs().link("c-1", "salesforce", "Lead", "L1");

        assertThat(again).isEqualTo(withHash);
        assertThat(again.updatedAt()).isAfterOrEqualTo(first.updatedAt());
        assertThat(xrefs().findByCanonical("c-1")).hasSize(1);
    }

    @Test
    default void anExternalIdCannotJoinASecondCanonicalRecord() {
        xrefs().link("c-1", "salesforce", "Lead", "L1");

        assertThatThrownBy(() -> xrefs().link("c-2", "salesforce", "Lead", "L1"))
                .isInstanceOf(XrefConflictException.class)
                .hasMessageContaining("c-1").hasMessageContaining("c-2").hasMessageContaining("salesforce/Lead/L1");
        assertThat(xrefs().findByCanonical("c-2")).isEmpty();
    }

    @Test
    default void aCanonicalRecordHasOneIdPerSystemAndObjectType() {
        xrefs().link("c-1", "salesforce", "Lead", "L1");

        assertThatThrownBy(() -> xrefs().link("c-1", "salesforce", "Lead", "L2"))
                .isInstanceOf(XrefConflictException.class)
                .hasMessageContaining("salesforce/Lead/L1").hasMessageContaining("salesforce/Lead/L2");
        assertThat(xrefs().link("c-1", "salesforce", "Contact", "C1").externalId()).isEqualTo("C1");
    }

    @Test
    default void writtenHashIsRememberedPerLink() {
        xrefs().link("c-1", "salesforce", "Lead", "L1");
        xrefs().link("c-1", "eloqua", "Contact", "E1");

        xrefs().recordWrittenHash("c-1", "salesforce", "Lead", "sha256:abc");

        assertThat(xrefs().find("c-1", "salesforce", "Lead").orElseThrow().lastWrittenHash()).isEqualTo("sha256:abc");
        assertThat(xrefs().find("c-1", "eloqua", "Contact").orElseThrow().lastWrittenHash()).isNull();
        xrefs().recordWrittenHash("c-1", "salesforce", "Lead", null);
        assertThat(xrefs().find("c-1", "salesforce", "Lead").orElseThrow().lastWrittenHash()).isNull();
        assertThatThrownBy(() -> xrefs().recordWrittenHash("c-1", "netsuite", "customer", "x"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("c-1")
                .hasMessageContaining("netsuite/customer");
    }

    @Test
    default void resolveOrCreateReusesTheExistingCanonicalId() {
        AtomicInteger supplied = new AtomicInteger();
        String created = xrefs().resolveOrCreate("eloqua", "Contact", "E1", () -> "c-" + supplied.incrementAndGet());
        String again = xrefs().resolveOrCreate("eloqua", "Contact", "E1", () -> "c-" + supplied.incrementAndGet());

        assertThat(created).isEqualTo("c-1");
        assertThat(again).isEqualTo("c-1");
        assertThat(supplied).hasValue(1);
    }

    @Test
    default void concurrentReportsOfOneNewExternalIdYieldOneCanonicalId() throws Exception {
        for (int round = 0; round < 10; round++) {
            String externalId = "00Q-race-" + round;
            List<Object> results = race(8, () -> xrefs().resolveOrCreate("salesforce", "Lead", externalId,
                    () -> UUID.randomUUID().toString()));

            assertThat(results).allSatisfy(result -> assertThat(result).isInstanceOf(String.class));
            assertThat(results).containsOnly(results.get(0));
            String canonicalId = (String) results.get(0);
            assertThat(xrefs().findByCanonical(canonicalId)).singleElement()
                    .extracting(XrefEntry::externalId).isEqualTo(externalId);
        }
    }

    @Test
    default void aDeletedObjectStaysLinkedMarkedWithWhatItWasMergedInto() {
        xrefs().link("c-1", "salesforce", "Account", "001L");
        xrefs().recordWrittenHash("c-1", "salesforce", "Account", "h1");

        XrefEntry marked = xrefs().markDeleted("salesforce", "Account", "001L", "001W").orElseThrow();
        XrefEntry again = xrefs().markDeleted("salesforce", "Account", "001L", null).orElseThrow();

        assertThat(marked.deleted()).isTrue();
        assertThat(marked.mergedInto()).isEqualTo("001W");
        assertThat(marked.lastWrittenHash()).isEqualTo("h1");
        assertThat(again.deletedAt()).isEqualTo(marked.deletedAt());
        assertThat(again.mergedInto()).isEqualTo("001W");
        assertThat(xrefs().find("c-1", "salesforce", "Account")).contains(again);
        assertThat(xrefs().markDeleted("salesforce", "Account", "001-never-linked", null)).isEmpty();
    }

    @Test
    default void restoringClearsTheDeletionMarkOnceAndForgetsTheHash() {
        xrefs().link("c-1", "salesforce", "Lead", "00QL");
        xrefs().recordWrittenHash("c-1", "salesforce", "Lead", "h1");
        xrefs().markDeleted("salesforce", "Lead", "00QL", null);

        assertThat(xrefs().restore("salesforce", "Lead", "00QL")).isTrue();
        assertThat(xrefs().restore("salesforce", "Lead", "00QL")).isFalse();
        XrefEntry restored = xrefs().findByExternal("salesforce", "Lead", "00QL").orElseThrow();
        assertThat(restored.deleted()).isFalse();
        assertThat(restored.mergedInto()).isNull();
        assertThat(restored.lastWrittenHash()).as("written there again as a whole").isNull();
        assertThat(xrefs().restore("salesforce", "Lead", "00Q-never-linked")).isFalse();
    }

    @Test
    default void aLinkMovesToAnotherCanonicalRecordKeepingItsHash() {
        xrefs().link("loser", "netsuite", "customer", "9");
        xrefs().recordWrittenHash("loser", "netsuite", "customer", "h9");

        XrefEntry moved = xrefs().move("loser", "winner", "netsuite", "customer").orElseThrow();

        assertThat(moved.canonicalId()).isEqualTo("winner");
        assertThat(moved.lastWrittenHash()).isEqualTo("h9");
        assertThat(xrefs().find("loser", "netsuite", "customer")).isEmpty();
        assertThat(xrefs().findByExternal("netsuite", "customer", "9")).contains(moved);
        assertThat(xrefs().move("loser", "winner", "netsuite", "customer")).isEmpty();
    }

    @Test
    default void aLinkDoesNotMoveOntoACanonicalRecordLinkedThereAlready() {
        xrefs().link("loser", "netsuite", "customer", "9");
        xrefs().link("winner", "netsuite", "customer", "10");

        assertThatThrownBy(() -> xrefs().move("loser", "winner", "netsuite", "customer"))
                .isInstanceOf(XrefConflictException.class).hasMessageContaining("netsuite/customer/9")
                .hasMessageContaining("netsuite/customer/10");
        assertThat(xrefs().findByExternal("netsuite", "customer", "9").orElseThrow().canonicalId())
                .isEqualTo("loser");
    }
}
