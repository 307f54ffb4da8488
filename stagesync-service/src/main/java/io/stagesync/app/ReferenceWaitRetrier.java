package io.stagesync.app;

import io.stagesync.admin.DeadLetterActions;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.DeadLetterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Replays, on a timer, the dead letters of writes that waited for a record their target did not have yet
 * ("the customer this record refers to (company, canonical …) is not in netsuite yet"), and of writes that waited
 * for their target's first read ("waiting for the first read of pardot, …") once that read has succeeded. Each system is polled
 * on its own, in no fixed order, so a person changed in Pardot can be planned for NetSuite before the
 * Salesforce poll has put the person's account there; once it has, the replay writes the person. A letter is
 * retried at most {@link #MAX_ATTEMPTS} times in all, then left OPEN for an admin. Every other kind of letter
 * needs a fix first and is left alone. Thread-safe (the store's conditional updates decide races).
 */
public final class ReferenceWaitRetrier {
    /** The planner's wording of a missing reference (WritePlanner). */
    static final Pattern WAITING = Pattern.compile("^the \\S+ this record refers to \\(.*\\) is not in \\S+ yet$");
    /** The wording of a write held back until its target's initial capture succeeds (WriteExecutor). */
    static final Pattern WAITING_FOR_FIRST_READ = Pattern.compile("^waiting for the first read of \\S+, .*");
    /** Attempts after which a waiting letter is left to an admin. */
    static final int MAX_ATTEMPTS = 10;
    private static final int BATCH = 500;

    private final DeadLetterStore letters;
    private final DeadLetterActions actions;
    private final Predicate<String> capturePending;
    private final Predicate<String> writesHere;
    private volatile java.time.Duration interruptedAfter;

    /** A retrier for letters waiting for a referenced record only (no system's capture is ever pending). */
    public ReferenceWaitRetrier(DeadLetterStore letters, DeadLetterActions actions) {
        this(letters, actions, system -> false);
    }

    /**
     * @param capturePending whether a system's initial capture is still pending: letters waiting for a system's
     *                       first read are replayed once it is not (and not counted against the attempts before)
     */
    public ReferenceWaitRetrier(DeadLetterStore letters, DeadLetterActions actions, Predicate<String> capturePending) {
        this(letters, actions, capturePending, system -> true);
    }

    /**
     * @param writesHere whether this instance writes to a system (several instances: only the leader of its capture,
     *                   so a replayed write and the reads of its target are in one process); the letters of other
     *                   targets are left to their leaders
     */
    public ReferenceWaitRetrier(DeadLetterStore letters, DeadLetterActions actions, Predicate<String> capturePending,
                                Predicate<String> writesHere) {
        this.letters = Objects.requireNonNull(letters, "letters");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.capturePending = Objects.requireNonNull(capturePending, "capturePending");
        this.writesHere = Objects.requireNonNull(writesHere, "writesHere");
    }

    /**
     * Replays the waiting letters (oldest of the newest {@value #BATCH} open ones first).
     *
     * @return one line saying what was retried and resolved, for the log; empty when nothing waited
     */
    /**
     * With several instances: each retry first reopens letters left REPLAYING for {@code after} by an instance that
     * died mid-replay, and replays letters reopened that way ("interrupted: …") like waiting ones (a replay takes
     * seconds; nobody else would ever replay them). With one instance its start reopens them and an admin replays them.
     */
    public void reopenInterruptedAfter(java.time.Duration after) {
        this.interruptedAfter = after;
    }

    public String retry() {
        int retried = 0;
        int resolved = 0;
        java.time.Duration reopenAfter = interruptedAfter;
        if (reopenAfter != null) {
            EngineDeadLetterReplayer.reopenInterrupted(letters, reopenAfter, java.time.Clock.systemUTC());
        }
        List<DeadLetter> open = new ArrayList<>(letters.list(DeadLetter.Status.OPEN, BATCH));
        Collections.reverse(open); // the list is newest first; a record's older letter is replayed first
        for (DeadLetter letter : open) {
            if (letter.error() == null || !writesHere.test(letter.system())) {
                continue;
            }
            // a letter waiting for its target's first read is replayed only once that read succeeded, so its
            // attempts (one per change of the record meanwhile) do not count against the cap
            boolean waitsForFirstRead = WAITING_FOR_FIRST_READ.matcher(letter.error()).matches();
            boolean interrupted = reopenAfter != null && letter.error().equals(EngineDeadLetterReplayer.INTERRUPTED);
            if (waitsForFirstRead ? capturePending.test(letter.system())
                    : letter.attempts() >= MAX_ATTEMPTS
                    || !(interrupted || WAITING.matcher(letter.error()).matches())) {
                continue;
            }
            retried++;
            actions.replay(letter.id());
            if (letters.find(letter.id()).map(d -> d.status() == DeadLetter.Status.RESOLVED).orElse(false)) {
                resolved++;
            }
        }
        return retried == 0 ? "" : "retried " + retried + " dead letter(s) that waited for a referenced record; "
                + resolved + " resolved";
    }
}
