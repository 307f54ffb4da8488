package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.model.Bookkeeping;
import io.stagesync.model.SystemObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical_record.fields column: fields and bookkeeping in one JSON object, as {@link StoredRecordJson} says. */
class StoredRecordJsonTest {
    private static final SystemObject CONTACT = new SystemObject("salesforce", "Contact");
    private static final SystemObject PROSPECT = new SystemObject("pardot", "prospect");

    @Test
    void aRowWrittenWithBookkeepingAmongTheFieldsLoadsWithItsBookkeepingApart() {
        // the layout every earlier version wrote: no migration is needed
        String legacy = "{\"email\":\"ada@example.com\",\"score\":72,"
                + "\"~ts.score\":\"2026-11-30T09:15:00Z\","
                + "\"~seen.salesforce.Contact\":\"Working\","
                + "\"~applied.salesforce.Contact\":\"2026-11-30T09:15:01Z\","
                + "\"~written.salesforce.Contact\":\"{\\\"email\\\":\\\"ada@example.com\\\",\\\"~stage\\\":\\\"Working\\\"}\","
                + "\"~sending.pardot.prospect\":\"[{\\\"score\\\":\\\"72\\\"}]\"}";

        StoredRecordJson.Parts parts = StoredRecordJson.read(legacy);

        assertThat(parts.fields()).isEqualTo(Map.of("email", "ada@example.com", "score", 72L));
        assertThat(parts.bookkeeping().fieldChangedAt("score")).contains(Instant.parse("2026-11-30T09:15:00Z"));
        assertThat(parts.bookkeeping().seenStage(CONTACT)).contains("Working");
        assertThat(parts.bookkeeping().appliedFrom(CONTACT)).contains(Instant.parse("2026-11-30T09:15:01Z"));
        assertThat(parts.bookkeeping().written(CONTACT))
                .isEqualTo(Map.of("email", "ada@example.com", "~stage", "Working"));
        assertThat(parts.bookkeeping().sending(PROSPECT)).containsExactly(Map.of("score", "72"));
        assertThat(parts.bookkeeping().objects()).containsOnlyKeys(CONTACT, PROSPECT);
    }

    @Test
    void whatIsWrittenReadsBackEqual() {
        Bookkeeping bookkeeping = Bookkeeping.NONE.withFieldChangedAt("name", Instant.parse("2026-12-01T08:00:00.5Z"))
                .withWritten(new SystemObject("netsuite", "customer.sub"), Map.of("name", "Acme", "phone", ""))
                .withSending(CONTACT, List.of(Map.of("name", "Acme"), Map.of("name", "Acme Inc")))
                .withSeenStage(PROSPECT, "MQL");
        Map<String, Object> fields = Map.of("name", "Acme", "amount", 1234.5, "active", true);

        StoredRecordJson.Parts parts = StoredRecordJson.read(StoredRecordJson.write(fields, bookkeeping));

        assertThat(parts.fields()).isEqualTo(fields);
        assertThat(parts.bookkeeping()).as("an object name may hold a dot").isEqualTo(bookkeeping);
    }

    @Test
    void entriesNotUnderstoodReadAsAbsentAndAreWrittenBackAsTheyWere() {
        String stored = "{\"name\":\"Acme\","
                + "\"~written.salesforce.Contact\":\"{not json\","
                + "\"~ts.score\":\"yesterday\","
                + "\"~applied.salesforce.Contact\":null,"
                + "\"~seen.nodot\":\"Open\","
                + "\"~later.salesforce.Contact\":\"x\","
                + "\"~seen.pardot.prospect\":\"MQL\"}";

        StoredRecordJson.Parts parts = StoredRecordJson.read(stored);

        assertThat(parts.fields()).isEqualTo(Map.of("name", "Acme"));
        assertThat(parts.bookkeeping().written(CONTACT)).as("the next write then carries every entry").isEmpty();
        assertThat(parts.bookkeeping().fieldChangedAt("score")).isEmpty();
        assertThat(parts.bookkeeping().appliedFrom(CONTACT)).isEmpty();
        assertThat(parts.bookkeeping().seenStage(PROSPECT)).as("what is understood is read").contains("MQL");
        assertThat(parts.bookkeeping().unread()).containsOnlyKeys("~written.salesforce.Contact", "~ts.score",
                "~applied.salesforce.Contact", "~seen.nodot", "~later.salesforce.Contact");
        StoredRecordJson.Parts again = StoredRecordJson.read(StoredRecordJson.write(parts.fields(), parts.bookkeeping()));
        assertThat(again).as("a save loses none of them").isEqualTo(parts);
        StoredRecordJson.Parts rewritten = StoredRecordJson.read(StoredRecordJson.write(parts.fields(),
                parts.bookkeeping().withWritten(CONTACT, Map.of("name", "Acme"))));
        assertThat(rewritten.bookkeeping().written(CONTACT)).as("a new value replaces the unreadable one")
                .isEqualTo(Map.of("name", "Acme"));
        assertThat(rewritten.bookkeeping().unread()).doesNotContainKey("~written.salesforce.Contact");
    }
}
