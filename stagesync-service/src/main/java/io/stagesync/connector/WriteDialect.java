package io.stagesync.connector;

import java.util.Map;
import java.util.Objects;

/**
 * How one system expects records to be addressed and references to be written. Each connector owns its dialect
 * (made with one of the factories here); implementations are immutable.
 */
public interface WriteDialect {
    /** The key field meaning "the system's own record id" in {@link RecordWriter#upsert} (update by id). */
    String idKeyField();

    /** The value written for a reference to another record (or a list value) of this system. */
    Object reference(String id);

    /**
     * Records updated by id under {@code idKeyField}; references written as the plain id (e.g. Salesforce's
     * {@code Id}, Pardot's and Eloqua's {@code id}).
     */
    static WriteDialect plainIds(String idKeyField) {
        return dialect(idKeyField, false);
    }

    /**
     * Records updated by id under {@code idKeyField}; references and list values written as {@code {"id": "…"}}
     * (e.g. NetSuite's REST record API).
     */
    static WriteDialect idObjects(String idKeyField) {
        return dialect(idKeyField, true);
    }

    private static WriteDialect dialect(String idKeyField, boolean referenceAsObject) {
        Objects.requireNonNull(idKeyField, "idKeyField");
        return new WriteDialect() {
            @Override
            public String idKeyField() {
                return idKeyField;
            }

            @Override
            public Object reference(String id) {
                return referenceAsObject ? Map.of("id", id) : id;
            }

            @Override
            public String toString() {
                return (referenceAsObject ? "idObjects(" : "plainIds(") + idKeyField + ")";
            }
        };
    }
}
