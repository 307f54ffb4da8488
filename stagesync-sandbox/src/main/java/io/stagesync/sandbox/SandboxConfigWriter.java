package io.stagesync.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes the sandbox's own config directory: the admin's stage model and mappings copied as they are, and an
 * application.properties that runs every connector against its simulator, the admin API on the sandbox port
 * and the state in embedded H2 under the sandbox's data directory.
 */
public final class SandboxConfigWriter {
    /** The environment name the generated admin token is read from ({@code ${env:...}}). */
    static final String TOKEN_ENV = "STAGESYNC_SANDBOX_ADMIN_TOKEN";
    /** The NetSuite item the simulated sales orders carry. */
    static final String SALES_ORDER_ITEM_ID = "42";

    private SandboxConfigWriter() {
    }

    /**
     * @return the written config directory ({@code dataDir/config})
     * @throws IOException when the admin's config cannot be read or the data directory not written
     */
    static Path write(SandboxOptions options, List<SimulatedSystem> systems) throws IOException {
        return write(options, systems, Map.of());
    }

    /** As {@link #write(SandboxOptions, List)}, with {@code extra} lines (e.g. Change Data Capture's). */
    static Path write(SandboxOptions options, List<SimulatedSystem> systems, Map<String, String> extra)
            throws IOException {
        Map<String, String> lines = properties(options, systems);
        lines.putAll(extra);
        return write(options.configDir(), options.dataDir(), lines);
    }

    /**
     * Writes {@code dataDir/config}: the stage model and mappings of {@code source} copied as they are, and an
     * application.properties holding exactly {@code properties} (e.g. a benchmark's own settings and
     * {@link SandboxWorld#connectorProperties}).
     *
     * @return the written config directory
     * @throws IOException when {@code source} has no stage-model.yaml and mappings/, or the data directory cannot
     *                     be written
     */
    public static Path write(Path source, Path dataDir, Map<String, String> properties) throws IOException {
        Path model = source.resolve("stage-model.yaml");
        Path mappings = source.resolve("mappings");
        if (!Files.isRegularFile(model) || !Files.isDirectory(mappings)) {
            throw new IOException("the sandbox reads the stage model and mappings from " + source.toAbsolutePath()
                    + ", which has no stage-model.yaml and mappings/ (run it from the stagesync directory or pass "
                    + "--config DIR)");
        }
        Path config = Files.createDirectories(dataDir.resolve("config"));
        Files.copy(model, config.resolve("stage-model.yaml"));
        Path copied = Files.createDirectories(config.resolve("mappings"));
        try (Stream<Path> files = Files.list(mappings)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Files.copy(file, copied.resolve(file.getFileName()));
            }
        }
        StringBuilder text = new StringBuilder("# Written by stagesync: every connector runs against its "
                + "in-process simulator.\n");
        new TreeMap<>(properties).forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        Files.writeString(config.resolve("application.properties"), text.toString());
        return config;
    }

    private static Map<String, String> properties(SandboxOptions options, List<SimulatedSystem> systems) {
        Map<String, String> lines = new TreeMap<>();
        lines.put("stagesync.data-dir", options.dataDir().resolve("state").toAbsolutePath().toString());
        lines.put("stagesync.store.jdbc-url", "");
        lines.put("stagesync.connectors", String.join(",", systems.stream().map(SimulatedSystem::system).toList()));
        lines.put("stagesync.sync.poll-seconds", String.valueOf(options.pollSeconds()));
        lines.put("stagesync.sync.sales-order-item-id", SALES_ORDER_ITEM_ID);
        lines.put("stagesync.heartbeat.period-seconds", "60");
        lines.put("stagesync.admin.enabled", "true");
        lines.put("stagesync.admin.host", "127.0.0.1");
        lines.put("stagesync.admin.port", String.valueOf(options.port()));
        lines.put("stagesync.admin.token", "${env:" + TOKEN_ENV + "}");
        systems.forEach(system -> lines.putAll(system.connectorProperties()));
        return lines;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
