package io.stagesync.sync;

import io.stagesync.connector.ChangePosition;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.store.StateStore;
import io.stagesync.store.Watermark;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a system object's changes page by page and offers each page to the {@link ChangeQueue}; owns the
 * object's watermark, which it moves past a page only after the queue accepted it. Each read starts a look-back
 * window behind the watermark (see {@link LookBack}), so a change that becomes visible with a modstamp the
 * watermark has already passed is read too; what is read again unchanged is dropped as no news by the apply side.
 * A failed read leaves the watermark where it was, so the page is read again next time. Thread-safe: captures of
 * different system objects may run at once.
 */
final class Capture {
    private static final Logger LOG = LoggerFactory.getLogger(Capture.class);

    private final StateStore store;
    private final Connectors connectors;
    private final SyncSettings settings;
    private final LookBack lookBack;
    private final RecentWrites recent;
    private final HandledVersions versions;
    private final ChangeQueue queue;
    private volatile CaptureFence fence = CaptureFence.NONE;

    Capture(StateStore store, Connectors connectors, SyncSettings settings, LookBack lookBack, RecentWrites recent,
            HandledVersions versions, ChangeQueue queue) {
        this.store = store;
        this.connectors = connectors;
        this.settings = settings;
        this.lookBack = lookBack;
        this.recent = recent;
        this.versions = versions;
        this.queue = queue;
    }

    /**
     * Reads the object's changes since its watermark (look-back window included) until none is left, offering
     * each page for apply and write and moving the watermark past it once accepted.
     *
     * @return what the pages' changes became
     * @throws io.stagesync.connector.SystemCallException when a read fails after the resilience policy gave up, or
     *     the queue could not accept a page (the page stays unread as far as the watermark is concerned)
     */
    PollResult poll(ObjectMapping mapping) {
        return poll(mapping, queue);
    }

    /** As {@link #poll(ObjectMapping)}, offering the pages to {@code to} (a streamed object's polls apply inline). */
    PollResult poll(ObjectMapping mapping, ChangeQueue to) {
        Instant started = lookBack.now();
        ChangePosition after = lookBack.start(mapping.system(), mapping.object(),
                store.watermarks().get(mapping.system(), mapping.object()));
        PollResult[] total = {new PollResult(mapping.system(), mapping.object(), 0, 0, 0, 0, 0, 0, 0)};
        long readStart = recent.beginRead();
        try {
            reader(mapping).readChanges(mapping.object(), after, settings.pageSize(), (page, end) -> {
                total[0] = total[0].plus(to.offer(mapping, page, ChangeQueue.Mode.APPLY_AND_WRITE, readStart));
                moveOn(mapping, () -> store.watermarks().advance(new Watermark(mapping.system(), mapping.object(),
                        end.modstamp(), end.cursor())));
                versions.forgetBefore(mapping.system(), mapping.object(),
                        end.modstamp().minus(settings.lookBack(mapping.system())));
                return true;
            });
        } finally {
            recent.endRead(readStart);
        }
        lookBack.polled(mapping.system(), mapping.object(), started,
                store.watermarks().get(mapping.system(), mapping.object()));
        PollResult result = total[0];
        if (result.queued() > 0) {
            LOG.debug("{} {}: read {}, queued for apply {}", mapping.system(), mapping.object(), result.read(),
                    result.queued());
        } else if (result.read() > result.echoes()) {
            LOG.info("{} {}: read {}, applied {}, echoes {}, held {}, dead letters {}, empty stage fields {}",
                    mapping.system(), mapping.object(), result.read(), result.applied(), result.echoes(),
                    result.held(), result.deadLettered(), result.emptyStageFields());
        } else if (result.read() > 0) {
            LOG.debug("{} {}: read {}, nothing new", mapping.system(), mapping.object(), result.read());
        }
        return result;
    }

    /**
     * The initial capture of the object (see {@link SyncEngine#initialCapture()}): reads every record when it
     * was never synced, else its changes since the watermark (look-back window included), and offers them for
     * apply only. Leaves the watermark where it was.
     *
     * @return whether the object had a watermark (it was synced before: this caught up with it)
     * @throws io.stagesync.connector.SystemCallException when a read fails
     */
    boolean catchUp(ObjectMapping mapping) {
        ChangePosition after = lookBack.start(mapping.system(), mapping.object(),
                store.watermarks().get(mapping.system(), mapping.object()));
        long readStart = recent.beginRead();
        try {
            reader(mapping).readChanges(mapping.object(), after, settings.pageSize(), (page, end) -> {
                queue.offer(mapping, page, ChangeQueue.Mode.APPLY_ONLY, readStart);
                return true;
            });
        } finally {
            recent.endRead(readStart);
        }
        return after != null;
    }

    /** Sets the check each move of a watermark or stream position passes first ({@link CaptureFence#NONE}: none). */
    void fence(CaptureFence fence) {
        this.fence = java.util.Objects.requireNonNull(fence, "fence");
    }

    /**
     * Moves the object's watermark or stream position ({@code write}) in one unit of work with the fence's check,
     * so an instance that no longer leads its capture moves nothing.
     */
    void moveOn(ObjectMapping mapping, Runnable write) {
        CaptureFence current = fence;
        store.atomically(() -> {
            current.check(mapping.system());
            write.run();
        });
    }

    private io.stagesync.connector.ChangeReader reader(ObjectMapping mapping) {
        return connectors.get(mapping.system()).orElseThrow().reader();
    }
}
