package io.stagesync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the story on a daemon thread, one step per tick. A step that is not ready (its record has not been
 * synced yet) is tried again on the next ticks, up to {@link #MAX_TRIES} times, then skipped with a log line;
 * steps keep their order. After the last round the player is done and the application keeps running.
 */
public final class ScriptPlayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptPlayer.class);
    /** How many ticks a step may wait for what it acts on. */
    static final int MAX_TRIES = 30;

    /** The story as rounds of steps; round numbers start at 0. */
    public interface Story {
        List<ScriptStep> round(int round);
    }

    /** How long the story waits for the sync to be ready before it starts anyway. */
    static final long READY_TIMEOUT_MILLIS = 300_000;

    private final Story story;
    private final java.util.function.BooleanSupplier ready;
    private final long stepMillis;
    private final int rounds;
    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<String> played = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * @param ready  true once the story may start (the sync has captured every system), checked every 200 ms
     * @param rounds how many rounds to play; 0 = until closed
     */
    public ScriptPlayer(Story story, java.util.function.BooleanSupplier ready, long stepMillis, int rounds) {
        this.story = story;
        this.ready = ready;
        this.stepMillis = stepMillis;
        this.rounds = rounds;
        this.thread = new Thread(this::play, "sandbox-story");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void play() {
        try {
            if (!awaitReady()) {
                return;
            }
            for (int round = 0; !stopped && (rounds == 0 || round < rounds); round++) {
                List<ScriptStep> steps = story.round(round);
                if (steps.isEmpty()) {
                    LOG.info("sandbox story: the sample company has no one left for round {}; the story ends", round);
                    return;
                }
                for (ScriptStep step : steps) {
                    if (stopped || !perform(step)) {
                        return;
                    }
                }
            }
            LOG.info("sandbox story: done ({} steps played, {} skipped); the sync keeps running", playedCount(),
                    skippedCount());
        } catch (RuntimeException e) {
            LOG.error("sandbox story stopped: a step failed", e);
        } finally {
            done.countDown();
        }
    }

    /** @return false when the player was stopped while waiting */
    private boolean awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT_MILLIS * 1_000_000;
        boolean logged = false;
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                LOG.warn("sandbox story: the sync is still not ready after {} s; starting the story anyway",
                        READY_TIMEOUT_MILLIS / 1000);
                return true;
            }
            if (!logged) {
                LOG.info("sandbox story: waiting until stagesync has read every system once");
                logged = true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (stopped) {
                return false;
            }
        }
        return true;
    }

    /** @return false when the player was stopped while waiting */
    private boolean perform(ScriptStep step) {
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            if (!pause()) {
                return false;
            }
            if (step.action().getAsBoolean()) {
                LOG.info("sandbox story: {}", step.description());
                synchronized (played) {
                    played.add(step.description());
                }
                return true;
            }
        }
        LOG.warn("sandbox story: skipped, what it acts on never synced: {}", step.description());
        synchronized (skipped) {
            skipped.add(step.description());
        }
        return true;
    }

    private boolean pause() {
        try {
            Thread.sleep(stepMillis);
            return !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until every round has been played (or the player stopped). */
    public boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    /** The descriptions of the steps played, in order. */
    public List<String> played() {
        synchronized (played) {
            return List.copyOf(played);
        }
    }

    /** The descriptions of the steps skipped because what they act on never synced. */
    public List<String> skipped() {
        synchronized (skipped) {
            return List.copyOf(skipped);
        }
    }

    private int playedCount() {
        return played().size();
    }

    private int skippedCount() {
        return skipped().size();
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
