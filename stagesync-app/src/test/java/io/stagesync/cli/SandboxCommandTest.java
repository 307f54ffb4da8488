package io.stagesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `stagesync sandbox` tells a user when it cannot start; the running sandbox is SandboxRunsItsStoryTest. */
class SandboxCommandTest {
    @TempDir
    Path dir;

    @Test
    void a_taken_port_is_refused_naming_the_port_and_the_option_to_pass() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CliRun run = CliRun.of("sandbox", "--port", String.valueOf(taken.getLocalPort()), "--data-dir",
                    dir.resolve("sandbox").toString());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
            assertThat(run.err()).startsWith("error: port " + taken.getLocalPort() + " on 127.0.0.1 is taken")
                    .contains("pass --port N");
            assertThat(run.out()).doesNotContain("Dashboard:");
        }
    }

    @Test
    void a_data_directory_that_is_not_empty_is_refused_so_no_earlier_state_mixes_in() throws Exception {
        Files.writeString(dir.resolve("left-over"), "x");
        CliRun run = CliRun.of("sandbox", "--port", "1", "--data-dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("error: the sandbox data directory " + dir.toAbsolutePath() + " is not empty");
    }

    @Test
    void out_of_range_speed_is_refused_with_its_range() {
        CliRun run = CliRun.of("sandbox", "--speed", "500", "--data-dir", dir.resolve("s").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("error: --speed must be 0.1..100, got 500.0");
    }
}
