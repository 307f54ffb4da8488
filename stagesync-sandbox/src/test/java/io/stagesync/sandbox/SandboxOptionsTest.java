package io.stagesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SandboxOptionsTest {
    private static SandboxOptions options(int port, double speed, int rounds) {
        return new SandboxOptions(port, speed, rounds, Path.of("config"), Path.of("routes"), Path.of("data"));
    }

    @Test
    void speed_scales_the_step_pause_and_the_poll_period_which_stays_at_least_one_second() {
        assertThat(options(8080, 1, 0).stepMillis()).isEqualTo(2_000);
        assertThat(options(8080, 4, 0).stepMillis()).isEqualTo(500);
        assertThat(options(8080, 1, 0).pollSeconds()).isEqualTo(2);
        assertThat(options(8080, 0.5, 0).pollSeconds()).isEqualTo(4);
        assertThat(options(8080, 50, 0).pollSeconds()).isEqualTo(1);
    }

    @Test
    void out_of_range_options_are_refused_naming_the_option_and_its_range() {
        assertThatThrownBy(() -> options(0, 1, 0)).hasMessage("--port must be 1..65535, got 0");
        assertThatThrownBy(() -> options(8080, 0, 0)).hasMessage("--speed must be 0.1..100, got 0.0");
        assertThatThrownBy(() -> options(8080, 1, -1))
                .hasMessage("--rounds must be 0 (keep playing) or more, got -1");
    }
}
