package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.stagesync.store.Watermark;
import io.stagesync.store.WatermarkStore;

/** Contract of {@link WatermarkStore}, run against each database. */
interface WatermarkStoreContract extends StoreFixture {

    private WatermarkStore watermarks() {
        return store().watermarks();
    }

    private static Watermark lead(Instant modstamp, String lastId) {
        return new Watermark("salesforce", "Lead", modstamp, lastId);
    }

    @Test
    default void advancesOnlyForward() {
        Instant t1 = T0.plusSeconds(60);
        assertThat(watermarks().get("salesforce", "Lead")).isEmpty();

        assertThat(watermarks().advance(lead(T0, "00Q5"))).as("first").isTrue();
        assertThat(watermarks().advance(lead(t1, "00Q1"))).as("later modstamp").isTrue();
        assertThat(watermarks().advance(lead(t1, "00Q1"))).as("equal").isFalse();
        assertThat(watermarks().advance(lead(T0, "00Q9"))).as("earlier modstamp").isFalse();
        assertThat(watermarks().advance(lead(t1, "00Q2"))).as("same modstamp, larger id").isTrue();
        assertThat(watermarks().advance(lead(t1, "00Q10"))).as("same modstamp, smaller id").isFalse();

        assertThat(watermarks().get("salesforce", "Lead")).contains(lead(t1, "00Q2"));
    }

    @Test
    default void idsCompareByCodeUnitsWhateverTheDatabaseCollation() {
        watermarks().advance(lead(T0, "a"));

        assertThat(watermarks().advance(lead(T0, "B"))).as("'B' < 'a' in String.compareTo").isFalse();
        assertThat(watermarks().advance(lead(T0, "b"))).isTrue();
    }

    @Test
    default void modstampsAreKeptAtMicroseconds() {
        Instant withNanos = T0.plusNanos(123_456_789);
        watermarks().advance(lead(withNanos, "x"));

        assertThat(watermarks().get("salesforce", "Lead").orElseThrow().modstamp()).isEqualTo(T0.plusNanos(123_456_000));
        assertThat(watermarks().advance(lead(T0.plusNanos(123_456_999), "x"))).as("same micros").isFalse();
    }

    @Test
    default void eachSystemAndObjectTypeHasItsOwnPosition() {
        watermarks().advance(new Watermark("salesforce", "Lead", T0, "L"));
        watermarks().advance(new Watermark("eloqua", "Contact", T0.plusSeconds(5), ""));
        watermarks().advance(new Watermark("salesforce", "Contact", T0.minusSeconds(5), "C"));

        assertThat(watermarks().all()).containsExactly(
                new Watermark("eloqua", "Contact", T0.plusSeconds(5), ""),
                new Watermark("salesforce", "Contact", T0.minusSeconds(5), "C"),
                new Watermark("salesforce", "Lead", T0, "L"));
    }

    @Test
    default void racingAdvancesKeepTheFurthestPosition() throws Exception {
        for (int round = 0; round < 5; round++) {
            String objectType = "Race" + round;
            AtomicInteger next = new AtomicInteger();
            List<Object> results = race(8, () -> watermarks().advance(new Watermark("netsuite", objectType,
                    T0.plus(Duration.ofSeconds(next.incrementAndGet())), "id")));

            assertThat(results).contains(Boolean.TRUE).allSatisfy(r -> assertThat(r).isInstanceOf(Boolean.class));
            assertThat(watermarks().get("netsuite", objectType).orElseThrow().modstamp())
                    .isEqualTo(T0.plusSeconds(8));
        }
    }
}
