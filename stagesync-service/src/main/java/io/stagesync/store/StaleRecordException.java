package io.stagesync.store;

/**
 * A {@link RecordStore#save} carried a version that is no longer current (someone else saved first),
 * or tried to insert a record that already exists. Retriable: re-read, re-apply the change, save again.
 */
public class StaleRecordException extends StoreException {

    public StaleRecordException(String message) {
        super(message);
    }
}
