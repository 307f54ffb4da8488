package io.stagesync.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryEntry.Outcome;
import io.stagesync.store.StageHistoryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The metrics facade's counters, the call-counting policy and the stage history feed, without a server. */
class SyncMetricsTest {
    private static final Instant START = Instant.parse("2026-03-10T12:00:00Z");
    private final SyncMetrics metrics = new SyncMetrics(Clock.fixed(START, ZoneOffset.UTC));

    private double counter(String name, String... tags) {
        var counter = metrics.registry().find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void recordsAndPollsAreCountedPerSystemObjectAndOutcome() {
        metrics.recordsSynced("salesforce", "Account", "applied", 3);
        metrics.recordsSynced("salesforce", "Account", "applied", 2);
        metrics.recordsSynced("salesforce", "Account", "echo", 0);
        metrics.poll("salesforce", true);
        metrics.poll("salesforce", false);
        assertThat(counter("stagesync.records.synced", "system", "salesforce", "object", "Account", "outcome", "applied"))
                .isEqualTo(5);
        assertThat(metrics.registry().find("stagesync.records.synced").tags("outcome", "echo").counter()).isNull();
        assertThat(counter("stagesync.polls", "system", "salesforce", "outcome", "failure")).isEqualTo(1);
        assertThat(metrics.scrape()).contains("stagesync_records_synced_total{object=\"Account\",outcome=\"applied\","
                + "system=\"salesforce\"} 5.0");
    }

    @Test
    void everyAttemptThatReachesTheSystemIsCountedOnceRetriesIncluded() {
        // a delegate that retries a retriable failure once, as the Resilience4j policy would
        CallPolicy retryOnce = new CallPolicy() {
            @Override
            public <T> T execute(String operation, Supplier<T> call) {
                try {
                    return call.get();
                } catch (SystemCallException e) {
                    if (!e.retriable()) {
                        throw e;
                    }
                    return call.get();
                }
            }
        };
        MeteredCallPolicy policy = new MeteredCallPolicy("netsuite", retryOnce, metrics);
        AtomicInteger calls = new AtomicInteger();
        String result = policy.execute("suiteql customer", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new SystemCallException("netsuite", "suiteql customer", 429, "CONCURRENCY_LIMIT_EXCEEDED", "busy",
                        null, true, null, null);
            }
            return "page";
        });
        assertThat(result).isEqualTo("page");
        assertThatThrownBy(() -> policy.execute("record customer", () -> {
            throw new SystemCallException("netsuite", "record customer", 400, "INVALID_VALUE", "bad", null, false, null,
                    null);
        })).isInstanceOf(SystemCallException.class);

        assertThat(counter("stagesync.api.calls", "system", "netsuite", "outcome", "retriable_error")).isEqualTo(1);
        assertThat(counter("stagesync.api.calls", "system", "netsuite", "outcome", "success")).isEqualTo(1);
        assertThat(counter("stagesync.api.calls", "system", "netsuite", "outcome", "error")).isEqualTo(1);
    }

    @Test
    void decisionsAreCountedOnceFromTheFeedStartOnIncludingLateCommits() {
        FakeHistory history = new FakeHistory();
        history.append(entry(Outcome.REFUSED_VIOLATED, "hold", List.of("sal-owner"), START.minusSeconds(5)));
        metrics.followStageHistory(history);
        history.append(entry(Outcome.REFUSED_VIOLATED, "hold", List.of("sal-owner", "sal-score-and-company"),
                START.plusSeconds(10)));
        history.append(entry(Outcome.REFUSED_NOT_ALLOWED, "hold", List.of(), START.plusSeconds(20)));
        metrics.scrape();
        metrics.scrape();
        // committed late: its timestamp is before the newest seen, within the look-back window
        history.append(entry(Outcome.ACCEPTED, null, List.of("sal-owner"), START.plusSeconds(15)));
        metrics.scrape();

        assertThat(counter("stagesync.violations", "rule", "sal-owner")).isEqualTo(1);
        assertThat(counter("stagesync.violations", "rule", "sal-score-and-company")).isEqualTo(1);
        assertThat(counter("stagesync.violations", "rule", SyncMetrics.NOT_ALLOWED_RULE, "outcome",
                "REFUSED_NOT_ALLOWED")).isEqualTo(1);
        assertThat(counter("stagesync.stage.decisions", "outcome", "ACCEPTED")).isEqualTo(1);
        assertThat(counter("stagesync.stage.decisions", "outcome", "REFUSED_VIOLATED")).isEqualTo(1);
    }

    @Test
    void breakerStateIsOneForTheCurrentStateOnly() {
        ConnectorRuntime runtime = new ConnectorRuntime() {
            @Override
            public List<String> systems() {
                return List.of("salesforce");
            }

            @Override
            public Instant lastSuccessfulPoll(String system) {
                return Instant.parse("2026-03-10T11:59:00Z");
            }

            @Override
            public String lastError(String system) {
                return null;
            }

            @Override
            public String breakerState(String system) {
                return "OPEN";
            }
        };
        metrics.bindConnectors(runtime);
        String text = metrics.scrape();
        assertThat(text).contains("stagesync_circuit_breaker_state{state=\"OPEN\",system=\"salesforce\"} 1.0")
                .contains("stagesync_circuit_breaker_state{state=\"CLOSED\",system=\"salesforce\"} 0.0")
                .contains("stagesync_last_successful_poll_timestamp_seconds{system=\"salesforce\"} 1.77314394E9");
    }

    private static StageHistoryEntry entry(Outcome outcome, String policy, List<String> rules, Instant at) {
        return new StageHistoryEntry(0, "rec", "person", "MQL", "SAL", outcome, policy, "salesforce",
                List.of("MQL", "SAL"), rules, List.of(), at);
    }

    /** The history store's query contract (since, limit; ordered by occurredAt then id) in memory. */
    private static final class FakeHistory implements StageHistoryStore {
        private final List<StageHistoryEntry> entries = new ArrayList<>();

        @Override
        public synchronized StageHistoryEntry append(StageHistoryEntry entry) {
            StageHistoryEntry stored = entry.withId(entries.size() + 1);
            entries.add(stored);
            return stored;
        }

        @Override
        public List<StageHistoryEntry> forRecord(String canonicalId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized List<StageHistoryEntry> query(HistoryQuery query) {
            return entries.stream().filter(e -> query.since() == null || !e.occurredAt().isBefore(query.since()))
                    .sorted(Comparator.comparing(StageHistoryEntry::occurredAt).thenComparingLong(StageHistoryEntry::id))
                    .limit(query.limit()).toList();
        }
    }
}
