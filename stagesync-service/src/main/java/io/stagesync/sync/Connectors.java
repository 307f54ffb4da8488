package io.stagesync.sync;

import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.WriteDialect;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The connectors the engine talks to, by system name. Immutable once built. */
public final class Connectors {
    private final Map<String, Connector> bySystem;

    private Connectors(Map<String, Connector> bySystem) {
        this.bySystem = Map.copyOf(bySystem);
    }

    /** One system's reader, writer and write conventions. */
    public record Connector(ChangeReader reader, RecordWriter writer, WriteDialect dialect) {
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Connector> get(String system) {
        return Optional.ofNullable(bySystem.get(system));
    }

    public Set<String> systems() {
        return bySystem.keySet();
    }

    /** Builds a {@link Connectors}. */
    public static final class Builder {
        private final Map<String, Connector> bySystem = new LinkedHashMap<>();

        public Builder add(String system, ChangeReader reader, RecordWriter writer, WriteDialect dialect) {
            bySystem.put(system, new Connector(reader, writer, dialect));
            return this;
        }

        public Connectors build() {
            return new Connectors(bySystem);
        }
    }
}
