package io.stagesync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A canonical record's invariants: canonical fields only, bookkeeping apart and immutable. */
class CanonicalRecordTest {
    private static final SystemObject LEAD = new SystemObject("salesforce", "Lead");

    @Test
    void aFieldNameReservedForBookkeepingIsRefusedNamingIt() {
        assertThatThrownBy(() -> CanonicalRecord.newRecord("p-1", "person", null, Map.of("~seen.salesforce.Lead", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("~seen.salesforce.Lead")
                .hasMessageContaining("reserved");
    }

    @Test
    void fieldsAreNormalisedAndValuesOfOtherTypesRefused() {
        CanonicalRecord row = CanonicalRecord.newRecord("p-1", "person", "MQL", Map.of("score", 72, "name", "Ada"));

        assertThat(row.fields()).containsEntry("score", 72L).containsOnlyKeys("name", "score");
        assertThat(row.bookkeeping()).isEqualTo(Bookkeeping.NONE);
        assertThatThrownBy(() -> CanonicalRecord.newRecord("p-1", "person", null, Map.of("tags", List.of("a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tags");
    }

    @Test
    void copiesKeepWhatTheyDoNotReplace() {
        Bookkeeping kept = Bookkeeping.NONE.withSeenStage(LEAD, "Open");
        CanonicalRecord row = new CanonicalRecord("p-1", "person", "LEAD", Map.of("name", "Ada"), kept, 3,
                Instant.EPOCH);

        assertThat(row.with("MQL", Map.of("name", "Ada L")))
                .returns(kept, CanonicalRecord::bookkeeping).returns(3L, CanonicalRecord::version);
        assertThat(row.with(Bookkeeping.NONE))
                .returns("LEAD", CanonicalRecord::stage).returns(Map.of("name", "Ada"), CanonicalRecord::fields);
    }

    @Test
    void bookkeepingChangesAreCopiesAndAnEmptyObjectStateIsNotKept() {
        Bookkeeping seen = Bookkeeping.NONE.withSeenStage(LEAD, "Open");
        Bookkeeping both = seen.withAppliedFrom(LEAD, Instant.parse("2026-12-01T00:00:00Z"))
                .withWritten(LEAD, Map.of("~stage", "Open"));

        assertThat(seen.appliedFrom(LEAD)).isEmpty();
        assertThat(both.seenStage(LEAD)).contains("Open");
        assertThat(both.written(LEAD)).isEqualTo(Map.of("~stage", "Open"));
        assertThat(Bookkeeping.NONE.withSending(LEAD, List.of()))
                .as("nothing known there is no entry").isEqualTo(Bookkeeping.NONE);
        assertThat(seen.withSeenStage(LEAD, null)).isEqualTo(Bookkeeping.NONE);
    }
}
