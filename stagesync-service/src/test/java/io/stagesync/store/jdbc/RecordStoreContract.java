package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.stagesync.store.CanonicalRecordRow;
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

        CanonicalRecordRow saved = records().save(CanonicalRecordRow.newRecord("p-1", "person", "MQL", fields));
        CanonicalRecordRow found = records().find("p-1").orElseThrow();

        assertThat(found).isEqualTo(saved);
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.fields()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "email", "ada@example.com", "score", 72L, "employees", 12_000_000_000L, "amount", 1234.5,
                "budget", true, "closeDate", "2026-04-30T00:00:00Z", "quote", "say \"hi\" \\ ünïcödé"));
        assertThat(records().find("p-2")).isEmpty();
    }

    @Test
    default void eachSaveIncrementsTheVersion() {
        CanonicalRecordRow v1 = records().save(CanonicalRecordRow.newRecord("d-1", "deal", "OPPORTUNITY",
                Map.of("amount", 5000.0)));
        CanonicalRecordRow v2 = records().save(v1.with("WON", Map.of("amount", 5500.0)));

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.updatedAt()).isAfterOrEqualTo(v1.updatedAt());
        assertThat(records().find("d-1").orElseThrow())
                .returns("WON", CanonicalRecordRow::stage)
                .returns(Map.of("amount", 5500.0), CanonicalRecordRow::fields)
                .returns(2L, CanonicalRecordRow::version);
    }

    @Test
    default void aStaleVersionIsRefused() {
        CanonicalRecordRow v1 = records().save(CanonicalRecordRow.newRecord("a-1", "account", null, Map.of()));
        records().save(v1.with("CUSTOMER", Map.of("erpId", "4711")));

        assertThatThrownBy(() -> records().save(v1.with("CHURNED", Map.of())))
                .isInstanceOf(StaleRecordException.class)
                .hasMessageContaining("a-1").hasMessageContaining("version 1").hasMessageContaining("version 2");
        assertThatThrownBy(() -> records().save(CanonicalRecordRow.newRecord("a-1", "account", null, Map.of())))
                .isInstanceOf(StaleRecordException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> records().save(new CanonicalRecordRow("ghost", "account", null, Map.of(), 3, T0)))
                .isInstanceOf(StaleRecordException.class).hasMessageContaining("gone");
        assertThat(records().find("a-1").orElseThrow().stage()).isEqualTo("CUSTOMER");
    }

    @Test
    default void ofConcurrentSavesFromOneVersionExactlyOneWins() throws Exception {
        CanonicalRecordRow v1 = records().save(CanonicalRecordRow.newRecord("p-9", "person", "LEAD", Map.of()));

        List<Object> results = race(6, () -> records().save(v1.with("MQL", Map.of("score", 60))));

        assertThat(results).filteredOn(CanonicalRecordRow.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(StaleRecordException.class::isInstance).hasSize(5);
        assertThat(records().find("p-9").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    default void countsRecordsPerStage() {
        records().save(CanonicalRecordRow.newRecord("p-1", "person", "MQL", Map.of()));
        records().save(CanonicalRecordRow.newRecord("p-2", "person", "MQL", Map.of()));
        records().save(CanonicalRecordRow.newRecord("p-3", "person", "SQL", Map.of()));
        records().save(CanonicalRecordRow.newRecord("p-4", "person", null, Map.of()));
        records().save(CanonicalRecordRow.newRecord("a-1", "account", "MQL", Map.of()));

        assertThat(records().countByStage("person", "MQL")).isEqualTo(2);
        assertThat(records().countByStage("person", "SQL")).isEqualTo(1);
        assertThat(records().countByStage("person", null)).isEqualTo(1);
        assertThat(records().countByStage("person", "WON")).isZero();
        assertThat(records().countByStage("account", "MQL")).isEqualTo(1);
    }

    @Test
    default void recordsOfATypeComePageByPageWithoutOverlapOrGap() {
        for (String id : List.of("p-3", "p-1", "a-1", "p-2", "p-5", "p-4")) {
            records().save(CanonicalRecordRow.newRecord(id, id.startsWith("p") ? "person" : "account", null,
                    Map.of("n", id)));
        }

        List<CanonicalRecordRow> first = records().page("person", null, 2);
        List<CanonicalRecordRow> second = records().page("person", first.get(1).id(), 2);
        List<CanonicalRecordRow> third = records().page("person", second.get(1).id(), 2);

        assertThat(first).extracting(CanonicalRecordRow::id).containsExactly("p-1", "p-2");
        assertThat(second).extracting(CanonicalRecordRow::id).containsExactly("p-3", "p-4");
        assertThat(third).extracting(CanonicalRecordRow::id).containsExactly("p-5");
        assertThat(third.get(0).fields()).containsEntry("n", "p-5");
        assertThat(records().page("person", "p-5", 2)).isEmpty();
        assertThat(records().page("deal", null, 10)).isEmpty();
    }
}
