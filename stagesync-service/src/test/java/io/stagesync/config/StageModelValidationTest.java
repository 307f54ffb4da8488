package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stagesync.stage.StageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Validation of stage-model.yaml: the shipped file is valid, and each kind of mistake (made by
 * editing the shipped file the way an admin might) is reported with file, line, entry and reason.
 */
class StageModelValidationTest {
    private static final String FILE = "config/stage-model.yaml";
    private static final String SHIPPED = read();

    private static String read() {
        try {
            return Files.readString(Path.of(FILE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConfigError> errorsOf(String yaml) {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> new StageModelLoader().parse(FILE, yaml));
        assertThat(e).as("the broken model must be refused").isNotNull();
        return e.errors();
    }

    private static String edit(String text, String from, String to) {
        assertThat(text).as("the shipped model still contains the text this test edits").contains(from);
        return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    private static int lineOf(String text, String marker) {
        int at = text.indexOf(marker);
        assertThat(at).as("marker %s", marker).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void theShippedModelIsValid() {
        StageModel model = new StageModelLoader().parse(FILE, SHIPPED);
        assertThat(model.stages()).hasSize(11);
        assertThat(model.teams()).hasSize(4);
        assertThat(model.mappings()).extracting(m -> m.system() + " " + m.object()).containsExactly(
                "salesforce Lead", "salesforce Opportunity", "salesforce Contact", "salesforce Account",
                "eloqua contact", "pardot prospect", "netsuite customer", "netsuite contact", "netsuite opportunity");
        assertThat(model.mapping("netsuite", "contact").orElseThrow().field()).isEqualTo("custentity_stagesync_stage");
        assertThat(model.mapping("netsuite", "customer").orElseThrow().stageOf("16")).contains("CHURNED");
        assertThat(model.mapping("salesforce", "Opportunity").orElseThrow().valueFor("OPPORTUNITY")).contains("Prospecting");
    }

    static Stream<Arguments> brokenModels() {
        return Stream.of(
                Arguments.of("YAML syntax error", "    name: Marketing\n", "    name: [Marketing\n",
                        "  - id: INSIDE_SALES", "YAML syntax error"),
                Arguments.of("unknown stage in a transition", "    to: MQL\n    auto: [person]\n    rules:\n      - id: mql-score",
                        "    to: MQLL\n    auto: [person]\n    rules:\n      - id: mql-score", "to: MQLL",
                        "transitions[0] LEAD->MQLL: unknown stage 'MQLL'"),
                Arguments.of("unknown stage in a mapping", "\"Nurturing\": NURTURE", "\"Nurturing\": NURTURING",
                        "NURTURING", "mappings.salesforce Lead.Status: value 'Nurturing' maps to unknown stage 'NURTURING'"),
                Arguments.of("duplicate stage", "  - id: NURTURE\n    team: MARKETING", "  - id: LEAD\n    team: MARKETING",
                        "  - id: LEAD\n    team: MARKETING\n    entities", "duplicate stage 'LEAD' (first at line"),
                Arguments.of("stage without a team", "  - id: SAL\n    team: INSIDE_SALES\n", "  - id: SAL\n",
                        "  - id: SAL", "stages[2] SAL: stage SAL has no team"),
                Arguments.of("unknown team on a stage", "  - id: SAL\n    team: INSIDE_SALES\n",
                        "  - id: SAL\n    team: INSIDE_SALE\n", "team: INSIDE_SALE\n", "unknown team 'INSIDE_SALE'"),
                Arguments.of("unreachable stage", "  - from: CUSTOMER\n    to: CHURNED\n    policy: flag\n", "",
                        "  - id: CHURNED", "stage CHURNED: unreachable"),
                Arguments.of("condition syntax error", "when: score >= 50\n", "when: score >= \n", "when: score >= \n",
                        "transitions[0] LEAD->MQL rule mql-score: condition syntax error in \"score >=\""),
                Arguments.of("condition type error", "when: score >= 50\n", "when: 'score >= \"fifty\"'\n",
                        "when: 'score >=", "condition type error in \"score >= \"fifty\"\": column 7: found no matching "
                                + "overload for '_>=_' applied to '(int, string)'"),
                Arguments.of("field used but not declared", "when: owner != \"\"", "when: ownerId != \"\"",
                        "when: ownerId", "condition uses an undeclared field in \"ownerId != \"\"\": column 1: field "
                                + "'ownerId' is not declared under fields:"),
                Arguments.of("mapping value that maps to no stage", "\"Nurturing\": NURTURE", "\"Nurturing\":",
                        "\"Nurturing\":", "value 'Nurturing' maps to no stage"),
                Arguments.of("target for an unknown team", "  - team: MARKETING\n    metric: entries",
                        "  - team: MARKETEERS\n    metric: entries", "team: MARKETEERS",
                        "targets[0]: target for unknown team 'MARKETEERS'"),
                Arguments.of("unknown policy", "    policy: flag\n", "    policy: ignore\n", "policy: ignore",
                        "unknown policy 'ignore' (expected hold, revert or flag)"),
                Arguments.of("duplicate rule id", "      - id: sal-owner", "      - id: mql-score", "      - id: mql-score\n        when: owner",
                        "duplicate rule id 'mql-score'"),
                Arguments.of("unknown field type", "  score: int ", "  score: integer ", "score: integer",
                        "fields.score: unknown type 'integer'"),
                Arguments.of("misspelt top-level key", "transitions:\n", "transitons:\n", "transitons:",
                        "unknown key 'transitons'"),
                Arguments.of("mapping to a stage the entity cannot be in", "\"Closed Lost\": LOST", "\"Closed Lost\": CUSTOMER",
                        "\"Closed Lost\": CUSTOMER", "value 'Closed Lost' maps to CUSTOMER, which does not apply to a deal"),
                Arguments.of("write value not listed for its stage", "        \"Closed Lost\": LOST\n",
                        "        \"Closed Lost\": LOST\n      write:\n        OPPORTUNITY: \"Closed Won\"\n",
                        "OPPORTUNITY: \"Closed Won\"", "mappings.salesforce Opportunity.StageName: write: OPPORTUNITY must be "
                                + "written as one of the values listed for OPPORTUNITY ('Prospecting', "),
                Arguments.of("write value for a stage the field does not show", "        \"Closed Lost\": LOST\n",
                        "        \"Closed Lost\": LOST\n      write:\n        CUSTOMER: \"Closed Won\"\n",
                        "CUSTOMER: \"Closed Won\"", "write: 'CUSTOMER' is no stage of the values above (they map to: "
                                + "LOST, OPPORTUNITY, WON)"));
    }

    @Test
    void aConfiguredWriteValueIsWhatAMoveToItsStageWrites() {
        StageModel model = new StageModelLoader().parse(FILE, edit(SHIPPED, "        \"Closed Lost\": LOST\n",
                "        \"Closed Lost\": LOST\n      write:\n        OPPORTUNITY: \"Qualification\"\n"));

        var opportunity = model.mapping("salesforce", "Opportunity").orElseThrow();
        assertThat(opportunity.valueFor("OPPORTUNITY")).contains("Qualification");
        assertThat(opportunity.valueToWrite("OPPORTUNITY", "Closed Won")).as("a move to OPPORTUNITY").contains("Qualification");
        assertThat(opportunity.valueToWrite("OPPORTUNITY", "Negotiation/Review")).as("already there: kept")
                .contains("Negotiation/Review");
        assertThat(opportunity.valueToWrite("WON", "Negotiation/Review")).as("no write value configured: the first listed")
                .contains("Closed Won");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenModels")
    void eachKindOfMistakeIsReportedWithFileLineEntryAndReason(String kind, String from, String to, String marker,
                                                                  String expected) {
        String broken = edit(SHIPPED, from, to);
        List<ConfigError> errors = errorsOf(broken);
        int line = lineOf(broken, marker);
        assertThat(errors).as("errors: %s", errors)
                .anySatisfy(error -> {
                    assertThat(error.toString()).contains(expected);
                    assertThat(error.file()).isEqualTo(FILE);
                    assertThat(error.line()).isEqualTo(line);
                });
    }

    @Test
    void severalMistakesInOneFileAreAllReported() {
        String broken = edit(SHIPPED, "    to: MQL\n    auto: [person]\n    rules:\n      - id: mql-score",
                "    to: MQLL\n    auto: [person]\n    rules:\n      - id: mql-score");
        broken = edit(broken, "when: owner != \"\"", "when: ownerId != \"\"");
        broken = edit(broken, "  - team: MARKETING\n    metric: entries", "  - team: MARKETEERS\n    metric: entries");
        broken = edit(broken, "\"Nurturing\": NURTURE", "\"Nurturing\":");

        List<ConfigError> errors = errorsOf(broken);

        assertThat(errors).extracting(ConfigError::toString).anySatisfy(e -> assertThat(e).contains("unknown stage 'MQLL'"))
                .anySatisfy(e -> assertThat(e).contains("field 'ownerId' is not declared"))
                .anySatisfy(e -> assertThat(e).contains("target for unknown team 'MARKETEERS'"))
                .anySatisfy(e -> assertThat(e).contains("value 'Nurturing' maps to no stage"));
    }

    @Test
    void aMissingFileIsAClearError(@org.junit.jupiter.api.io.TempDir Path empty) {
        assertThatThrownBy(() -> new StageModelLoader().load(empty))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("stage-model.yaml: cannot read the stage model: file not found");
    }
}
