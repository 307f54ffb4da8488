package io.stagesync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/stagesync.jar}, run as a user runs it ({@code java -jar …}).
 * Needs the jar built by {@code package}: runs under failsafe in {@code verify}.
 */
class StagesyncJarIT {
    private static final Path JAR = Path.of(System.getProperty("stagesync.jar", "target/stagesync.jar"));

    @TempDir
    Path dir;

    private ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile());
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result run(String... args) throws Exception {
        Process process = java(args).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    @Test
    void validateAcceptsTheShippedConfig() throws Exception {
        Result result = run("validate");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("config is valid: 11 stages");
    }

    @Test
    void validateNamesTheErrorsOfABrokenConfigAndExitsNonZero() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("stage-model.yaml"), Files.readString(Path.of("config/stage-model.yaml"))
                .replace("    to: MQL\n    auto: [person]\n    rules:\n      - id: mql-score", "    to: MQX\n    auto: [person]\n    rules:\n      - id: mql-score"));

        Result result = run("validate", "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("stage-model.yaml:").contains("unknown stage 'MQX'")
                .doesNotContain("Exception");
    }

    @Test
    void gateExplainsARefusalWithExitCode3() throws Exception {
        Path record = Files.writeString(dir.resolve("deal.json"), "{\"amount\": 0, \"closeDate\": \"2026-12-15\"}");

        Result result = run("gate", "--entity", "deal", "--from", "OPPORTUNITY", "--to", "WON", "--record", record.toString());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).contains("REFUSED (handoff rule failed): deal OPPORTUNITY -> WON")
                .contains("OPPORTUNITY->WON rule won-amount failed: amount > 0.0 with amount=0.0");
    }

    @Test
    void runStartsIdleLogsItsHeartbeatAndStopsCleanlyOnSigterm() throws Exception {
        Path log = dir.resolve("run.log");
        ProcessBuilder builder = java("run").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("STAGESYNC_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("STAGESYNC_HEARTBEAT_PERIOD_SECONDS", "1");
        builder.environment().put("STAGESYNC_ADMIN_PORT", String.valueOf(freePort()));
        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> read(log).contains("idle: no connectors configured"));
            assertThat(read(log)).contains("no connectors configured: running idle")
                    .contains("store H2 file");
            assertThat(dir.resolve("data")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("stagesync"));

            process.destroy();

            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
            assertThat(process.exitValue()).as("exit after SIGTERM").isIn(0, 143);
            assertThat(read(log)).contains("stagesync stopped").doesNotContain("ERROR");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void runServesTheAdminApiAndMetricsOnLoopbackBehindTheToken() throws Exception {
        int port = freePort();
        String token = "it-admin-token-0123456789abcdef";
        Path log = dir.resolve("admin.log");
        ProcessBuilder builder = java("run").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("STAGESYNC_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("STAGESYNC_ADMIN_PORT", String.valueOf(port));
        // a secret is a reference even when it comes from the environment
        builder.environment().put("STAGESYNC_ADMIN_TOKEN", "${env:IT_ADMIN_TOKEN}");
        builder.environment().put("IT_ADMIN_TOKEN", token);
        Process process = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            URI health = URI.create("http://127.0.0.1:" + port + "/api/health");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> http.send(HttpRequest.newBuilder(health).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            assertThat(http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .as("health says what this instance is").isEqualTo(
                            "{\"status\":\"UP\",\"store\":\"UP\",\"instance\":{\"mode\":\"single\",\"queue\":\"memory\"}}");
            assertThat(read(log)).contains("admin API on http://127.0.0.1:" + port + "/api")
                    .contains("dashboard on http://127.0.0.1:" + port + "/")
                    .doesNotContain(token).doesNotContain("admin API locked");

            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/connectors")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            HttpResponse<String> connectors = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/connectors")).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(connectors.statusCode()).isEqualTo(200);
            assertThat(connectors.body()).contains("\"connectors\":[]");
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("stagesync_dead_letters{status=\"OPEN\"} 0.0");
            HttpResponse<String> dashboard = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/dashboard/dashboard.js")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(dashboard.statusCode()).as("the dashboard's files are in the jar").isEqualTo(200);
            assertThat(dashboard.body()).contains("/api/kpis");

            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
            assertThat(read(log)).doesNotContain("ERROR");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void sandboxPrintsTheDashboardAndTokenThenItsFunnelMovesWithinAMinute() throws Exception {
        int port = freePort();
        Path log = dir.resolve("sandbox.log");
        Process process = java("sandbox", "--port", String.valueOf(port), "--data-dir", dir.resolve("sb").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> read(log).contains("Admin token: "));
            assertThat(read(log)).contains("Dashboard: http://127.0.0.1:" + port + "/\n");
            String token = read(log).split("Admin token: ")[1].lines().findFirst().orElseThrow();
            HttpRequest kpis = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/kpis"))
                    .header("Authorization", "Bearer " + token).build();
            // at the default speed the story's first handoffs (a rep accepting an MQL) are synced within a minute
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                com.fasterxml.jackson.databind.JsonNode handoffs = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(http.send(kpis, HttpResponse.BodyHandlers.ofString()).body()).path("handoffs");
                assertThat(handoffs.get(0).path("from").asText() + "->" + handoffs.get(0).path("to").asText())
                        .isEqualTo("MQL->SAL");
                assertThat(handoffs.get(0).path("converted").asLong()).isPositive();
            });
            assertThat(read(log)).contains("sandbox story: Salesforce: a rep accepts");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);

            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
            assertThat(read(log)).doesNotContain(" ERROR ");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void runRefusesATakenAdminPortWithOneLineAndExit1() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProcessBuilder builder = java("run").redirectOutput(dir.resolve("out.txt").toFile())
                    .redirectError(dir.resolve("err.txt").toFile());
            builder.environment().put("STAGESYNC_DATA_DIR", dir.resolve("data").toString());
            builder.environment().put("STAGESYNC_ADMIN_PORT", String.valueOf(squatter.getLocalPort()));
            Process process = builder.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(Files.readString(dir.resolve("err.txt")).strip()).startsWith("error: the admin API cannot listen on "
                    + "127.0.0.1:" + squatter.getLocalPort()).doesNotContain("Exception").doesNotContain("\n");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
