package io.stagesync.kpi;

import static io.stagesync.kpi.KpiFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stagesync.model.EntityType;
import io.stagesync.stage.TeamTarget.Metric;
import io.stagesync.store.StageHistoryEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The team KPIs of March 2026 over a hand-built history and deals, every expected value computed by hand below.
 *
 * <pre>
 * period [2026-03-01, 2026-04-01), now 2026-04-10; dates 00:00Z
 * people
 * L1 first seen LEAD 03-02 | MQL 03-05 | SAL 03-06 | SQL 03-08 | OPPORTUNITY 03-12
 * L2 first seen MQL 03-03 | MQL→SAL refused 03-04 (hold: stays MQL)
 * L3 first seen LEAD 02-20 | MQL 03-10 | SAL 04-05 (after the period, before now)
 * L4 first seen SAL 03-04 (not a lead stage)
 * L5 first seen LEAD 03-15 | jump LEAD→SAL via MQL 03-16
 * L6 first seen LEAD 04-12 (after now: ignored)
 * L7 first seen NURTURE 03-20 (off the main line)
 * accounts
 * A1 first seen CUSTOMER 01-10                         customer at start, retained
 * A2 first seen CUSTOMER 02-01 | CHURNED 03-15          customer at start, churned
 * A3 first seen CUSTOMER 03-05                          first seen a customer in the period: counts at start, retained
 * A4 first seen WON 02-01 | CUSTOMER 03-20              a new customer, not one at the start
 * A5 first seen CUSTOMER 01-01 | CHURNED 02-15          churned before the period
 * A6 first seen CUSTOMER 01-05 | CHURNED 04-02          churned after the period: retained in March
 * deals (amount, kind, close date)
 * D1  OPPORTUNITY 03-01 | WON 03-11        1000, New
 * D2  OPPORTUNITY 02-10 | WON 03-02        3000, Renewal
 * D3  first seen WON 03-05                  500, New          (won, not timed)
 * D4  OPPORTUNITY 03-03 | LOST 03-25
 * D5  OPPORTUNITY 02-01 | LOST 03-09             Renewal
 * D6  OPPORTUNITY 02-15 (open)                   Renewal, closes 03-20: due in March
 * D7  OPPORTUNITY 02-15 (open)                   Renewal, closes 04-15: not due in March
 * D8  OPPORTUNITY 01-10 | WON 02-20               Renewal, closes 03-05: closed before March
 * D9  OPPORTUNITY 03-20 | →WON refused 03-25 (hold)
 * D10 OPPORTUNITY 03-10 | WON 04-05        7000       (won after the period)
 * D11 OPPORTUNITY 03-02 | WON 03-04        (no deal record: no amount)
 * </pre>
 */
class TeamKpiCalculatorTest {
    static final KpiPeriod MARCH = new KpiPeriod(at("2026-03-01"), at("2026-04-01"));

    static List<StageHistoryEntry> history() {
        KpiFixtures.History h = new KpiFixtures.History();
        h.firstSeen("L1", "LEAD", "2026-03-02").accepted("L1", "LEAD", "MQL", "2026-03-05")
                .accepted("L1", "MQL", "SAL", "2026-03-06").accepted("L1", "SAL", "SQL", "2026-03-08")
                .accepted("L1", "SQL", "OPPORTUNITY", "2026-03-12");
        h.firstSeen("L2", "MQL", "2026-03-03").violated("L2", "MQL", "SAL", "hold", "2026-03-04", "sal-owner");
        h.firstSeen("L3", "LEAD", "2026-02-20").accepted("L3", "LEAD", "MQL", "2026-03-10")
                .accepted("L3", "MQL", "SAL", "2026-04-05");
        h.firstSeen("L4", "SAL", "2026-03-04");
        h.firstSeen("L5", "LEAD", "2026-03-15").accepted("L5", "LEAD", "SAL", "2026-03-16", "MQL");
        h.firstSeen("L6", "LEAD", "2026-04-12");
        h.firstSeen("L7", "NURTURE", "2026-03-20");
        h.entity("account").firstSeen("A1", "CUSTOMER", "2026-01-10");
        h.firstSeen("A2", "CUSTOMER", "2026-02-01").accepted("A2", "CUSTOMER", "CHURNED", "2026-03-15");
        h.firstSeen("A3", "CUSTOMER", "2026-03-05");
        h.firstSeen("A4", "WON", "2026-02-01").accepted("A4", "WON", "CUSTOMER", "2026-03-20");
        h.firstSeen("A5", "CUSTOMER", "2026-01-01").accepted("A5", "CUSTOMER", "CHURNED", "2026-02-15");
        h.firstSeen("A6", "CUSTOMER", "2026-01-05").accepted("A6", "CUSTOMER", "CHURNED", "2026-04-02");
        h.entity("deal").firstSeen("D1", "OPPORTUNITY", "2026-03-01").accepted("D1", "OPPORTUNITY", "WON", "2026-03-11");
        h.firstSeen("D2", "OPPORTUNITY", "2026-02-10").accepted("D2", "OPPORTUNITY", "WON", "2026-03-02");
        h.firstSeen("D3", "WON", "2026-03-05");
        h.firstSeen("D4", "OPPORTUNITY", "2026-03-03").accepted("D4", "OPPORTUNITY", "LOST", "2026-03-25");
        h.firstSeen("D5", "OPPORTUNITY", "2026-02-01").accepted("D5", "OPPORTUNITY", "LOST", "2026-03-09");
        h.firstSeen("D6", "OPPORTUNITY", "2026-02-15");
        h.firstSeen("D7", "OPPORTUNITY", "2026-02-15");
        h.firstSeen("D8", "OPPORTUNITY", "2026-01-10").accepted("D8", "OPPORTUNITY", "WON", "2026-02-20");
        h.firstSeen("D9", "OPPORTUNITY", "2026-03-20").violated("D9", "OPPORTUNITY", "WON", "hold", "2026-03-25",
                "won-amount");
        h.firstSeen("D10", "OPPORTUNITY", "2026-03-10").accepted("D10", "OPPORTUNITY", "WON", "2026-04-05");
        h.firstSeen("D11", "OPPORTUNITY", "2026-03-02").accepted("D11", "OPPORTUNITY", "WON", "2026-03-04");
        List<StageHistoryEntry> shuffled = new ArrayList<>(h.entries());
        Collections.reverse(shuffled);
        return shuffled;
    }

    static List<DealRecord> deals() {
        return List.of(deal("D1", "1000", null, "New"), deal("D2", "3000", null, "Renewal"),
                deal("D3", "500", null, "New"), deal("D4", "800", null, "New"), deal("D5", "900", null, "Renewal"),
                deal("D6", "1200", "2026-03-20", "Renewal"), deal("D7", "1300", "2026-04-15", "Renewal"),
                deal("D8", "1400", "2026-03-05", "Renewal"), deal("D9", null, null, null),
                deal("D10", "7000", null, "New"));
    }

    private static DealRecord deal(String id, String amount, String closeDate, String kind) {
        return new DealRecord(id, amount == null ? null : new BigDecimal(amount),
                closeDate == null ? null : at(closeDate), kind);
    }

    static final List<TeamKpiValue> KPIS = new TeamKpiCalculator(KpiFixtures.modelWithDealFields(List.of()))
            .compute(history(), deals(), MARCH, at("2026-04-10"));

    static TeamKpiValue kpi(Metric metric) {
        return KPIS.stream().filter(k -> k.metric() == metric).findFirst().orElseThrow();
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(Metric.LEADS_CREATED, "MARKETING", EntityType.PERSON, 3.0),        // L1, L2, L5
                Arguments.of(Metric.MQLS, "MARKETING", EntityType.PERSON, 4.0),                 // L1, L2, L3, L5
                Arguments.of(Metric.MQL_TO_SAL, "INSIDE_SALES", EntityType.PERSON, 0.75),       // L1, L3, L5 of 4
                Arguments.of(Metric.LEAD_TO_OPPORTUNITY, "INSIDE_SALES", EntityType.PERSON, 1 / 3.0), // L1 of 3
                Arguments.of(Metric.OPPORTUNITIES_CREATED, "INSIDE_SALES", EntityType.DEAL, 5.0), // D1 D4 D9 D10 D11
                Arguments.of(Metric.WIN_RATE, "FIELD_SALES", EntityType.DEAL, 4 / 6.0),         // D1 D2 D3 D11; D4 D5
                Arguments.of(Metric.WINS, "FIELD_SALES", EntityType.DEAL, 4.0),
                Arguments.of(Metric.WON_AMOUNT, "FIELD_SALES", EntityType.DEAL, 4500.0),        // 1000+3000+500+0
                Arguments.of(Metric.AVERAGE_DEAL_SIZE, "FIELD_SALES", EntityType.DEAL, 1125.0), // 4500 / 4
                Arguments.of(Metric.SALES_CYCLE_DAYS, "FIELD_SALES", EntityType.DEAL, 32 / 3.0), // D1 10, D2 20, D11 2
                Arguments.of(Metric.RENEWAL_RATE, "CUSTOMER_SUCCESS", EntityType.DEAL, 1 / 3.0), // D2 of D2 D5 D6
                Arguments.of(Metric.RETAINED_CUSTOMERS, "CUSTOMER_SUCCESS", EntityType.ACCOUNT, 3.0), // A1 A3 A6
                Arguments.of(Metric.CHURN, "CUSTOMER_SUCCESS", EntityType.ACCOUNT, 1.0),        // A2
                Arguments.of(Metric.LOGO_RETENTION, "CUSTOMER_SUCCESS", EntityType.ACCOUNT, 0.75)); // 3 of 4
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void eachKpiHasTheHandComputedValueItsTeamAndItsKindOfRecord(Metric metric, String team, EntityType entity,
                                                                  double value) {
        TeamKpiValue kpi = kpi(metric);
        assertThat(kpi.team()).isEqualTo(team);
        assertThat(kpi.entity()).isEqualTo(entity);
        assertThat(kpi.value()).isCloseTo(value, within(1e-9));
    }

    @Test
    void theKpisComeInTeamOrderAndEveryTeamKpiIsReported() {
        assertThat(KPIS).extracting(TeamKpiValue::metric).containsExactly(Metric.LEADS_CREATED, Metric.MQLS,
                Metric.MQL_TO_SAL, Metric.LEAD_TO_OPPORTUNITY, Metric.OPPORTUNITIES_CREATED, Metric.WIN_RATE,
                Metric.WINS, Metric.WON_AMOUNT, Metric.AVERAGE_DEAL_SIZE, Metric.SALES_CYCLE_DAYS,
                Metric.RENEWAL_RATE, Metric.RETAINED_CUSTOMERS, Metric.CHURN, Metric.LOGO_RETENTION);
    }

    @Test
    void theConversionsListTheirCohortAndWhoConvertedWithTheDecidingEntries() {
        List<KpiContribution> mqlToSal = kpi(Metric.MQL_TO_SAL).contributions();
        assertThat(mqlToSal).extracting(c -> c.canonicalId() + " " + c.role()).containsExactlyInAnyOrder(
                "L1 cohort", "L1 converted", "L2 cohort", "L3 cohort", "L3 converted", "L5 cohort", "L5 converted");
        // L5's jump both entered MQL and reached SAL: one decision
        assertThat(mqlToSal).filteredOn(c -> c.canonicalId().equals("L5")).extracting(KpiContribution::entryIds)
                .containsOnly(List.of(idOf("L5", "SAL")));
        assertThat(kpi(Metric.MQL_TO_SAL).parts()).isEqualTo(Map.of("cohort", 4L, "converted", 3L));
        assertThat(kpi(Metric.LEADS_CREATED).contributions()).extracting(KpiContribution::canonicalId)
                .containsExactly("L1", "L2", "L5");
    }

    @Test
    void theDealKpisSayWhatTheyLeaveOutAndWhichDealsMadeThem() {
        assertThat(kpi(Metric.WINS).parts()).containsEntry("count", 4L).containsEntry("firstSeen", 1L);
        assertThat(kpi(Metric.WON_AMOUNT).parts()).containsEntry("wonAmount", new BigDecimal("4500"))
                .containsEntry("withoutAmount", 1L);
        assertThat(kpi(Metric.WON_AMOUNT).note()).isEqualTo("1 won deal(s) without an amount count 0");
        assertThat(kpi(Metric.SALES_CYCLE_DAYS).contributions()).extracting(c -> c.canonicalId() + " " + c.role())
                .containsExactlyInAnyOrder("D1 timed", "D2 timed", "D3 untimed", "D11 timed");
        assertThat(kpi(Metric.SALES_CYCLE_DAYS).contributions()).filteredOn(c -> c.canonicalId().equals("D1"))
                .extracting(KpiContribution::entryIds).containsExactly(List.of(idOf("D1", "OPPORTUNITY"),
                        idOf("D1", "WON")));
        assertThat(kpi(Metric.RENEWAL_RATE).contributions()).extracting(c -> c.canonicalId() + " " + c.role())
                .containsExactlyInAnyOrder("D2 won", "D5 lost", "D6 due");
        assertThat(kpi(Metric.RENEWAL_RATE).parts()).containsEntry("closedOrDue", 3L);
        assertThat(kpi(Metric.WIN_RATE).contributions()).extracting(c -> c.canonicalId() + " " + c.role())
                .containsExactlyInAnyOrder("D1 won", "D2 won", "D3 won", "D11 won", "D4 lost", "D5 lost");
    }

    @Test
    void theCustomerKpisCountAccountsAtTheStartIncludingThoseFirstSeenAsCustomersInThePeriod() {
        assertThat(kpi(Metric.LOGO_RETENTION).parts()).containsEntry("customersAtStart", 4L)
                .containsEntry("retained", 3L).containsEntry("churned", 1L);
        assertThat(kpi(Metric.CHURN).contributions()).extracting(c -> c.canonicalId() + " " + c.role() + " "
                + c.entryIds().size()).containsExactly("A2 churned 2");
        assertThat(kpi(Metric.RETAINED_CUSTOMERS).contributions()).extracting(KpiContribution::canonicalId)
                .containsExactlyInAnyOrder("A1", "A3", "A6");
    }

    @Test
    void withoutARenewalDeclarationTheRenewalRateIsNotMeasurableAndSaysWhy() {
        TeamKpiValue renewal = new TeamKpiCalculator(KpiFixtures.model(List.of()))
                .compute(history(), deals(), MARCH, at("2026-04-10")).stream()
                .filter(k -> k.metric() == Metric.RENEWAL_RATE).findFirst().orElseThrow();
        assertThat(renewal.value()).isNull();
        assertThat(renewal.note()).contains("no renewal is declared").contains("kpis.renewal");
    }

    @Test
    void emptyInputsGiveZeroCountsAndNoRates() {
        List<TeamKpiValue> empty = new TeamKpiCalculator(KpiFixtures.modelWithDealFields(List.of()))
                .compute(List.of(), List.of(), MARCH, at("2026-04-10"));
        assertThat(empty).filteredOn(k -> k.metric().unit() == io.stagesync.stage.TeamTarget.Metric.Unit.RATE)
                .allSatisfy(k -> assertThat(k.value()).as(k.metric().configName()).isNull());
        assertThat(empty).filteredOn(k -> k.metric() == Metric.WINS || k.metric() == Metric.LEADS_CREATED)
                .allSatisfy(k -> assertThat(k.value()).isZero());
    }

    /** The id of the entry that moved a record into a stage (its first). */
    private static long idOf(String record, String toStage) {
        return history().stream().filter(e -> e.canonicalId().equals(record) && e.toStage().equals(toStage))
                .mapToLong(StageHistoryEntry::id).min().orElseThrow();
    }
}
