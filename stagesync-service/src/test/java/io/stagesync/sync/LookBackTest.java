package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.ChangePosition;
import io.stagesync.store.Watermark;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where a poll starts: the look-back window behind the watermark, read again until a poll that started at
 * least one window after the watermark was first seen has read it, then the watermark itself until it moves.
 */
class LookBackTest {
    private static final Instant STAMP = Instant.parse("2026-11-20T10:00:07Z");
    private static final Watermark MARK = new Watermark("netsuite", "customer", STAMP, "00000000000000000005");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final LookBack lookBack = new LookBack(new SyncSettings(50, null,
            Map.of("netsuite", Duration.ofSeconds(10))), clock);

    private ChangePosition start() {
        return lookBack.start("netsuite", "customer", Optional.of(MARK));
    }

    /** A poll that starts now, reads, and leaves the watermark at {@code after}. */
    private void poll(Watermark after) {
        Instant started = clock.instant();
        lookBack.polled("netsuite", "customer", started, Optional.of(after));
    }

    @Test
    void aPollStartsOneWindowBehindTheWatermarkWithItsCursor() {
        assertThat(start()).isEqualTo(new ChangePosition(STAMP.minusSeconds(10), MARK.lastId()));
        assertThat(lookBack.start("netsuite", "customer", Optional.empty())).as("never polled: from the beginning")
                .isNull();
        assertThat(lookBack.start("salesforce", "Account", Optional.of(MARK))).as("a system without a window")
                .isEqualTo(new ChangePosition(STAMP, MARK.lastId()));
    }

    @Test
    void aQuietObjectsWindowIsReadAgainUntilAPollOneWindowLaterHasReadItThenNoMore() {
        poll(MARK);
        clock.advance(Duration.ofSeconds(9));
        poll(MARK);
        assertThat(start()).as("less than a window since the watermark was seen").extracting(ChangePosition::modstamp)
                .isEqualTo(STAMP.minusSeconds(10));

        clock.advance(Duration.ofSeconds(1));
        assertThat(start()).as("this poll still reads the window").extracting(ChangePosition::modstamp)
                .isEqualTo(STAMP.minusSeconds(10));
        poll(MARK);

        assertThat(start()).as("settled: every change stamped up to the watermark was visible to that poll")
                .isEqualTo(new ChangePosition(STAMP, MARK.lastId()));
    }

    @Test
    void aWatermarkThatMovedOpensANewWindow() {
        poll(MARK);
        clock.advance(Duration.ofSeconds(30));
        poll(MARK);
        Watermark moved = new Watermark("netsuite", "customer", STAMP.plusSeconds(40), "00000000000000000002");
        poll(moved);

        assertThat(lookBack.start("netsuite", "customer", Optional.of(moved)))
                .isEqualTo(new ChangePosition(STAMP.plusSeconds(30), moved.lastId()));
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
