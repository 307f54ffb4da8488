package io.stagesync.app;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StateStore;

/**
 * The one-line status {@code run} logs on every heartbeat: which connectors run, where state
 * lives, how many dead letters wait, and how many writes wait in each system's outbox (only when any do: a
 * count that stays up means that system is failing or slow). Bound as bean {@code syncStatus} for {@code routes/}.
 */
public final class SyncStatus {
    private final StagesyncConfig config;
    private final StateStore store;

    public SyncStatus(StagesyncConfig config, StateStore store) {
        this.config = config;
        this.store = store;
    }

    /** The status line, e.g. {@code idle: no connectors configured; store H2 …; open dead letters: 0}. */
    public String heartbeat() {
        String connectors = config.settings().connectors().isEmpty()
                ? "idle: no connectors configured (set stagesync.connectors)"
                : "connectors: " + String.join(", ", config.settings().connectors());
        java.util.Map<String, Integer> held = store.outbox().counts();
        return connectors + "; store " + store.describe() + "; open dead letters: "
                + store.deadLetters().count(DeadLetter.Status.OPEN)
                + (held.isEmpty() ? "" : "; writes waiting to be sent: " + held.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")));
    }
}
