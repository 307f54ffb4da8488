package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stagesync.store.DeadLetter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running application replays, on its dead-letter-retry timer, the letters that waited for a reference. */
class WaitingDeadLetterRetryFlowTest {
    @TempDir
    Path dir;

    @Test
    void a_letter_waiting_for_a_referenced_record_is_resolved_by_the_timer_and_another_is_left_alone() throws Exception {
        DeadLetterReplayer resolving = new DeadLetterReplayer() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Result replay(DeadLetter letter) {
                return Result.resolved("replayed: written");
            }
        };
        try (AdminTestBed bed = new AdminTestBed(dir, "stagesync.dead-letters.retry-seconds=1\n", Map.of())) {
            DeadLetter waiting = bed.store().deadLetters().add("netsuite", "contact", "003A", "{}",
                    "the customer this record refers to (company, canonical 5e43-a1) is not in netsuite yet");
            DeadLetter unmapped = bed.store().deadLetters().add("salesforce", "Lead", "00QA", "{}",
                    "stage value 'Recycled' of salesforce Lead.Status is not mapped to a stage");
            bed.start(app -> app.replayDeadLettersWith(resolving));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(bed.store().deadLetters()
                    .find(waiting.id()).orElseThrow().status()).isEqualTo(DeadLetter.Status.RESOLVED));
            assertThat(bed.store().deadLetters().find(unmapped.id()).orElseThrow().status())
                    .isEqualTo(DeadLetter.Status.OPEN);
        }
    }
}
