package io.stagesync.connector;

import java.util.Map;

/** How one system expects records to be addressed and references to be written. */
public interface WriteDialect {
    /** The key field meaning "the system's own record id" in {@link RecordWriter#upsert} (update by id). */
    String idKeyField();

    /** The value written for a reference to another record (or a list value) of this system. */
    Object reference(String id);

    /** Salesforce: {@code Id}, references as plain ids. */
    WriteDialect SALESFORCE = new WriteDialect() {
        @Override
        public String idKeyField() {
            return "Id";
        }

        @Override
        public Object reference(String id) {
            return id;
        }
    };

    /** NetSuite: {@code id} (PATCH by internal id), references and list values as {@code {"id": "…"}}. */
    WriteDialect NETSUITE = new WriteDialect() {
        @Override
        public String idKeyField() {
            return "id";
        }

        @Override
        public Object reference(String id) {
            return Map.of("id", id);
        }
    };

    /** Account Engagement (Pardot) v5: {@code id} (PATCH by prospect id), plain values. */
    WriteDialect PARDOT = new WriteDialect() {
        @Override
        public String idKeyField() {
            return "id";
        }

        @Override
        public Object reference(String id) {
            return id;
        }
    };

    /** Eloqua: {@code id} (PUT by contact id), plain values. */
    WriteDialect ELOQUA = new WriteDialect() {
        @Override
        public String idKeyField() {
            return "id";
        }

        @Override
        public Object reference(String id) {
            return id;
        }
    };
}
