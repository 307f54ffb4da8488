package io.stagesync.store.jdbc;

import static io.stagesync.store.StageHistoryEntry.Outcome.ACCEPTED;
import static io.stagesync.store.StageHistoryEntry.Outcome.REFUSED_NOT_ALLOWED;
import static io.stagesync.store.StageHistoryEntry.Outcome.REFUSED_VIOLATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stagesync.store.HistoryQuery;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryEntry.Outcome;
import io.stagesync.store.StageHistoryStore;

/** Contract of {@link StageHistoryStore}, run against each database. */
public interface StageHistoryStoreContract extends StoreFixture {

    private StageHistoryStore history() {
        return store().stageHistory();
    }

    private static StageHistoryEntry entry(String record, String from, String to, Outcome outcome, List<String> rules,
                                           Instant at) {
        return new StageHistoryEntry(0, record, "person", from, to, outcome, outcome == ACCEPTED ? null : "hold",
                "salesforce", from == null ? List.of() : List.of(from, to), rules, List.of("because " + rules), at);
    }

    private List<Long> ids(HistoryQuery query) {
        return history().query(query).stream().map(StageHistoryEntry::id).toList();
    }

    @Test
    default void appendedEntriesComeBackWholeAndOldestFirst() {
        StageHistoryEntry later = history().append(new StageHistoryEntry(0, "p-1", "person", "MQL", "SQL",
                REFUSED_VIOLATED, "hold", "eloqua", List.of("MQL", "SAL", "SQL"), List.of("score-50", "has-company"),
                List.of("score 42 < 50", "company is blank"), T0.plusSeconds(60).plusNanos(1_234_567)));
        StageHistoryEntry first = history().append(entry("p-1", null, "LEAD", ACCEPTED, List.of(), T0));
        history().append(entry("p-2", null, "LEAD", ACCEPTED, List.of(), T0));

        assertThat(later.id()).isPositive();
        assertThat(first.id()).isGreaterThan(later.id());
        assertThat(later.occurredAt()).isEqualTo(T0.plusSeconds(60).plusNanos(1_234_000));
        assertThat(history().forRecord("p-1")).containsExactly(first, later);
        assertThat(first.fromStage()).isNull();
        assertThat(first.path()).isEmpty();
        assertThat(history().forRecord("p-3")).isEmpty();
    }

    @Test
    default void ruleFilterMatchesWholeRuleIdsOnly() {
        long exact = history().append(entry("p-1", "MQL", "SQL", ACCEPTED, List.of("lead-score"), T0)).id();
        long second = history().append(entry("p-2", "MQL", "SQL", ACCEPTED, List.of("x", "lead-score"), T0)).id();
        history().append(entry("p-3", "MQL", "SQL", ACCEPTED, List.of("lead-score-min"), T0));
        history().append(entry("p-4", "MQL", "SQL", ACCEPTED, List.of("min-lead-score"), T0));
        history().append(entry("p-5", "MQL", "SQL", ACCEPTED, List.of("a\"lead-score", "lead-score\","), T0));
        long wild = history().append(entry("p-6", "MQL", "SQL", ACCEPTED, List.of("has_100%"), T0)).id();

        assertThat(ids(HistoryQuery.builder().rule("lead-score").build())).containsExactly(exact, second);
        assertThat(ids(HistoryQuery.builder().rule("lead").build())).isEmpty();
        assertThat(ids(HistoryQuery.builder().rule("has_100%").build())).containsExactly(wild);
        assertThat(ids(HistoryQuery.builder().rule("hasX100%").build())).as("_ is no wildcard").isEmpty();
        assertThat(ids(HistoryQuery.builder().rule("has_1%").build())).as("% is no wildcard").isEmpty();
    }

    @Test
    default void filtersByOutcomeStagesAndSource() {
        long accepted = history().append(entry("p-1", "LEAD", "MQL", ACCEPTED, List.of(), T0)).id();
        long violated = history().append(entry("p-2", "MQL", "SQL", REFUSED_VIOLATED, List.of(), T0)).id();
        long notAllowed = history().append(entry("p-3", "LEAD", "WON", REFUSED_NOT_ALLOWED, List.of(), T0)).id();
        long fromEloqua = history().append(new StageHistoryEntry(0, "p-4", "person", "LEAD", "MQL", ACCEPTED, null,
                "eloqua", List.of(), List.of(), List.of(), T0)).id();

        assertThat(ids(HistoryQuery.builder().outcome(REFUSED_VIOLATED, REFUSED_NOT_ALLOWED).build()))
                .containsExactly(violated, notAllowed);
        assertThat(ids(HistoryQuery.builder().outcome(ACCEPTED).build())).containsExactly(accepted, fromEloqua);
        assertThat(ids(HistoryQuery.builder().toStage("MQL").build())).containsExactly(accepted, fromEloqua);
        assertThat(ids(HistoryQuery.builder().fromStage("LEAD").outcome(ACCEPTED).build()))
                .containsExactly(accepted, fromEloqua);
        assertThat(ids(HistoryQuery.builder().sourceSystem("eloqua").build())).containsExactly(fromEloqua);
        assertThat(ids(HistoryQuery.all())).containsExactly(accepted, violated, notAllowed, fromEloqua);
    }

    @Test
    default void timeWindowIsHalfOpenAndResultsAreOrderedByTime() {
        long third = history().append(entry("p-1", "LEAD", "MQL", ACCEPTED, List.of(), T0.plusSeconds(2))).id();
        long first = history().append(entry("p-2", "LEAD", "MQL", ACCEPTED, List.of(), T0)).id();
        long second = history().append(entry("p-3", "LEAD", "MQL", ACCEPTED, List.of(), T0.plusSeconds(1))).id();

        assertThat(ids(HistoryQuery.builder().since(T0.plusSeconds(1)).until(T0.plusSeconds(2)).build()))
                .containsExactly(second);
        assertThat(ids(HistoryQuery.builder().since(T0).build())).containsExactly(first, second, third);
        assertThat(ids(HistoryQuery.builder().until(T0.plusSeconds(2)).build())).containsExactly(first, second);
    }

    @Test
    default void newestFirstOrdersByTimeThenIdDescendingAndLimitKeepsTheNewest() {
        long tiedFirst = history().append(entry("p-1", "MQL", "SAL", REFUSED_VIOLATED, List.of("sal-owner"),
                T0.plusSeconds(5))).id();
        long oldest = history().append(entry("p-2", "MQL", "SAL", REFUSED_VIOLATED, List.of("sal-owner"), T0)).id();
        long tiedSecond = history().append(entry("p-3", "MQL", "SAL", REFUSED_VIOLATED, List.of("sal-owner"),
                T0.plusSeconds(5))).id();
        history().append(entry("p-4", "LEAD", "MQL", ACCEPTED, List.of(), T0.plusSeconds(9)));

        HistoryQuery.Builder refused = HistoryQuery.builder().outcome(REFUSED_VIOLATED).newestFirst(true);
        assertThat(ids(refused.build())).containsExactly(tiedSecond, tiedFirst, oldest);
        assertThat(ids(refused.limit(2).build())).containsExactly(tiedSecond, tiedFirst);
        assertThat(ids(refused.limit(10).until(T0.plusSeconds(5)).build())).containsExactly(oldest);
        assertThat(HistoryQuery.all().newestFirst()).isFalse();
    }

    @Test
    default void limitKeepsTheOldestEntries() {
        for (int i = 0; i < 5; i++) {
            history().append(entry("p-" + i, "LEAD", "MQL", ACCEPTED, List.of(), T0.plusSeconds(i)));
        }

        assertThat(history().query(HistoryQuery.builder().limit(2).build()))
                .extracting(StageHistoryEntry::canonicalId).containsExactly("p-0", "p-1");
        assertThat(HistoryQuery.all().limit()).isEqualTo(500);
        assertThatThrownBy(() -> HistoryQuery.builder().limit(10_001).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000");
    }
}
