package io.stagesync.connector.spi;

import io.stagesync.connector.CampaignCostReader;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.ChangeStream;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.WriteDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connector's {@link SystemConnector#build} gives the engine. Immutable; start with
 * {@link #of(ChangeReader, RecordWriter, WriteDialect)} and add the optional parts with the {@code with…} methods.
 *
 * @param reader        reads the system's changes (polled by the route {@code sync-NAME})
 * @param writer        writes records to the system
 * @param dialect       how the system addresses records and references
 * @param campaignCosts present for a marketing system that reports what its campaigns cost (for campaign ROI);
 *                      present exactly when {@link SystemConnector#readsCampaignCosts()} is true
 * @param describer     present when the system can describe its objects (the start-up stage value check)
 * @param stream        present when the system pushes the changes of some objects (configured), which are then
 *                      streamed instead of polled while their subscription is up
 * @param closeables    closed when the service stops, in order (the connector's clients)
 */
public record ConnectorParts(ChangeReader reader, RecordWriter writer, WriteDialect dialect,
                             Optional<CampaignCostReader> campaignCosts, Optional<ObjectDescriber> describer,
                             Optional<ChangeStream> stream, List<AutoCloseable> closeables) {
    public ConnectorParts {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(campaignCosts, "campaignCosts");
        Objects.requireNonNull(describer, "describer");
        Objects.requireNonNull(stream, "stream");
        closeables = List.copyOf(closeables);
    }

    /** The parts without a change stream (the form before streams existed, kept for connectors built against it). */
    public ConnectorParts(ChangeReader reader, RecordWriter writer, WriteDialect dialect,
                          Optional<CampaignCostReader> campaignCosts, Optional<ObjectDescriber> describer,
                          List<AutoCloseable> closeables) {
        this(reader, writer, dialect, campaignCosts, describer, Optional.empty(), closeables);
    }

    /** A reader, a writer and a dialect; nothing else. */
    public static ConnectorParts of(ChangeReader reader, RecordWriter writer, WriteDialect dialect) {
        return new ConnectorParts(reader, writer, dialect, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of());
    }

    /** These parts with a campaign cost reader. */
    public ConnectorParts withCampaignCosts(CampaignCostReader costs) {
        return new ConnectorParts(reader, writer, dialect, Optional.of(costs), describer, stream, closeables);
    }

    /** These parts with an object describer. */
    public ConnectorParts withDescriber(ObjectDescriber objects) {
        return new ConnectorParts(reader, writer, dialect, campaignCosts, Optional.of(objects), stream, closeables);
    }

    /** These parts with a change stream; it is closed when the service begins to stop, before the routes stop. */
    public ConnectorParts withStream(ChangeStream changes) {
        return new ConnectorParts(reader, writer, dialect, campaignCosts, describer, Optional.of(changes), closeables);
    }

    /** These parts, closing {@code closeable} too when the service stops (after those added before). */
    public ConnectorParts closing(AutoCloseable closeable) {
        List<AutoCloseable> all = new ArrayList<>(closeables);
        all.add(Objects.requireNonNull(closeable, "closeable"));
        return new ConnectorParts(reader, writer, dialect, campaignCosts, describer, stream, all);
    }
}
