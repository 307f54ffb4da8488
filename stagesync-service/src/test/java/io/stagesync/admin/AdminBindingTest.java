package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the admin server listens, and what it does with no token or when disabled. */
class AdminBindingTest {
    @TempDir
    Path dir;

    @Test
    void byDefaultTheServerListensOnLoopbackOnly() throws Exception {
        try (AdminTestBed bed = AdminTestBed.withToken(dir).start()) {
            assertThat(bed.app().adminSettings().host()).isEqualTo("127.0.0.1");
            MainHttpServer server = camel(bed).hasService(MainHttpServer.class);
            assertThat(server).isNotNull();
            assertThat(server.getHost()).isEqualTo("127.0.0.1");
            assertThat(server.getPort()).isEqualTo(bed.port());
            // what the kernel says: every socket listening on the port is bound to 127.0.0.1 (Netty may use a
            // v6 socket with the v4-mapped ::ffff:127.0.0.1), none to 0.0.0.0, :: or an interface address
            List<InetAddress> listening = listeningAddresses(bed.port());
            assertThat(listening).isNotEmpty().allSatisfy(a -> assertThat(a.getHostAddress()).isEqualTo("127.0.0.1"));
        }
    }

    /**
     * The local addresses of the sockets listening on the port, from /proc/net/tcp and /proc/net/tcp6 (hex,
     * each 32-bit word little-endian: 0100007F is 127.0.0.1; a v4-mapped v6 address comes back as the v4 one).
     */
    private static List<InetAddress> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length > 3 && cols[3].equals("0A") && cols[1].endsWith(":" + hexPort)) {
                    addresses.add(decode(cols[1].substring(0, cols[1].indexOf(':'))));
                }
            }
        }
        assertThat(Path.of("/proc/net/tcp")).as("this test reads Linux's socket table").exists();
        return addresses;
    }

    private static InetAddress decode(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + 3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }

    @Test
    void aTakenPortStopsRunBeforeAnythingStartsInsteadOfRunningWithoutTheApi() throws Exception {
        try (AdminTestBed bed = AdminTestBed.withToken(dir);
             java.net.ServerSocket squatter = new java.net.ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", bed.port()));
            var app = new io.stagesync.app.StagesyncApplication(
                    io.stagesync.config.StagesyncConfig.load(dir.resolve("config"), Map.of("ADMIN_TOKEN",
                            AdminTestBed.TOKEN)), bed.store(), Path.of("routes"));
            assertThatThrownBy(app::run).isInstanceOf(AdminPortUnavailableException.class)
                    .hasMessageContaining("the admin API cannot listen on 127.0.0.1:" + bed.port())
                    .hasMessageContaining("stagesync.admin.port");
            assertThat(app.main().getCamelContext()).isNull();
        }
    }

    @Test
    void withNoTokenConfiguredOnlyHealthAnswersAndTheLogSaysWhy() throws Exception {
        try (AdminTestBed bed = new AdminTestBed(dir, "", Map.of()).start()) {
            assertThat(bed.get("/api/health", null).statusCode()).isEqualTo(200);
            for (String path : AdminApiTest.PROTECTED) {
                HttpResponse<String> response = bed.get(path, "anything-at-all-0123456789");
                assertThat(response.statusCode()).as(path).isEqualTo(401);
                assertThat(response.body()).contains("the admin API is locked: no token is configured");
            }
            HttpResponse<String> empty = bed.get("/api/connectors", "");
            assertThat(empty.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void disabledMeansNothingListensAndTheServiceStillRuns() throws Exception {
        try (AdminTestBed bed = new AdminTestBed(dir, "stagesync.admin.enabled=false\n", Map.of())) {
            bed.startWithoutWaiting();
            await().atMost(Duration.ofSeconds(60)).until(() -> camel(bed) != null
                    && camel(bed).getRouteController().getRouteStatus("heartbeat") == ServiceStatus.Started);
            CamelContext camel = camel(bed);
            assertThat(camel.getRouteController().getRouteStatus("admin-health")).isEqualTo(ServiceStatus.Stopped);
            assertThat(camel.hasService(MainHttpServer.class)).isNull();
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", bed.port()), 2000);
                }
            }).isInstanceOf(ConnectException.class);
        }
    }

    private static CamelContext camel(AdminTestBed bed) {
        return bed.app().main().getCamelContext();
    }
}
