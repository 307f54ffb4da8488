package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stagesync.stage.KpiModel;
import io.stagesync.stage.StageModel;
import io.stagesync.stage.TeamTarget;
import io.stagesync.stage.TeamTarget.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code kpis} section and team-KPI targets of stage-model.yaml: the shipped declaration is what derivation
 * gives, a model of other stage names gets its own roles, targets may name any team KPI, and each mistake is
 * reported with file, line, entry and reason.
 */
class KpiConfigValidationTest {
    private static final String FILE = "config/stage-model.yaml";
    private static final String SHIPPED = read();

    private static String read() {
        try {
            return Files.readString(Path.of(FILE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StageModel parse(String yaml) {
        return new StageModelLoader().parse(FILE, yaml);
    }

    private static String edit(String text, String from, String to) {
        assertThat(text).as("the shipped model still contains the text this test edits").contains(from);
        return text.replace(from, to);
    }

    /** The shipped file without its {@code kpis} section (and its comment), so every role is derived. */
    static String withoutKpisSection(String yaml) {
        int start = yaml.indexOf("# What the funnel and team KPIs read");
        int end = yaml.indexOf("# Where each system keeps the stage");
        assertThat(start).isPositive();
        assertThat(end).isGreaterThan(start);
        return yaml.substring(0, start) + yaml.substring(end);
    }

    @Test
    void theShippedDeclarationIsExactlyWhatDerivationGivesExceptTheRenewal() {
        KpiModel declared = parse(SHIPPED).kpis();
        KpiModel derived = parse(withoutKpisSection(SHIPPED)).kpis();

        assertThat(declared.mainLine()).containsExactly("LEAD", "MQL", "SAL", "SQL", "OPPORTUNITY", "WON", "CUSTOMER");
        assertThat(derived.mainLine()).isEqualTo(declared.mainLine());
        for (KpiModel.Role role : KpiModel.Role.values()) {
            assertThat(derived.stage(role)).as(role.configName()).isEqualTo(declared.stage(role));
        }
        assertThat(List.of(derived.lost(), derived.churned(), derived.recycle()))
                .containsExactly("LOST", "CHURNED", "NURTURE");
        assertThat(derived.dealAmountField()).isEqualTo("amount").isEqualTo(declared.dealAmountField());
        assertThat(derived.dealCloseDateField()).isEqualTo("closeDate").isEqualTo(declared.dealCloseDateField());
        assertThat(derived.renewal()).as("a renewal is never guessed").isNull();
        assertThat(declared.renewal()).isEqualTo(new KpiModel.RenewalDeclaration("dealType",
                List.of("Existing Customer - Renewal")));
        assertThat(declared.handoffs()).containsExactly(List.of("MQL", "SAL"), List.of("SAL", "SQL"),
                List.of("SQL", "OPPORTUNITY"), List.of("OPPORTUNITY", "WON"), List.of("WON", "CUSTOMER"));
    }

    @Test
    void aModelWithItsOwnStageNamesDerivesItsOwnRoles() {
        String renamed = withoutKpisSection(SHIPPED).replaceAll("\\bNURTURE\\b", "RECYCLED")
                .replaceAll("\\bCUSTOMER\\b", "ACTIVE_CLIENT").replaceAll("\\bCHURNED\\b", "FORMER_CLIENT")
                .replaceAll("\\bLOST\\b", "CLOSED_LOST");

        KpiModel kpis = parse(renamed).kpis();

        assertThat(kpis.recycle()).isEqualTo("RECYCLED");
        assertThat(kpis.customer()).isEqualTo("ACTIVE_CLIENT");
        assertThat(kpis.churned()).isEqualTo("FORMER_CLIENT");
        assertThat(kpis.lost()).isEqualTo("CLOSED_LOST");
        assertThat(kpis.handoffs()).contains(List.of("WON", "ACTIVE_CLIENT"));
    }

    @Test
    void targetsMayNameAnyTeamKpiWithoutAStage() {
        StageModel model = parse(SHIPPED);

        assertThat(model.targets()).filteredOn(t -> t.metric().isTeamKpi())
                .extracting(TeamTarget::team, TeamTarget::metric, TeamTarget::period, TeamTarget::bound, TeamTarget::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("FIELD_SALES", Metric.SALES_CYCLE_DAYS,
                                TeamTarget.Period.QUARTER, TeamTarget.Bound.MAX, 90.0),
                        org.assertj.core.groups.Tuple.tuple("CUSTOMER_SUCCESS", Metric.RENEWAL_RATE,
                                TeamTarget.Period.QUARTER, TeamTarget.Bound.MIN, 0.85));
        String more = edit(SHIPPED, "targets:\n", "targets:\n  - {team: MARKETING, metric: leads-created, period: "
                + "week, min: 120}\n  - {team: FIELD_SALES, metric: won-amount, period: year, min: 2500000}\n");
        assertThat(parse(more).targets()).extracting(TeamTarget::metric).startsWith(Metric.LEADS_CREATED,
                Metric.WON_AMOUNT);
    }

    static Stream<Arguments> mistakes() {
        String target = "  - team: CUSTOMER_SUCCESS\n    metric: renewal-rate\n";
        return Stream.of(
                Arguments.of("unknown metric lists the team KPIs", target,
                        "  - team: CUSTOMER_SUCCESS\n    metric: renewals\n", "metric: renewals",
                        "unknown metric 'renewals' (expected one of: entries, conversion, median-days-in-stage, "
                                + "leads-created, mqls, mql-to-sal, lead-to-opportunity"),
                Arguments.of("a team KPI target that names a stage", target,
                        "  - team: CUSTOMER_SUCCESS\n    metric: renewal-rate\n    stage: CUSTOMER\n", "stage: CUSTOMER\n",
                        "metric 'renewal-rate' is a team KPI and names no stage: remove 'stage'"),
                Arguments.of("a rate target above 1", "    min: 0.85", "    min: 85", "min: 85",
                        "'85' is not a rate: metric 'renewal-rate' is a share from 0 to 1"),
                Arguments.of("an unknown stage in the main line", "main-line: [LEAD, MQL,", "main-line: [LEED, MQL,",
                        "main-line: [LEED", "kpis.main-line: unknown stage 'LEED'"),
                Arguments.of("a role that is not a stage", "  won: WON\n", "  won: CLOSED_WON\n", "won: CLOSED_WON",
                        "kpis.won: unknown stage 'CLOSED_WON'"),
                Arguments.of("a main-line role off the main line", "  sal: SAL ", "  sal: DISQUALIFIED ",
                        "sal: DISQUALIFIED", "kpis.sal: 'sal' (DISQUALIFIED) is not on the main line"),
                Arguments.of("main-line roles out of order", "  opportunity: OPPORTUNITY ", "  opportunity: SAL ",
                        "opportunity: SAL", "kpis.opportunity: 'opportunity' (SAL) must come after 'sal' (SAL)"),
                Arguments.of("an exit on the main line", "  lost: LOST\n", "  lost: WON\n", "lost: WON",
                        "kpis.lost: 'lost' (WON) must not be on the main line"),
                Arguments.of("a deal role that deals cannot be in", "  opportunity: OPPORTUNITY ",
                        "  opportunity: SQL ", "opportunity: SQL",
                        "'opportunity' (SQL) does not apply to deal records"),
                Arguments.of("a misspelt key", "  churned: CHURNED\n", "  churn: CHURNED\n", "churn: CHURNED",
                        "kpis: unknown key 'churn'"),
                Arguments.of("an amount field of the wrong type", "deal-amount: amount", "deal-amount: lossReason",
                        "deal-amount: lossReason", "kpis.deal-amount: field 'lossReason' is declared string; it must "
                                + "be a number"),
                Arguments.of("a renewal field that is not declared", "    field: dealType", "    field: opportunityType",
                        "field: opportunityType", "kpis.renewal.field: 'opportunityType' is not a field declared in "
                                + "'fields'"),
                Arguments.of("a renewal without values", "    values: [\"Existing Customer - Renewal\"]",
                        "    values: []", "values: []", "kpis.renewal.values: 'values' must be a non-empty list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsReportedWithFileLineEntryAndReason(String kind, String from, String to, String marker,
                                                         String expected) {
        String broken = edit(SHIPPED, from, to);
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> parse(broken));
        assertThat(e).as("the broken model must be refused").isNotNull();
        int line = lineOf(broken, marker);
        assertThat(e.errors()).as("errors: %s", e.errors()).anySatisfy(error -> {
            assertThat(error.toString()).contains(expected);
            assertThat(error.file()).isEqualTo(FILE);
            assertThat(error.line()).isEqualTo(line);
        });
    }

    @Test
    void aRenewalFieldThatNoDealObjectMapsIsRefusedAtStartUp(@TempDir Path dir) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("stage-model.yaml"), SHIPPED);
        Path mappings = Files.createDirectories(config.resolve("mappings"));
        Files.writeString(mappings.resolve("salesforce.yaml"), Files.readString(Path.of("config/mappings/salesforce.yaml"))
                .replace("      Type: dealType\n", ""));

        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> StagesyncConfig.load(config, Map.of()));

        assertThat(e).isNotNull();
        assertThat(e.errors()).extracting(ConfigError::toString).anySatisfy(error -> assertThat(error)
                .contains("stage-model.yaml: kpis.renewal.field: 'dealType' is mapped from no deal object in mappings/"));
    }

    private static int lineOf(String text, String marker) {
        int at = text.indexOf(marker);
        assertThat(at).as("marker %s", marker).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
