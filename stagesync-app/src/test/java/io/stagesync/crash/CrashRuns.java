package io.stagesync.crash;

import io.stagesync.testing.TestPostgres;
import java.util.HashMap;
import java.util.Map;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the crash tests share about a run: its directory for a post-mortem, free loopback ports, and the settings of
 * an instance in cluster mode.
 */
final class CrashRuns {
    private CrashRuns() {
    }

    /** target/kill-nine/NAME-SEED, emptied: the run's configs, logs and H2 state stay there for a post-mortem. */
    static Path runDir(String name, long seed) throws IOException {
        Path run = Path.of("target", "kill-nine", name + "-" + seed).toAbsolutePath();
        if (Files.exists(run)) {
            try (Stream<Path> files = Files.walk(run)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(run);
    }

    /** The environment variable the cluster instances' configs read the test PostgreSQL's password from. */
    static final String PG_PASSWORD_ENV = "STAGESYNC_CRASH_TEST_PG_PASSWORD";

    /**
     * The settings of one instance in cluster mode on the test PostgreSQL ({@link TestPostgres}): its data directory
     * under {@code dir}, the store in {@code schema} (password from {@link #PG_PASSWORD_ENV}), its instance id, and
     * the Kafka queue when {@code bootstrap} is not null.
     */
    static Map<String, String> clusterSettings(String name, Path dir, String schema, String bootstrap) {
        Map<String, String> settings = new HashMap<>();
        settings.put("stagesync.data-dir", dir.resolve(name + "-data").toString());
        settings.put("stagesync.store.jdbc-url", TestPostgres.urlFor(schema));
        settings.put("stagesync.store.username", TestPostgres.user());
        if (TestPostgres.password() != null) {
            settings.put("stagesync.store.password", "${env:" + PG_PASSWORD_ENV + "}");
        }
        if (bootstrap != null) {
            settings.put("stagesync.queue", "kafka");
            settings.put("stagesync.queue.kafka.bootstrap-servers", bootstrap);
        }
        settings.put("stagesync.cluster.enabled", "true");
        settings.put("stagesync.cluster.instance-id", name);
        return settings;
    }

    /** A new random admin token (32 hex digits). */
    static String adminToken() {
        byte[] secret = new byte[16];
        new java.security.SecureRandom().nextBytes(secret);
        return java.util.HexFormat.of().formatHex(secret);
    }

    /**
     * The environment of a cluster instance's process: the fakes' secrets, the admin token
     * ({@link VendorFakes#ADMIN_TOKEN_ENV}) and the test PostgreSQL's password ({@link #PG_PASSWORD_ENV}).
     */
    static Map<String, String> clusterEnvironment(VendorFakes fakes, String token) {
        Map<String, String> env = new HashMap<>(fakes.env());
        env.put(VendorFakes.ADMIN_TOKEN_ENV, token);
        if (TestPostgres.password() != null) {
            env.put(PG_PASSWORD_ENV, TestPostgres.password());
        }
        return env;
    }

    /** A loopback port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
