package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import io.stagesync.testing.MovingClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances on one store ({@link RecentWrites#share}): a change read by one instance and applied by
 * another is corrected for the writes the first made while it read, because the writes and the read's start live
 * in the store, not in one process's memory.
 * (The store stamps writes with the real time, so the test clock starts at the real time too.)
 */
class RecentWritesSharedThroughTheStoreTest {
    private static final String ID = "c-1";
    @TempDir
    Path dir;
    private StateStore store;
    private final MovingClock clock = new MovingClock(Instant.now());
    private final RecentWrites reader = new RecentWrites();
    private final RecentWrites writer = new RecentWrites();
    private final RecentWrites applier = new RecentWrites();

    @BeforeEach
    void open() {
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
        for (RecentWrites instance : new RecentWrites[] {reader, writer, applier}) {
            instance.share(store.recentWrites(), (key, raw) -> key.equals("closeDate") ? Instant.parse(raw.toString())
                    : raw, clock);
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void another_instance_sees_a_write_made_after_the_read_began_with_its_values_read_back_as_canonical() {
        long start = reader.beginRead();
        writer.written(ID, "netsuite", "customer", Map.of("phone", "+1 555 0100", "closeDate", ""),
                written("phone", "+1 555 0199", "closeDate", "2026-12-24T00:00:00Z"));
        reader.endRead(start);

        RecentWrites.Write since = applier.since(ID, "netsuite", "customer", start).orElseThrow();

        assertThat(reader.shared()).isTrue();
        assertThat(since.before()).containsEntry("phone", "+1 555 0100").containsEntry("closeDate", "");
        assertThat(since.written()).containsEntry("phone", "+1 555 0199")
                .containsEntry("closeDate", Instant.parse("2026-12-24T00:00:00Z"));
        assertThat(applier.since(ID, "salesforce", "Account", start)).isEmpty();
        assertThat(applier.since("c-2", "netsuite", "customer", start)).isEmpty();
    }

    @Test
    void a_write_remembered_before_the_read_began_is_not_a_correction_and_later_ones_fold_first_before_last_written() {
        writer.written(ID, "netsuite", "customer", Map.of("phone", "A"), written("phone", "B"));
        long start = reader.beginRead();
        assertThat(applier.since(ID, "netsuite", "customer", start)).isEmpty();

        writer.written(ID, "netsuite", "customer", Map.of("phone", "B"), written("phone", "C"));
        writer.written(ID, "netsuite", "customer", Map.of("phone", "C", "name", "Acme"), written("phone", "D",
                "name", "Acme Ltd"));

        RecentWrites.Write since = applier.since(ID, "netsuite", "customer", start).orElseThrow();
        assertThat(since.before()).isEqualTo(Map.of("phone", "B", "name", "Acme"));
        assertThat(since.written()).isEqualTo(Map.of("phone", "D", "name", "Acme Ltd"));
        assertThat(since.at()).isGreaterThan(start);
        assertThat(applier.now()).isEqualTo(since.at());
    }

    @Test
    void shared_writes_are_forgotten_once_older_than_the_retention_and_kept_until_then() {
        long start = reader.beginRead();
        writer.written(ID, "netsuite", "customer", Map.of("phone", "A"), written("phone", "B"));

        clock.advance(RecentWrites.SHARED_RETENTION.minusMinutes(1));
        reader.beginRead();
        assertThat(applier.since(ID, "netsuite", "customer", start)).isPresent();

        clock.advance(Duration.ofMinutes(2));
        reader.beginRead();
        assertThat(applier.since(ID, "netsuite", "customer", start)).isEmpty();
    }

    private static Map<String, Object> written(Object... entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], entries[i + 1]);
        }
        return map;
    }
}
