package io.stagesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScriptPlayerTest {

    @Test
    void plays_every_round_in_order_and_retries_a_step_until_what_it_acts_on_is_there() throws Exception {
        List<String> done = new ArrayList<>();
        AtomicInteger polls = new AtomicInteger();
        ScriptPlayer.Story story = round -> List.of(
                new ScriptStep("r" + round + " first", () -> done.add("r" + round + " first")),
                new ScriptStep("r" + round + " waits", () -> polls.incrementAndGet() % 3 == 0
                        && done.add("r" + round + " waits")));
        try (ScriptPlayer player = new ScriptPlayer(story, () -> true, 1, 2)) {
            player.start();
            assertThat(player.awaitDone(10, TimeUnit.SECONDS)).isTrue();
            assertThat(done).containsExactly("r0 first", "r0 waits", "r1 first", "r1 waits");
            assertThat(player.played()).isEqualTo(done);
            assertThat(player.skipped()).isEmpty();
            assertThat(polls).hasValue(6);
        }
    }

    @Test
    void a_step_that_never_becomes_ready_is_skipped_after_the_retry_limit_and_the_story_goes_on() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        ScriptPlayer.Story story = round -> List.of(
                new ScriptStep("never ready", () -> tries.incrementAndGet() < 0),
                new ScriptStep("next", () -> true));
        try (ScriptPlayer player = new ScriptPlayer(story, () -> true, 1, 1)) {
            player.start();
            assertThat(player.awaitDone(10, TimeUnit.SECONDS)).isTrue();
            assertThat(tries).hasValue(ScriptPlayer.MAX_TRIES);
            assertThat(player.skipped()).containsExactly("never ready");
            assertThat(player.played()).containsExactly("next");
        }
    }

    @Test
    void the_story_ends_when_a_round_has_no_one_left() throws Exception {
        ScriptPlayer.Story story = round -> round < 1 ? List.of(new ScriptStep("only", () -> true)) : List.of();
        try (ScriptPlayer player = new ScriptPlayer(story, () -> true, 1, 0)) {
            player.start();
            assertThat(player.awaitDone(10, TimeUnit.SECONDS)).isTrue();
            assertThat(player.played()).containsExactly("only");
        }
    }
}
