package io.stagesync.crash;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the crash tests share about a run: its directory for a post-mortem, and free loopback ports. */
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

    /** A loopback port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
