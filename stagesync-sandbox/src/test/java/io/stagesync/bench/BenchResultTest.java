package io.stagesync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The RESULT line and the arithmetic behind it. */
class BenchResultTest {
    private static final BenchResult.Leg ACCOUNTS = new BenchResult.Leg("accounts->customers", 1000, 20.0, 100.0,
            "NetSuite", 100, 20.0);
    private static final BenchResult.Leg PROSPECTS = new BenchResult.Leg("prospects->leads", 1000, 10.0, 100.0,
            "Pardot", 100, 25.0);

    @Test
    void aBulkMayTakeThreeTimesItsSlowestLegAtTheLimitAndAtLeastTheLeastGiven() {
        java.time.Duration hour = java.time.Duration.ofMinutes(60);
        assertThat(BenchResult.bulkTimeout(100_000, 20.0, hour)).as("N = 100,000 at Pardot's 20/s: 5,000 s x 3")
                .isEqualTo(java.time.Duration.ofSeconds(15_000));
        assertThat(BenchResult.bulkTimeout(10_000, 50.0, hour)).as("600 s at most: the hour stays").isEqualTo(hour);
        assertThat(BenchResult.bulkTimeout(1_000, Double.POSITIVE_INFINITY, hour)).isEqualTo(hour);
    }

    @Test
    void theLimitIsCallsInFlightTimesRecordsPerCallOverLatency() {
        assertThat(BenchResult.limit(10, 1, 100)).isEqualTo(100.0);
        assertThat(BenchResult.limit(25, 200, 100)).isEqualTo(50_000.0);
        assertThat(BenchResult.limit(10, 200, 250)).isEqualTo(8_000.0);
        assertThat(BenchResult.limit(1, 1, 0)).isInfinite();
    }

    @Test
    void aLimitNeedsACallARecordAndNoNegativeLatency() {
        assertThatThrownBy(() -> BenchResult.limit(0, 1, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchResult.limit(1, 0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchResult.limit(1, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLegsRatesAreRecordsOverSecondsAndItsRatiosFollow() {
        assertThat(ACCOUNTS.perSecond()).isEqualTo(50.0);
        assertThat(ACCOUNTS.ratioToLimit()).isEqualTo(0.5);
        assertThat(ACCOUNTS.naivePerSecond()).isEqualTo(5.0);
        assertThat(ACCOUNTS.speedupVsNaive()).isEqualTo(10.0);
        assertThat(PROSPECTS.speedupVsNaive()).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void theBindingLegIsTheFurthestFromItsLimit() {
        assertThat(BenchResult.bindingLeg(List.of(PROSPECTS, ACCOUNTS))).isEqualTo(ACCOUNTS);
    }

    @Test
    void withNoLatencyTheLimitIsInfiniteAndTheSlowerLegBinds() {
        BenchResult.Leg fast = new BenchResult.Leg("a", 5, 1.0, BenchResult.limit(10, 1, 0), "x", 5, 1.0);
        BenchResult.Leg slow = new BenchResult.Leg("b", 5, 2.0, BenchResult.limit(10, 1, 0), "y", 5, 1.0);

        assertThat(slow.ratioToLimit()).isZero();
        assertThat(BenchResult.bindingLeg(List.of(fast, slow))).isEqualTo(slow);
    }

    @Test
    void theResultLineHasEveryFieldInOrderWithDotDecimals() {
        BenchResult result = new BenchResult(1000, ACCOUNTS, List.of(ACCOUNTS, PROSPECTS), 5.5, 42.4, 180.6);

        assertThat(result.resultLine()).isEqualTo("RESULT records=1000 records_per_s=50.0 limit_per_s=100.0 "
                + "ratio_to_limit=0.500 naive_per_s=5.0 speedup_vs_naive=10.00 sf_calls_per_1000=5.50 "
                + "cpu_us_per_record=42 peak_heap_mb=181");
    }

    @Test
    void anInfiniteLimitIsPrintedAsInf() {
        BenchResult.Leg leg = new BenchResult.Leg("a", 5, 1.0, Double.POSITIVE_INFINITY, "x", 5, 2.5);

        assertThat(new BenchResult(5, leg, List.of(leg), 1900, 181_581.4, 51).resultLine())
                .isEqualTo("RESULT records=5 records_per_s=5.0 limit_per_s=inf ratio_to_limit=0.000 naive_per_s=2.0 "
                        + "speedup_vs_naive=2.50 sf_calls_per_1000=1900.00 cpu_us_per_record=181581 peak_heap_mb=51");
    }

    @Test
    void aLegThatTookNoTimeHasNoRate() {
        BenchResult.Leg leg = new BenchResult.Leg("a", 5, 0, 10, "x", 0, 0);

        assertThat(leg.perSecond()).isZero();
        assertThat(leg.speedupVsNaive()).isZero();
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> samples = new java.util.ArrayList<>();
        for (long i = 100; i >= 1; i--) {
            samples.add(i);
        }

        assertThat(Percentiles.of(samples)).isEqualTo(new Percentiles(100, 50, 95, 99, 100));
        assertThat(Percentiles.of(List.of(7L))).isEqualTo(new Percentiles(1, 7, 7, 7, 7));
        assertThat(Percentiles.of(List.of())).isEqualTo(new Percentiles(0, 0, 0, 0, 0));
    }

    @Test
    void aWriteIsAnyCallButAReadAQueryOrALogin() {
        assertThat(Calls.isWrite("PATCH /services/data/v(\\d{2,3}\\.\\d)/composite/sobjects/?")).isTrue();
        assertThat(Calls.isWrite("PUT /services/rest/record/v1/([A-Za-z]+)/eid:(.+)")).isTrue();
        assertThat(Calls.isWrite("POST /services/rest/query/v1/suiteql")).isFalse();
        assertThat(Calls.isWrite("POST /services/oauth2/token")).isFalse();
        assertThat(Calls.isWrite("GET /api/v5/objects/prospects")).isFalse();
    }

    @Test
    void callsBetweenTwoSnapshotsAreTheirDifferenceByRouteAndMethod() {
        Calls calls = Calls.between(
                java.util.Map.of("netsuite", java.util.Map.of("POST /services/rest/query/v1/suiteql", 3L)),
                java.util.Map.of("netsuite", java.util.Map.of("POST /services/rest/query/v1/suiteql", 5L,
                        "PUT /record/eid:(.+)", 4L)));

        assertThat(calls.total("netsuite")).isEqualTo(6);
        assertThat(calls.writes("netsuite")).isEqualTo(4);
        assertThat(calls.byMethod("netsuite")).containsEntry("POST", 2L).containsEntry("PUT", 4L);
    }
}
