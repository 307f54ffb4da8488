package io.stagesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code stagesync gate}: decisions, reasons and exit codes for the issue's moves, on the shipped config. */
class GateCommandTest {
    private static final String QUALIFYING = """
            {"email": "ada@example.com", "company": "Example Analytics Ltd", "owner": "queue-emea",
             "score": 82, "budget": true, "authority": true, "need": true, "timeline": true,
             "amount": 24000, "closeDate": "2026-12-15", "lossReason": "chose a competitor",
             "erpCustomerId": "1042", "emailOptOut": false}
            """;

    @TempDir
    Path dir;

    private Path file(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json);
    }

    private CliRun gate(String entity, String from, String to, Path record) {
        return CliRun.of("gate", "--config", "config", "--entity", entity, "--from", from, "--to", to,
                "--record", record.toString());
    }

    @ParameterizedTest(name = "{1} -> {2} accepted")
    @CsvSource({"person, LEAD, MQL", "person, MQL, SAL", "person, SQL, OPPORTUNITY", "deal, OPPORTUNITY, WON",
            "account, WON, CUSTOMER", "person, LOST, NURTURE"})
    void theIssuesMovesAreAcceptedForAQualifyingRecord(String entity, String from, String to) throws IOException {
        CliRun run = gate(entity, from, to, file("ok.json", QUALIFYING));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("ACCEPTED: " + entity + " " + from + " -> " + to)
                .contains("accepted along " + from + " -> " + to);
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest(name = "{1} -> {2} refused by {4}")
    @CsvSource(delimiter = '|', value = {
            "person | LEAD        | MQL      | \"score\": 82            | mql-score              | \"score\": 12",
            "person | MQL         | SAL      | \"company\": \"Example Analytics Ltd\" | sal-score-and-company | \"company\": \"\"",
            "person | SQL         | OPPORTUNITY | \"timeline\": true     | opportunity-timeline   | \"timeline\": false",
            "deal   | OPPORTUNITY | WON      | \"amount\": 24000        | won-amount             | \"amount\": 0",
            "account| WON         | CUSTOMER | \"erpCustomerId\": \"1042\" | customer-in-erp     | \"erpCustomerId\": \"\"",
            "person | LOST        | NURTURE  | \"emailOptOut\": false   | nurture-consent        | \"emailOptOut\": true"})
    void theIssuesMovesAreRefusedNamingTheFailedRuleAndValues(String entity, String from, String to, String good,
                                                               String rule, String bad) throws IOException {
        CliRun run = gate(entity, from, to, file("bad.json", QUALIFYING.replace(good, bad)));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.out()).startsWith("REFUSED (handoff rule failed): " + entity + " " + from + " -> " + to)
                .contains("policy: hold")
                .contains(from + "->" + to + " rule " + rule + " failed");
    }

    @Test
    void aMoveWithoutAllowedPathIsRefusedAsNotAllowed() throws IOException {
        CliRun run = gate("person", "SQL", "LEAD", file("ok.json", QUALIFYING));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.out()).startsWith("REFUSED (not allowed): person SQL -> LEAD")
                .contains("policy: hold")
                .contains("no chain of allowed transitions leads from SQL to LEAD");
    }

    @Test
    void theRefusalShowsTheValuesTheConditionSaw() throws IOException {
        CliRun run = gate("person", "LEAD", "MQL", file("low.json", QUALIFYING.replace("\"score\": 82", "\"score\": 12")));
        assertThat(run.out()).contains("LEAD->MQL rule mql-score failed: score >= 50 with score=12");
    }

    @Test
    void anUnknownStageIsBadInputWithAClearMessage() throws IOException {
        CliRun run = gate("person", "LEAD", "MQLL", file("ok.json", QUALIFYING));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).startsWith("error: unknown proposed stage 'MQLL'").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unreadableJsonIsBadInputNamingTheFileAndPosition() throws IOException {
        Path broken = file("broken.json", "{\"score\": 82,\n \"email\" \"x\"}");
        CliRun run = gate("person", "LEAD", "MQL", broken);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).startsWith("error: record " + broken + " is not valid JSON at line 2")
                .doesNotContain("\tat ");
    }

    @Test
    void aMissingRecordFileIsBadInput() {
        CliRun run = gate("person", "LEAD", "MQL", dir.resolve("nope.json"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("nope.json: file not found");
    }

    @Test
    void aValueOfTheWrongTypeIsBadInputNamingTheField() throws IOException {
        CliRun run = gate("person", "LEAD", "MQL", file("typed.json", QUALIFYING.replace("\"score\": 82", "\"score\": \"high\"")));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("field 'score': expected int, got \"high\"");
    }

    @Test
    void anUnknownEntityIsBadInput() throws IOException {
        CliRun run = gate("lead", "LEAD", "MQL", file("ok.json", QUALIFYING));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).contains("unknown entity 'lead' (expected: person, account, deal)");
    }

    @Test
    void aMissingOptionIsAUsageError() {
        CliRun run = CliRun.of("gate", "--entity", "person", "--from", "LEAD");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required options");
    }
}
