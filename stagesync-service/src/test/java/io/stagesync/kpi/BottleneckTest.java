package io.stagesync.kpi;

import static io.stagesync.kpi.KpiFixtures.at;
import static io.stagesync.kpi.KpiFixtures.conversion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stagesync.stage.TeamTarget;
import io.stagesync.stage.TeamTarget.Period;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bottleneck is the handoff furthest below its conversion target (smallest actual ÷ target among the
 * missed ones). Each case builds three independent cohorts in March 2026, on handoffs that share no stage
 * (MQL→SAL, SQL→OPPORTUNITY, WON→CUSTOMER), so each rate is exactly converted / cohort as written.
 */
class BottleneckTest {
    private static final KpiPeriod MARCH = new KpiPeriod(at("2026-03-01"), at("2026-04-01"));

    record Cohort(String from, String to, int size, int converted, double target) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // 3/4 = 0.75 ≥ 0.6; 2/4 = 0.5 ≥ 0.4; 4/4 = 1 ≥ 0.95: all met → no bottleneck
                Arguments.of("all met", List.of(new Cohort("MQL", "SAL", 4, 3, 0.6),
                        new Cohort("SQL", "OPPORTUNITY", 4, 2, 0.4), new Cohort("WON", "CUSTOMER", 4, 4, 0.95)),
                        null, null),
                // MQL→SAL 1/4 = 0.25 vs 0.5 → 0.5; SQL→OPPORTUNITY 3/4 = 0.75 vs 1.0 → 0.75; WON→CUSTOMER met
                Arguments.of("one far below", List.of(new Cohort("MQL", "SAL", 4, 1, 0.5),
                        new Cohort("SQL", "OPPORTUNITY", 4, 3, 1.0), new Cohort("WON", "CUSTOMER", 2, 2, 0.5)),
                        "MQL->SAL", 0.5),
                // the later handoff is worse: WON→CUSTOMER 1/8 = 0.125 vs 0.5 → 0.25 beats MQL→SAL 2/4 vs 1.0 → 0.5
                Arguments.of("later and worse", List.of(new Cohort("MQL", "SAL", 4, 2, 1.0),
                        new Cohort("SQL", "OPPORTUNITY", 2, 2, 0.4), new Cohort("WON", "CUSTOMER", 8, 1, 0.5)),
                        "WON->CUSTOMER", 0.25),
                // a tie at 0.5 (WON→CUSTOMER 1/2 vs 1.0 listed first in config, MQL→SAL 1/4 vs 0.5): funnel
                // order decides, not config order
                Arguments.of("tie", List.of(new Cohort("WON", "CUSTOMER", 2, 1, 1.0),
                        new Cohort("MQL", "SAL", 4, 1, 0.5), new Cohort("SQL", "OPPORTUNITY", 1, 1, 0.4)),
                        "MQL->SAL", 0.5),
                // an empty cohort has no rate (NO_DATA) and cannot be the bottleneck; 0/2 vs 0.4 → 0
                Arguments.of("no data is not a bottleneck", List.of(new Cohort("MQL", "SAL", 0, 0, 0.6),
                        new Cohort("SQL", "OPPORTUNITY", 2, 0, 0.4), new Cohort("WON", "CUSTOMER", 1, 1, 0.9)),
                        "SQL->OPPORTUNITY", 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bottleneck(String name, List<Cohort> cohorts, String expected, Double attainment) {
        KpiFixtures.History history = new KpiFixtures.History();
        List<TeamTarget> targets = new java.util.ArrayList<>();
        for (Cohort c : cohorts) {
            targets.add(conversion("INSIDE_SALES", c.from(), c.to(), Period.MONTH, c.target()));
            for (int i = 0; i < c.size(); i++) {
                String record = c.from() + "-" + i;
                history.firstSeen(record, c.from(), "2026-03-02");
                if (i < c.converted()) {
                    history.accepted(record, c.from(), c.to(), "2026-03-03");
                }
            }
        }
        FunnelReport report = new FunnelKpiCalculator(KpiFixtures.model(targets))
                .compute(history.entries(), MARCH, at("2026-04-01"));

        if (expected == null) {
            assertThat(report.bottleneck()).isNull();
        } else {
            assertThat(report.bottleneck().from() + "->" + report.bottleneck().to()).isEqualTo(expected);
            assertThat(report.bottleneck().attainment()).isCloseTo(attainment, within(1e-12));
            assertThat(report.bottleneck().attainment()).isLessThan(1.0);
        }
    }
}
