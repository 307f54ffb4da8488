package io.stagesync.store;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.stagesync.store.StageHistoryEntry.Outcome;

/**
 * Filters for {@link StageHistoryStore#query}; every filter is optional and they combine with AND.
 * Build with {@link #builder()}; {@link #all()} matches everything (up to the default limit).
 *
 * @param outcomes     entries with one of these outcomes; empty = any; unmodifiable
 * @param rule         nullable: entries whose rules contain exactly this rule id (not a prefix or substring)
 * @param fromStage    nullable: entries from this stage
 * @param toStage      nullable: entries to this stage
 * @param sourceSystem nullable: entries caused by this system
 * @param since        nullable: entries with occurredAt &gt;= since
 * @param until        nullable: entries with occurredAt &lt; until
 * @param limit        at most this many entries, 1..{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}
 * @param newestFirst  order (and so limit) by occurredAt then id descending: the newest {@code limit} entries;
 *                     false (the default) = ascending, the oldest
 */
public record HistoryQuery(Set<Outcome> outcomes, String rule, String fromStage, String toStage,
                           String sourceSystem, Instant since, Instant until, int limit, boolean newestFirst) {

    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 10_000;

    public HistoryQuery {
        outcomes = Set.copyOf(outcomes);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
        }
    }

    /** No filters, the default limit. */
    public static HistoryQuery all() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable, single-threaded builder; each setter replaces the previous value. */
    public static final class Builder {
        private final Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        private String rule;
        private String fromStage;
        private String toStage;
        private String sourceSystem;
        private Instant since;
        private Instant until;
        private int limit = DEFAULT_LIMIT;
        private boolean newestFirst;

        private Builder() {
        }

        /** Adds outcomes to the accepted set (the set starts empty = any outcome). */
        public Builder outcome(Outcome... accepted) {
            for (Outcome outcome : accepted) {
                outcomes.add(Objects.requireNonNull(outcome, "outcome"));
            }
            return this;
        }

        public Builder rule(String ruleId) {
            this.rule = ruleId;
            return this;
        }

        public Builder fromStage(String stage) {
            this.fromStage = stage;
            return this;
        }

        public Builder toStage(String stage) {
            this.toStage = stage;
            return this;
        }

        public Builder sourceSystem(String system) {
            this.sourceSystem = system;
            return this;
        }

        /** Inclusive lower bound. */
        public Builder since(Instant from) {
            this.since = from;
            return this;
        }

        /** Exclusive upper bound. */
        public Builder until(Instant to) {
            this.until = to;
            return this;
        }

        public Builder limit(int max) {
            this.limit = max;
            return this;
        }

        /** Newest entries first (the limit then keeps the newest); the default is oldest first. */
        public Builder newestFirst(boolean newest) {
            this.newestFirst = newest;
            return this;
        }

        public HistoryQuery build() {
            return new HistoryQuery(outcomes, rule, fromStage, toStage, sourceSystem, since, until, limit,
                    newestFirst);
        }
    }
}
