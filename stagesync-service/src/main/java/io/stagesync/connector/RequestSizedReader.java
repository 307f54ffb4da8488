package io.stagesync.connector;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link ChangeReader} that asks its system for a number of records per call of the system's own
 * (its connector's {@code page-size} setting, e.g. {@code stagesync.pardot.page-size}), whatever
 * page size the engine applies and commits in ({@code stagesync.sync.page-size}): each page the
 * system returns is handed on in slices of the engine's size, each with the position after its last
 * record, so the watermark still advances after every engine page. Thread-safe if the delegate is.
 */
public final class RequestSizedReader implements ChangeReader {
    private final ChangeReader delegate;
    private final int requestSize;
    private final Function<SystemRecord, String> cursorOf;

    /**
     * @param requestSize records to ask the system for per call, at least 1
     * @param cursorOf    the delegate's cursor of a record (the cursor its positions carry for it)
     */
    public RequestSizedReader(ChangeReader delegate, int requestSize, Function<SystemRecord, String> cursorOf) {
        if (requestSize < 1) {
            throw new IllegalArgumentException("requestSize must be at least 1; got " + requestSize);
        }
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.requestSize = requestSize;
        this.cursorOf = Objects.requireNonNull(cursorOf, "cursorOf");
    }

    /** @param pageSize the engine's page size: at most this many records per page handed on, at least 1 */
    @Override
    public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1; got " + pageSize);
        }
        delegate.readChanges(objectType, after, requestSize, (page, end) -> {
            for (int from = 0; from < page.size(); from += pageSize) {
                int to = Math.min(page.size(), from + pageSize);
                List<SystemRecord> slice = page.subList(from, to);
                SystemRecord last = slice.get(slice.size() - 1);
                ChangePosition sliceEnd = to == page.size() ? end : new ChangePosition(last.modstamp(), cursorOf.apply(last));
                if (!consumer.accept(List.copyOf(slice), sliceEnd)) {
                    return false;
                }
            }
            return true;
        });
    }

    /** {@inheritDoc} The delegate's: one record is one request whatever the page size. */
    @Override
    public java.util.Optional<SystemRecord> readRecord(String objectType, String id) {
        return delegate.readRecord(objectType, id);
    }

    /** {@inheritDoc} The delegate's: reads by id are not paged by the engine's size. */
    @Override
    public List<SystemRecord> readRecords(String objectType, java.util.Collection<String> ids) {
        return delegate.readRecords(objectType, ids);
    }

    /** {@inheritDoc} The delegate's. */
    @Override
    public java.util.Map<String, String> mergedInto(String objectType, java.util.Collection<String> ids) {
        return delegate.mergedInto(objectType, ids);
    }
}
