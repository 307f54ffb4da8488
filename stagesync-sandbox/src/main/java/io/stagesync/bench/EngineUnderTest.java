package io.stagesync.bench;

import io.stagesync.app.StagesyncApplication;
import io.stagesync.app.SyncPoller;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.sandbox.FirstSyncDone;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import io.stagesync.store.StateStore;

/**
 * The service exactly as {@code run} and {@code sandbox} assemble it ({@link StagesyncApplication}: routes, pollers,
 * connectors, engine), on a thread of its own. Start, wait for its first two polls of every system, stop.
 */
final class EngineUnderTest implements AutoCloseable {
    private final StagesyncApplication app;
    private final Thread runner;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<String> systems;

    EngineUnderTest(StagesyncConfig config, StateStore store, Path routesDir) {
        this.app = new StagesyncApplication(config, store, routesDir);
        this.systems = config.settings().connectors();
        this.runner = new Thread(() -> {
            try {
                app.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "stagesync-bench");
    }

    /** Starts it and returns once every system has been polled twice (its capture, then a first sync). */
    void start(Duration timeout) throws InterruptedException {
        runner.start();
        FirstSyncDone ready = new FirstSyncDone(app, systems);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!runner.isAlive() || System.nanoTime() > deadline) {
                throw new BenchException("the engine did not finish its first polls within " + timeout.toSeconds()
                        + " s" + (failure.get() == null ? "" : ": " + failure.get()), failure.get());
            }
            Thread.sleep(50);
        }
    }

    /** The time of each system's last successful poll (null before its first). */
    Instant lastPoll(String system) {
        SyncPoller poller = app.poller();
        return poller == null ? null : poller.lastSuccess(system);
    }

    List<String> systems() {
        return systems;
    }

    @Override
    public void close() {
        app.stop();
        try {
            runner.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
