package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.stagesync.model.Bookkeeping;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.model.SystemObject;
import io.stagesync.store.RecordStore;
import io.stagesync.store.StaleRecordException;

/** Contract of {@link RecordStore}, run against each database. */
public interface RecordStoreContract extends StoreFixture {

    private RecordStore records() {
        return store().records();
    }

    @Test
    default void fieldsRoundTripThroughJsonWithTheDocumentedTypes() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", "ada@example.com");
        fields.put("score", 72);
        fields.put("employees", 12_000_000_000L);
        fields.put("amount", 1234.5);
        fields.put("budget", true);
        fields.put("closeDate", Instant.parse("2026-04-30T00:00:00Z"));
        fields.put("quote", "say \"hi\" \\ ünïcödé");

        CanonicalRecord saved = records().save(CanonicalRecord.newRecord("p-1", "person", "MQL", fields));
        CanonicalRecord found = records().find("p-1").orElseThrow();

        assertThat(found).isEqualTo(saved);
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.fields()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "email", "ada@example.com", "score", 72L, "employees", 12_000_000_000L, "amount", 1234.5,
                "budget", true, "closeDate", "2026-04-30T00:00:00Z", "quote", "say \"hi\" \\ ünïcödé"));
        assertThat(records().find("p-2")).isEmpty();
    }

    @Test
    default void bookkeepingRoundTripsApartFromTheFields() {
        SystemObject lead = new SystemObject("salesforce", "Lead");
        SystemObject customer = new SystemObject("netsuite", "customer");
        Bookkeeping bookkeeping = Bookkeeping.NONE
                .withFieldChangedAt("score", Instant.parse("2026-11-30T09:15:00.123Z"))
                .withSeenStage(lead, "Working - Contacted")
                .withAppliedFrom(lead, Instant.parse("2026-11-30T09:15:01Z"))
                .withWritten(lead, Map.of("score", "72", "~stage", "Working - Contacted", "~link.pardot", "101"))
                .withSending(customer, List.of(Map.of("name", "Acme Inc"), Map.of("name", "Acme, Inc.", "phone", "")));
        CanonicalRecord v1 = records().save(CanonicalRecord.newRecord("p-1", "person", "SAL", Map.of("score", 72))
                .with(bookkeeping));

        CanonicalRecord found = records().find("p-1").orElseThrow();

        assertThat(found.bookkeeping()).isEqualTo(bookkeeping).isEqualTo(v1.bookkeeping());
        assertThat(found.fields()).as("bookkeeping is not among the fields").isEqualTo(Map.of("score", 72L));
        CanonicalRecord v2 = records().save(found.with(Bookkeeping.NONE.withSeenStage(lead, "Qualified")));
        assertThat(records().find("p-1").orElseThrow().bookkeeping())
                .as("a save replaces the bookkeeping as a whole").isEqualTo(v2.bookkeeping())
                .returns(java.util.Optional.of("Qualified"), b -> b.seenStage(lead))
                .returns(Map.of(), b -> b.written(lead)).returns(List.of(), b -> b.sending(customer));
    }

    @Test
    default void eachSaveIncrementsTheVersion() {
        CanonicalRecord v1 = records().save(CanonicalRecord.newRecord("d-1", "deal", "OPPORTUNITY",
                Map.of("amount", 5000.0)));
        CanonicalRecord v2 = records().save(v1.with("WON", Map.of("amount", 5500.0)));

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.updatedAt()).isAfterOrEqualTo(v1.updatedAt());
        assertThat(records().find("d-1").orElseThrow())
                .returns("WON", CanonicalRecord::stage)
                .returns(Map.of("amount", 5500.0), CanonicalRecord::fields)
                .returns(2L, CanonicalRecord::version);
    }

    @Test
    default void aStaleVersionIsRefused() {
        CanonicalRecord v1 = records().save(CanonicalRecord.newRecord("a-1", "account", null, Map.of()));
        records().save(v1.with("CUSTOMER", Map.of("erpId", "4711")));

        assertThatThrownBy(() -> records().save(v1.with("CHURNED", Map.of())))
                .isInstanceOf(StaleRecordException.class)
                .hasMessageContaining("a-1").hasMessageContaining("version 1").hasMessageContaining("version 2");
        assertThatThrownBy(() -> records().save(CanonicalRecord.newRecord("a-1", "account", null, Map.of())))
                .isInstanceOf(StaleRecordException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> records().save(new CanonicalRecord("ghost", "account", null, Map.of(), Bookkeeping.NONE, 3, T0)))
                .isInstanceOf(StaleRecordException.class).hasMessageContaining("gone");
        assertThat(records().find("a-1").orElseThrow().stage()).isEqualTo("CUSTOMER");
    }

    @Test
    default void ofConcurrentSavesFromOneVersionExactlyOneWins() throws Exception {
        CanonicalRecord v1 = records().save(CanonicalRecord.newRecord("p-9", "person", "LEAD", Map.of()));

        List<Object> results = race(6, () -> records().save(v1.with("MQL", Map.of("score", 60))));

        assertThat(results).filteredOn(CanonicalRecord.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(StaleRecordException.class::isInstance).hasSize(5);
        assertThat(records().find("p-9").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    default void countsRecordsPerStage() {
        records().save(CanonicalRecord.newRecord("p-1", "person", "MQL", Map.of()));
        records().save(CanonicalRecord.newRecord("p-2", "person", "MQL", Map.of()));
        records().save(CanonicalRecord.newRecord("p-3", "person", "SQL", Map.of()));
        records().save(CanonicalRecord.newRecord("p-4", "person", null, Map.of()));
        records().save(CanonicalRecord.newRecord("a-1", "account", "MQL", Map.of()));

        assertThat(records().countByStage("person", "MQL")).isEqualTo(2);
        assertThat(records().countByStage("person", "SQL")).isEqualTo(1);
        assertThat(records().countByStage("person", null)).isEqualTo(1);
        assertThat(records().countByStage("person", "WON")).isZero();
        assertThat(records().countByStage("account", "MQL")).isEqualTo(1);
    }

    @Test
    default void recordsOfATypeComePageByPageWithoutOverlapOrGap() {
        for (String id : List.of("p-3", "p-1", "a-1", "p-2", "p-5", "p-4")) {
            records().save(CanonicalRecord.newRecord(id, id.startsWith("p") ? "person" : "account", null,
                    Map.of("n", id)));
        }

        List<CanonicalRecord> first = records().page("person", null, 2);
        List<CanonicalRecord> second = records().page("person", first.get(1).id(), 2);
        List<CanonicalRecord> third = records().page("person", second.get(1).id(), 2);

        assertThat(first).extracting(CanonicalRecord::id).containsExactly("p-1", "p-2");
        assertThat(second).extracting(CanonicalRecord::id).containsExactly("p-3", "p-4");
        assertThat(third).extracting(CanonicalRecord::id).containsExactly("p-5");
        assertThat(third.get(0).fields()).containsEntry("n", "p-5");
        assertThat(records().page("person", "p-5", 2)).isEmpty();
        assertThat(records().page("deal", null, 10)).isEmpty();
    }
}
