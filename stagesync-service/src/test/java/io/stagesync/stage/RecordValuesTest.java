package io.stagesync.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typing raw record values by the declared fields before the gate sees them. */
class RecordValuesTest {
    private final StageModel model = ShippedModel.model();

    @Test
    void convertsJsonValuesToTheDeclaredTypes() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("score", 82);
        raw.put("amount", 100);
        raw.put("closeDate", "2026-12-15");
        raw.put("company", "Example Ltd");
        raw.put("unknownField", "ignored");
        raw.put("owner", null);

        Map<String, Object> typed = RecordValues.of(model, raw).asMap();

        assertThat(typed).containsEntry("score", 82L).containsEntry("amount", 100.0)
                .containsEntry("closeDate", Instant.parse("2026-12-15T00:00:00Z"))
                .containsEntry("company", "Example Ltd")
                .doesNotContainKeys("unknownField", "owner");
    }

    @Test
    void listsEveryValueOfTheWrongType() {
        assertThatThrownBy(() -> RecordValues.of(model, Map.of("score", "high", "budget", "yes", "closeDate", "soon")))
                .isInstanceOf(InvalidRecordException.class)
                .satisfies(e -> assertThat(((InvalidRecordException) e).problems()).containsExactlyInAnyOrder(
                        "field 'score': expected int, got \"high\"",
                        "field 'budget': expected bool, got \"yes\"",
                        "field 'closeDate': expected a timestamp (ISO-8601 like 2026-03-31 or 2026-03-31T12:00:00Z), got \"soon\""));
    }

    @Test
    void aFractionalNumberIsNotAnInt() {
        assertThatThrownBy(() -> RecordValues.of(model, Map.of("score", 50.5)))
                .hasMessageContaining("field 'score': expected int, got 50.5");
    }
}
