package io.stagesync.admin;

import static org.awaitility.Awaitility.await;

import io.stagesync.app.StagesyncApplication;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.store.StateStore;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The real application ({@code run}'s camel-main with {@code routes/}, the shipped stage model) on an
 * embedded H2 store in a temporary directory, its admin server on a free loopback port, and an
 * {@link HttpClient} to call it. The store can be seeded before {@link #start()}.
 */
final class AdminTestBed implements AutoCloseable {
    static final String TOKEN = "s3cr3t-admin-token-0123456789";

    private final Path dir;
    private final int port;
    private final StagesyncConfig config;
    private final StateStore store;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StagesyncApplication app;
    private Thread runner;

    /** @param extraProperties more application.properties lines */
    AdminTestBed(Path dir, String extraProperties, Map<String, String> env) throws IOException {
        this.dir = dir;
        this.port = freePort();
        Path configDir = Files.createDirectories(dir.resolve("config"));
        Files.copy(Path.of("config/stage-model.yaml"), configDir.resolve("stage-model.yaml"));
        Path mappings = Files.createDirectories(configDir.resolve("mappings"));
        try (Stream<Path> files = Files.list(Path.of("config/mappings"))) {
            for (Path file : files.toList()) {
                Files.copy(file, mappings.resolve(file.getFileName()));
            }
        }
        Files.writeString(configDir.resolve("application.properties"), """
                stagesync.data-dir=%s
                stagesync.heartbeat.period-seconds=3600
                stagesync.admin.port=%d
                """.formatted(dir.resolve("data"), port) + extraProperties);
        this.config = StagesyncConfig.load(configDir, env);
        this.store = JdbcStateStore.open(config.settings().storeSettings());
    }

    /** With the token configured as {@code ${env:ADMIN_TOKEN}}. */
    static AdminTestBed withToken(Path dir) throws IOException {
        return new AdminTestBed(dir, "stagesync.admin.token=${env:ADMIN_TOKEN}\n", Map.of("ADMIN_TOKEN", TOKEN));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    StateStore store() {
        return store;
    }

    int port() {
        return port;
    }

    StagesyncApplication app() {
        return app;
    }

    /** Boots the application and returns once /api/health answers. */
    AdminTestBed start(Consumer<StagesyncApplication> beforeRun) {
        boot(beforeRun);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> get("/api/health", null).statusCode() == 200);
        return this;
    }

    AdminTestBed start() {
        return start(a -> { });
    }

    /** Boots the application and returns at once (for a test that waits on something else). */
    void startWithoutWaiting() {
        boot(a -> { });
    }

    private void boot(Consumer<StagesyncApplication> beforeRun) {
        app = new StagesyncApplication(config, store, Path.of("routes"));
        beforeRun.accept(app);
        runner = new Thread(() -> {
            try {
                app.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "stagesync-admin-test");
        runner.start();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** GET with {@code Authorization: Bearer token} when token is not null. */
    HttpResponse<String> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), token);
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(pathAndQuery, TOKEN);
    }

    HttpResponse<String> post(String pathAndQuery, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        if (app != null) {
            app.stop();
            runner.join(30_000);
        }
        store.close();
    }
}
