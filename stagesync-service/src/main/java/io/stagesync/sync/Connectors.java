package io.stagesync.sync;

import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.ChangeStream;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.WriteDialect;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The connectors the engine talks to, by system name. Immutable once built. */
public final class Connectors {
    private final Map<String, Connector> bySystem;
    private final Map<String, ChangeStream> streams;

    private Connectors(Map<String, Connector> bySystem, Map<String, ChangeStream> streams) {
        this.bySystem = Map.copyOf(bySystem);
        this.streams = Map.copyOf(streams);
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

    /** The system's change stream, when it streams some objects instead of being polled for them. */
    public Optional<ChangeStream> stream(String system) {
        return Optional.ofNullable(streams.get(system));
    }

    /** Builds a {@link Connectors}. */
    public static final class Builder {
        private final Map<String, Connector> bySystem = new LinkedHashMap<>();
        private final Map<String, ChangeStream> streams = new LinkedHashMap<>();

        public Builder add(String system, ChangeReader reader, RecordWriter writer, WriteDialect dialect) {
            bySystem.put(system, new Connector(reader, writer, dialect));
            return this;
        }

        /** Gives an added system a change stream. */
        public Builder stream(String system, ChangeStream stream) {
            if (!bySystem.containsKey(system)) {
                throw new IllegalArgumentException("add " + system + " before its stream");
            }
            streams.put(system, stream);
            return this;
        }

        public Connectors build() {
            return new Connectors(bySystem, streams);
        }
    }
}
