package io.stagesync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
