package io.stagesync.store.jdbc;

import java.sql.SQLException;

import io.stagesync.store.StoreException;

/** A statement violated a unique or primary key (SQLState 23505 on both H2 and PostgreSQL). */
final class DuplicateKeyException extends StoreException {

    DuplicateKeyException(String message, SQLException cause) {
        super(message, cause);
    }
}
