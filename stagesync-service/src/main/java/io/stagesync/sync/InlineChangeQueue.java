package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import java.util.List;

/**
 * The in-memory {@link ChangeQueue} of one process: a page is applied on the thread that captured it, so the
 * queue holds at most one page per capturing thread and nothing is lost when the process dies (the capture's
 * watermark has not moved). Changes to one canonical record wait for each other through {@link KeyedLocks},
 * taken by {@link Apply} for each record's apply; captures of different systems apply in
 * parallel. Thread-safe.
 */
final class InlineChangeQueue implements ChangeQueue {
    private final Apply apply;

    InlineChangeQueue(Apply apply) {
        this.apply = apply;
    }

    @Override
    public PollResult offer(ObjectMapping source, List<SystemRecord> page, Mode mode, long readStart) {
        return apply.page(source, page, mode == Mode.APPLY_ONLY, readStart);
    }
}
