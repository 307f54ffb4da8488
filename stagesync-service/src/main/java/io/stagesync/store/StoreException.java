package io.stagesync.store;

/**
 * The state store could not do what was asked: the database is unreachable, a statement failed, or a
 * more specific subclass ({@link XrefConflictException}, {@link StaleRecordException}) applies.
 *
 * <p>Messages name the operation and, where a connection is involved, the JDBC URL with any password
 * removed; they never contain a password.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
