package io.stagesync.kpi;

import static io.stagesync.kpi.KpiFixtures.at;
import static io.stagesync.kpi.KpiFixtures.conversion;
import static io.stagesync.kpi.KpiFixtures.entries;
import static io.stagesync.kpi.KpiFixtures.medianDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stagesync.kpi.TargetResult.Status;
import io.stagesync.stage.TeamTarget;
import io.stagesync.stage.TeamTarget.Period;
import io.stagesync.store.StageHistoryEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The funnel KPIs of March 2026 over a hand-built history, every expected value computed by hand below.
 *
 * <pre>
 * period [2026-03-01, 2026-04-01), now 2026-04-10; dates are 00:00Z unless a time is given
 * P1 person  first seen LEAD 02-20 | LEAD→MQL 03-02 | MQL→SAL 03-04 | SAL→SQL 03-10
 * P2 person  first seen MQL 03-05 | MQL→SAL 03-06 | jump SAL→OPPORTUNITY 03-08T12:00 (path SAL,SQL,OPPORTUNITY)
 * P3 person  first seen LEAD 03-01 | LEAD→MQL 03-10 | MQL→SAL refused 03-12 (sal-owner, hold: no move)
 * P4 person  first seen MQL 01-15 | MQL→SAL 02-25 | SAL→DISQUALIFIED refused 03-03 (disqualified-reason,
 *            policy flag: the move propagates) | DISQUALIFIED→NURTURE 03-20
 * P5 account first seen CUSTOMER 2025-12-01 | CUSTOMER→CHURNED 03-15 | CHURNED→NURTURE 03-25
 * P6 account first seen CUSTOMER 01-10
 * P7 deal    first seen OPPORTUNITY 03-01 | OPPORTUNITY→WON 03-20
 * P8 account first seen OPPORTUNITY 02-01 | OPPORTUNITY→WON 03-05 | WON→CUSTOMER 04-02 (after the period, before now)
 * P9 person  first seen LEAD 03-17 | LEAD→WON refused 03-18 (not allowed, hold)
 * P10 person first seen LEAD 04-20 (after now: ignored everywhere)
 * </pre>
 */
class FunnelKpiCalculatorTest {
    static final List<TeamTarget> TARGETS = List.of(
            entries("MARKETING", "MQL", Period.MONTH, 400),
            conversion("INSIDE_SALES", "MQL", "SAL", Period.MONTH, 0.6),
            conversion("INSIDE_SALES", "SAL", "SQL", Period.MONTH, 0.5),
            conversion("INSIDE_SALES", "SQL", "OPPORTUNITY", Period.MONTH, 0.4),
            conversion("FIELD_SALES", "OPPORTUNITY", "WON", Period.QUARTER, 0.25),
            conversion("CUSTOMER_SUCCESS", "WON", "CUSTOMER", Period.QUARTER, 0.95),
            medianDays("INSIDE_SALES", "SAL", Period.MONTH, 5));
    static final KpiPeriod MARCH = new KpiPeriod(at("2026-03-01"), at("2026-04-01"));

    static List<StageHistoryEntry> history() {
        KpiFixtures.History h = new KpiFixtures.History();
        h.firstSeen("P1", "LEAD", "2026-02-20").accepted("P1", "LEAD", "MQL", "2026-03-02")
                .accepted("P1", "MQL", "SAL", "2026-03-04").accepted("P1", "SAL", "SQL", "2026-03-10");
        h.firstSeen("P2", "MQL", "2026-03-05").accepted("P2", "MQL", "SAL", "2026-03-06")
                .accepted("P2", "SAL", "OPPORTUNITY", "2026-03-08T12:00:00Z", "SQL");
        h.firstSeen("P3", "LEAD", "2026-03-01").accepted("P3", "LEAD", "MQL", "2026-03-10")
                .violated("P3", "MQL", "SAL", "hold", "2026-03-12", "sal-owner");
        h.firstSeen("P4", "MQL", "2026-01-15").accepted("P4", "MQL", "SAL", "2026-02-25")
                .violated("P4", "SAL", "DISQUALIFIED", "flag", "2026-03-03", "disqualified-reason")
                .accepted("P4", "DISQUALIFIED", "NURTURE", "2026-03-20");
        h.entity("account").firstSeen("P5", "CUSTOMER", "2025-12-01").accepted("P5", "CUSTOMER", "CHURNED", "2026-03-15")
                .accepted("P5", "CHURNED", "NURTURE", "2026-03-25");
        h.firstSeen("P6", "CUSTOMER", "2026-01-10");
        h.entity("deal").firstSeen("P7", "OPPORTUNITY", "2026-03-01").accepted("P7", "OPPORTUNITY", "WON", "2026-03-20");
        h.entity("account").firstSeen("P8", "OPPORTUNITY", "2026-02-01").accepted("P8", "OPPORTUNITY", "WON", "2026-03-05")
                .accepted("P8", "WON", "CUSTOMER", "2026-04-02");
        h.entity("person").firstSeen("P9", "LEAD", "2026-03-17").notAllowed("P9", "LEAD", "WON", "hold", "2026-03-18");
        h.firstSeen("P10", "LEAD", "2026-04-20");
        List<StageHistoryEntry> shuffled = new ArrayList<>(h.entries());
        Collections.reverse(shuffled); // the calculator orders by occurredAt, id itself
        return shuffled;
    }

    static final FunnelReport REPORT = new FunnelKpiCalculator(KpiFixtures.model(TARGETS))
            .compute(history(), MARCH, at("2026-04-10"));

    /**
     * stage, entries, firstSeen, exits, median days, timed exits, count now.
     * <pre>
     * LEAD  entries P3(first) P9(first) = 2; exits P1 03-02, P3 03-10 = 2, both entered by first sighting: untimed
     * MQL   entries P1, P2(first), P3 = 3; exits P1 03-04 (entered 03-02: 2 d), P2 03-06 (first seen: untimed)
     * SAL   entries P1 03-04, P2 03-06 = 2; exits P1 03-10 (6 d), P2 03-08T12 (2.5 d), P4 03-03 (entered 02-25:
     *       6 d; the flagged refusal moved it) = 3; median of [2.5, 6, 6] = 6
     * SQL   entries P1 03-10, P2 03-08T12 (passed through) = 2; exit P2 (pass-through of the jump: untimed)
     * OPPORTUNITY entries P2 (jump), P7(first) = 2; exits P7 03-20, P8 03-05, both entered by first sighting
     * WON   entries P7 03-20, P8 03-05 = 2; no exit in March (P8 leaves 04-02)
     * DISQUALIFIED entry P4 03-03; exit P4 03-20: 17 d
     * CUSTOMER no entry in March (P8 arrives 04-02); exit P5 03-15 (first seen: untimed)
     * CHURNED entry P5 03-15; exit P5 03-25: 10 d
     * NURTURE entries P4 03-20, P5 03-25 = 2
     * now (04-10): P1 SQL, P2 OPPORTUNITY, P3 MQL (hold kept it), P4 NURTURE, P5 NURTURE, P6 CUSTOMER, P7 WON,
     *       P8 CUSTOMER, P9 LEAD; P10 is after now
     * </pre>
     */
    static Stream<Arguments> stages() {
        return Stream.of(
                Arguments.of("LEAD", 2, 2, 2, null, 0, 1),
                Arguments.of("MQL", 3, 1, 2, 2.0, 1, 1),
                Arguments.of("SAL", 2, 0, 3, 6.0, 3, 0),
                Arguments.of("SQL", 2, 0, 1, null, 0, 1),
                Arguments.of("OPPORTUNITY", 2, 1, 2, null, 0, 1),
                Arguments.of("WON", 2, 0, 0, null, 0, 1),
                Arguments.of("DISQUALIFIED", 1, 0, 1, 17.0, 1, 0),
                Arguments.of("LOST", 0, 0, 0, null, 0, 0),
                Arguments.of("CUSTOMER", 0, 0, 1, null, 0, 2),
                Arguments.of("CHURNED", 1, 0, 1, 10.0, 1, 0),
                Arguments.of("NURTURE", 2, 0, 0, null, 0, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void stageMovement(String stage, long entries, long firstSeen, long exits, Double median, long timed, long now) {
        StageKpi kpi = REPORT.stage(stage).orElseThrow();
        assertThat(kpi.entries()).as("entries").isEqualTo(entries);
        assertThat(kpi.firstSeen()).as("first seen").isEqualTo(firstSeen);
        assertThat(kpi.exits()).as("exits").isEqualTo(exits);
        assertThat(kpi.medianDaysInStage()).as("median days").isEqualTo(median);
        assertThat(kpi.timedExits()).as("timed exits").isEqualTo(timed);
        assertThat(kpi.countNow()).as("count now").isEqualTo(now);
    }

    /**
     * from, to, cohort, converted.
     * <pre>
     * MQL→SAL  cohort P1, P2, P3 (entered MQL in March); P1 and P2 reached SAL; P3 was held    = 2/3
     * SAL→SQL  cohort P1, P2 (P4 entered SAL in February); both reached SQL (P2 along its jump) = 2/2
     * SQL→OPPORTUNITY cohort P1, P2; only P2 reached OPPORTUNITY                                = 1/2
     * OPPORTUNITY→WON cohort P2, P7 (P8 entered in February); P7 won                            = 1/2
     * WON→CUSTOMER cohort P7, P8; P8 became a customer on 04-02, before now                    = 1/2
     * </pre>
     */
    static Stream<Arguments> handoffs() {
        return Stream.of(
                Arguments.of("MQL", "SAL", 3, 2),
                Arguments.of("SAL", "SQL", 2, 2),
                Arguments.of("SQL", "OPPORTUNITY", 2, 1),
                Arguments.of("OPPORTUNITY", "WON", 2, 1),
                Arguments.of("WON", "CUSTOMER", 2, 1));
    }

    @ParameterizedTest(name = "{0}->{1}")
    @MethodSource("handoffs")
    void handoffConversion(String from, String to, long cohort, long converted) {
        HandoffKpi kpi = REPORT.handoff(from, to).orElseThrow();
        assertThat(kpi.entered()).isEqualTo(cohort);
        assertThat(kpi.converted()).isEqualTo(converted);
        assertThat(kpi.rate()).isCloseTo((double) converted / cohort, within(1e-12));
    }

    @Test
    void theMainHandoffsComeInFunnelOrder() {
        assertThat(REPORT.handoffs()).extracting(h -> h.from() + "->" + h.to())
                .containsExactly("MQL->SAL", "SAL->SQL", "SQL->OPPORTUNITY", "OPPORTUNITY->WON", "WON->CUSTOMER");
    }

    /**
     * target, expected, actual, attainment, status.
     * <pre>
     * MQL entries min 400/month: March is exactly 1 month → expected 400; actual 3; 3/400 = 0.0075 MISSED
     * MQL→SAL min 0.6: 2/3 = 0.6667 ≥ 0.6 MET, attainment (2/3)/0.6 = 1.1111
     * SAL→SQL min 0.5: 1.0 MET, 2.0;  SQL→OPPORTUNITY min 0.4: 0.5 MET, 1.25
     * OPPORTUNITY→WON min 0.25 (quarterly; a rate is not scaled): 0.5 MET, 2.0
     * WON→CUSTOMER min 0.95: 0.5 MISSED, 0.5/0.95 = 0.526316
     * SAL median days max 5: 6.0 > 5 MISSED, attainment 5/6 = 0.833333
     * </pre>
     */
    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of(0, 400.0, 3.0, 0.0075, Status.MISSED),
                Arguments.of(1, 0.6, 2.0 / 3, (2.0 / 3) / 0.6, Status.MET),
                Arguments.of(2, 0.5, 1.0, 2.0, Status.MET),
                Arguments.of(3, 0.4, 0.5, 1.25, Status.MET),
                Arguments.of(4, 0.25, 0.5, 2.0, Status.MET),
                Arguments.of(5, 0.95, 0.5, 0.5 / 0.95, Status.MISSED),
                Arguments.of(6, 5.0, 6.0, 5.0 / 6, Status.MISSED));
    }

    @ParameterizedTest(name = "target {0}")
    @MethodSource("targets")
    void targetResults(int index, double expected, double actual, double attainment, Status status) {
        TeamTarget target = TARGETS.get(index);
        TargetResult result = REPORT.teams().stream().flatMap(t -> t.targets().stream())
                .filter(r -> r.target() == target).findFirst().orElseThrow();
        assertThat(result.expected()).isCloseTo(expected, within(1e-9));
        assertThat(result.actual()).isCloseTo(actual, within(1e-9));
        assertThat(result.attainment()).isCloseTo(attainment, within(1e-9));
        assertThat(result.status()).isEqualTo(status);
    }

    @Test
    void teamsHoldTheirStagesAndTargetsInModelOrder() {
        assertThat(REPORT.teams()).extracting(TeamKpi::team)
                .containsExactly("MARKETING", "INSIDE_SALES", "FIELD_SALES", "CUSTOMER_SUCCESS");
        TeamKpi inside = REPORT.teams().get(1);
        assertThat(inside.stages()).extracting(StageKpi::stage).containsExactly("SAL", "SQL", "DISQUALIFIED");
        assertThat(inside.targets()).extracting(TargetResult::target)
                .containsExactly(TARGETS.get(1), TARGETS.get(2), TARGETS.get(3), TARGETS.get(6));
    }

    @Test
    void theBottleneckIsTheOnlyMissedConversion() {
        // WON→CUSTOMER is the only conversion below target: 0.5 / 0.95
        assertThat(REPORT.bottleneck()).isNotNull();
        assertThat(REPORT.bottleneck().from()).isEqualTo("WON");
        assertThat(REPORT.bottleneck().to()).isEqualTo("CUSTOMER");
        assertThat(REPORT.bottleneck().team()).isEqualTo("CUSTOMER_SUCCESS");
        assertThat(REPORT.bottleneck().attainment()).isCloseTo(0.5 / 0.95, within(1e-12));
    }

    @Test
    void violationsCountEveryRefusalInThePeriodByRuleAndPolicy() {
        // P4 03-03 disqualified-reason (flag), P3 03-12 sal-owner (hold), P9 03-18 not allowed (hold)
        ViolationCounts v = REPORT.violations();
        assertThat(v.total()).isEqualTo(3);
        assertThat(v.violated()).isEqualTo(2);
        assertThat(v.notAllowed()).isEqualTo(1);
        assertThat(v.byRule()).containsExactly(java.util.Map.entry("disqualified-reason", 1L),
                java.util.Map.entry("sal-owner", 1L));
        assertThat(v.byPolicy()).containsExactly(java.util.Map.entry("flag", 1L), java.util.Map.entry("hold", 2L));
    }

    @Test
    void recycledVolumeIsEntriesIntoNurture() {
        assertThat(REPORT.recycled()).isEqualTo(2); // P4 03-20, P5 03-25
    }

    @Test
    void renewalIsNotMeasurableButLogoRetentionIs() {
        // at CUSTOMER on 03-01: P5, P6 (P8 was at OPPORTUNITY); P5 churned 03-15 → retention 1 - 1/2
        Renewal renewal = REPORT.renewal();
        assertThat(renewal.renewalMeasurable()).isFalse();
        assertThat(renewal.note()).contains("not measurable");
        assertThat(renewal.customersAtStart()).isEqualTo(2);
        assertThat(renewal.churned()).isEqualTo(1);
        assertThat(renewal.logoRetention()).isEqualTo(0.5);
    }

    @Test
    void anEntityFilterKeepsOnlyThatEntitysRecords() {
        // deals: only P7 (first seen OPPORTUNITY 03-01, WON 03-20)
        FunnelReport deals = new FunnelKpiCalculator(KpiFixtures.model(TARGETS))
                .compute(history(), MARCH, at("2026-04-10"), "deal");
        assertThat(deals.entityType()).isEqualTo("deal");
        assertThat(deals.stage("OPPORTUNITY").orElseThrow().entries()).isEqualTo(1);
        assertThat(deals.stage("WON").orElseThrow().countNow()).isEqualTo(1);
        assertThat(deals.stage("MQL").orElseThrow().entries()).isZero();
        assertThat(deals.handoff("OPPORTUNITY", "WON").orElseThrow().rate()).isEqualTo(1.0);
        assertThat(deals.handoff("MQL", "SAL").orElseThrow().rate()).isNull();
        assertThat(deals.violations().total()).isZero();
    }

    @Test
    void aHandoffCohortHoldsOnlyRecordsWhoseEntityCanReachItsTarget() {
        // where deals can never be CUSTOMER, the WON → CUSTOMER cohort is P8 (account) alone, converted
        // 04-02: 1/1, not P7 (deal) and P8 = 1/2; OPPORTUNITY → WON keeps P7 (deals can be WON)
        FunnelReport report = new FunnelKpiCalculator(KpiFixtures.modelWithoutDealsAfterWon(TARGETS))
                .compute(history(), MARCH, at("2026-04-10"));
        assertThat(report.handoff("WON", "CUSTOMER").orElseThrow().entered()).isEqualTo(1);
        assertThat(report.handoff("WON", "CUSTOMER").orElseThrow().rate()).isEqualTo(1.0);
        assertThat(REPORT.handoff("WON", "CUSTOMER").orElseThrow().entered()).isEqualTo(2);
        assertThat(report.handoff("OPPORTUNITY", "WON").orElseThrow())
                .isEqualTo(REPORT.handoff("OPPORTUNITY", "WON").orElseThrow());
    }

    @Test
    void nowCutsTheHistory() {
        // as of 03-09: P8 has not become a customer, P4 is at DISQUALIFIED, P1 at SAL; WON→CUSTOMER
        // cohort is P8 alone (P7 wins 03-20), not converted yet → 0/1
        FunnelReport early = new FunnelKpiCalculator(KpiFixtures.model(TARGETS))
                .compute(history(), MARCH, at("2026-03-09"));
        assertThat(early.handoff("WON", "CUSTOMER").orElseThrow().entered()).isEqualTo(1);
        assertThat(early.handoff("WON", "CUSTOMER").orElseThrow().rate()).isEqualTo(0.0);
        assertThat(early.stage("DISQUALIFIED").orElseThrow().countNow()).isEqualTo(1);
        assertThat(early.stage("SAL").orElseThrow().countNow()).isEqualTo(1);
        assertThat(early.stage("CUSTOMER").orElseThrow().countNow()).isEqualTo(2); // P5 until 03-15, P6
    }

    @Test
    void anEmptyHistoryReportsZerosAndNoData() {
        FunnelReport empty = new FunnelKpiCalculator(KpiFixtures.model(TARGETS)).compute(List.of(), MARCH,
                at("2026-04-10"));
        assertThat(empty.handoffs()).allSatisfy(h -> assertThat(h.rate()).isNull());
        assertThat(empty.teams().get(1).targets()).extracting(TargetResult::status)
                .containsExactly(Status.NO_DATA, Status.NO_DATA, Status.NO_DATA, Status.NO_DATA);
        // entries are a count: zero entries is data (0 of 400), not "no data"
        assertThat(empty.teams().get(0).targets().get(0).status()).isEqualTo(Status.MISSED);
        assertThat(empty.bottleneck()).isNull();
        assertThat(empty.renewal().logoRetention()).isNull();
    }

    @Test
    void targetsOnTeamKpisAreMetAgainstThoseKpisCountsScaledRatesNot() {
        // wins in March (TeamKpiCalculatorTest): 4 against 30 a quarter = 30 × 31/90 for March; renewal rate 1/3
        List<TeamTarget> targets = List.of(
                new TeamTarget("FIELD_SALES", TeamTarget.Metric.WINS, null, null, null, Period.QUARTER,
                        TeamTarget.Bound.MIN, 30),
                new TeamTarget("CUSTOMER_SUCCESS", TeamTarget.Metric.RENEWAL_RATE, null, null, null, Period.QUARTER,
                        TeamTarget.Bound.MIN, 0.3));
        FunnelReport report = new FunnelKpiCalculator(KpiFixtures.modelWithDealFields(targets))
                .compute(TeamKpiCalculatorTest.history(), TeamKpiCalculatorTest.deals(), MARCH, at("2026-04-10"), null);

        TargetResult wins = report.teams().get(2).targets().get(0);
        assertThat(wins.expected()).isCloseTo(30 * 31 / 90.0, within(1e-9));
        assertThat(wins.actual()).isEqualTo(4.0);
        assertThat(wins.status()).isEqualTo(Status.MISSED);
        TargetResult renewal = report.teams().get(3).targets().get(0);
        assertThat(renewal.expected()).isEqualTo(0.3);
        assertThat(renewal.actual()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(renewal.status()).isEqualTo(Status.MET);
        assertThat(report.renewal().renewalMeasurable()).isTrue();
        assertThat(report.renewal().rate()).isEqualTo(renewal.actual());
        assertThat(report.teams().get(3).kpis()).extracting(k -> k.metric().configName())
                .containsExactly("renewal-rate", "retained-customers", "churn", "logo-retention");
    }

    @Test
    void aModelWithItsOwnStageNamesGetsItsOwnHandoffsRecyclingAndChurn() throws Exception {
        // the shipped model with its stages renamed and no kpis section: nothing may read the shipped names
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("config/stage-model.yaml"));
        yaml = yaml.substring(0, yaml.indexOf("# What the funnel and team KPIs read"))
                + yaml.substring(yaml.indexOf("# Where each system keeps the stage"));
        for (String[] rename : new String[][] {{"NURTURE", "RECYCLED"}, {"CUSTOMER", "CLIENT"}, {"CHURNED", "GONE"},
            {"MQL", "HOT"}, {"SAL", "ACCEPTED"}}) {
            yaml = yaml.replaceAll("\\b" + rename[0] + "\\b", rename[1]);
        }
        io.stagesync.stage.StageModel model = new io.stagesync.config.StageModelLoader().parse("renamed.yaml", yaml);
        KpiFixtures.History h = new KpiFixtures.History();
        h.firstSeen("P1", "HOT", "2026-03-02").accepted("P1", "HOT", "ACCEPTED", "2026-03-03");
        h.entity("account").firstSeen("A1", "CLIENT", "2026-02-01").accepted("A1", "CLIENT", "GONE", "2026-03-10")
                .accepted("A1", "GONE", "RECYCLED", "2026-03-12");

        FunnelReport report = new FunnelKpiCalculator(model).compute(h.entries(), MARCH, at("2026-04-10"));

        assertThat(report.handoffs()).extracting(hk -> hk.from() + ">" + hk.to()).startsWith("HOT>ACCEPTED",
                "ACCEPTED>SQL").contains("WON>CLIENT");
        assertThat(report.handoff("HOT", "ACCEPTED").orElseThrow().converted()).isEqualTo(1);
        assertThat(report.recycled()).isEqualTo(1);
        assertThat(report.renewal().customersAtStart()).isEqualTo(1);
        assertThat(report.renewal().churned()).isEqualTo(1);
        assertThat(report.mainLine()).containsExactly("LEAD", "HOT", "ACCEPTED", "SQL", "OPPORTUNITY", "WON", "CLIENT");
    }

    @Test
    void theBottlenecksSourceStageHasItsTimeInStageDistribution() {
        // bottleneck WON → CUSTOMER: WON has no exit in March (P8 leaves 04-02), so nothing is timed
        TimeInStage time = REPORT.timeInStage();
        assertThat(time.stage()).isEqualTo("WON");
        assertThat(time.timedExits()).isZero();
        assertThat(time.medianDays()).isNull();
        assertThat(time.buckets()).hasSize(9).allSatisfy(b -> assertThat(b.count()).isZero());
        // the buckets: [0,1) [1,2) [2,4) [4,7) [7,14) [14,30) [30,60) [60,90) [90,∞)
        TimeInStage sal = TimeInStage.of("SAL", List.of(0.5, 1.0, 2.5, 6.0, 6.0, 100.0));
        assertThat(sal.buckets()).extracting(TimeInStage.Bucket::count).containsExactly(1L, 1L, 1L, 2L, 0L, 0L, 0L,
                0L, 1L);
        assertThat(sal.buckets().get(8).toDays()).isNull();
        assertThat(sal.medianDays()).isEqualTo(4.25);
        assertThat(new FunnelKpiCalculator(KpiFixtures.model(List.of())).compute(history(), MARCH, at("2026-04-10"))
                .timeInStage()).as("no target, no bottleneck, no distribution").isNull();
    }
}
