package io.stagesync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * API usage per system: calls counted in the rolling 24 h against a configured allowance, or the usage a system
 * reports (Salesforce), each with remaining and ratio computed by hand in the comments.
 */
class ApiQuotasTest {
    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(String start) {
            now = Instant.parse(start);
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

    @Test
    void callsLeaveTheCountWhenTheirMinuteIsTwentyFourHoursOld() {
        MovableClock clock = new MovableClock("2026-11-20T10:00:30Z");
        RollingDayCounter counter = new RollingDayCounter(clock);
        counter.add();
        counter.add();
        counter.add();                                   // 3 in minute 10:00 of day 1
        clock.advance(Duration.ofHours(12));
        counter.add();                                   // 1 in minute 22:00 of day 1
        clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(counter.inWindow()).as("09:59:30 day 2: both minutes inside").isEqualTo(4);
        clock.advance(Duration.ofMinutes(1));
        assertThat(counter.inWindow()).as("10:00:30 day 2: minute 10:00 of day 1 has left").isEqualTo(1);
        clock.advance(Duration.ofHours(12));
        assertThat(counter.inWindow()).as("22:00:30 day 2: every call has left").isZero();
        counter.add();
        assertThat(counter.inWindow()).as("a slot is reused for the new minute").isEqualTo(1);
    }

    @Test
    void countedSystemsAreShownAgainstTheirAllowanceAndSalesforceByWhatItReports() {
        MovableClock clock = new MovableClock("2026-11-20T10:00:00Z");
        ApiQuotas quotas = new ApiQuotas(clock, Map.of("pardot", 25_000L), java.util.Set.of("salesforce"));
        for (int i = 0; i < 250; i++) {
            quotas.called("pardot");
        }
        quotas.called("netsuite");
        quotas.called("salesforce");
        quotas.called("salesforce");

        // pardot: 250 of 25000 -> remaining 24750, ratio 0.01
        ApiQuota pardot = quotas.quota("pardot");
        assertThat(pardot).returns(ApiQuota.COUNTED, ApiQuota::source).returns(250L, ApiQuota::used)
                .returns(25_000L, ApiQuota::allowed).returns(24_750L, ApiQuota::remaining)
                .returns(0.01, ApiQuota::usedRatio).returns(250L, ApiQuota::callsLast24h);
        // netsuite: no allowance configured -> used 1, nothing else known
        assertThat(quotas.quota("netsuite")).returns(1L, ApiQuota::used).returns(null, ApiQuota::allowed)
                .returns(null, ApiQuota::remaining).returns(null, ApiQuota::usedRatio);
        // salesforce: nothing reported yet, but its calls are counted
        assertThat(quotas.quota("salesforce")).returns(ApiQuota.REPORTED, ApiQuota::source)
                .returns(null, ApiQuota::used).returns(2L, ApiQuota::callsLast24h);

        clock.advance(Duration.ofSeconds(5));
        quotas.reported("salesforce", 14_000, 15_000);
        quotas.reported("salesforce", 15_300, 15_000);
        // the latest reading: 15300 of 15000 -> remaining 0 (not negative), ratio 1.02 (Salesforce lets orgs overshoot)
        assertThat(quotas.quota("salesforce")).returns(15_300L, ApiQuota::used).returns(15_000L, ApiQuota::allowed)
                .returns(0L, ApiQuota::remaining).returns(1.02, ApiQuota::usedRatio)
                .returns(Instant.parse("2026-11-20T10:00:05Z"), ApiQuota::observedAt);
    }
}
