package io.stagesync.kpi;

import static io.stagesync.kpi.KpiFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stagesync.stage.TeamTarget.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a report period is measured in target periods (the scaling rule of entries targets). */
class KpiPeriodTest {

    @ParameterizedTest(name = "[{0}, {1}) in {2}")
    @CsvSource({
            // one calendar month is exactly one month, whatever its length
            "2026-02-01, 2026-03-01, MONTH, 1.0",
            "2026-03-01, 2026-04-01, MONTH, 1.0",
            // Q1 2026 = January + February + March
            "2026-01-01, 2026-04-01, MONTH, 3.0",
            // March is 31 of Q1 2026's 31+28+31 = 90 days
            "2026-03-01, 2026-04-01, QUARTER, 0.344444444444",
            // ISO week 2026-03-30..04-05: 2 of March's 31 days + 5 of April's 30
            "2026-03-30, 2026-04-06, MONTH, 0.231182795699",
            // March 2026 holds 31 / 7 weeks
            "2026-03-01, 2026-04-01, WEEK, 4.428571428571",
            // 2026 is not a leap year: 31 of 365 days
            "2026-03-01, 2026-04-01, YEAR, 0.084931506849",
            // half a day of a month of 31 days: 0.5 / 31
            "2026-03-10T00:00:00Z, 2026-03-10T12:00:00Z, MONTH, 0.016129032258"
    })
    void unitsOf(String from, String to, Period unit, double expected) {
        assertThat(new KpiPeriod(at(from), at(to)).unitsOf(unit)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void calendarUnitsStartOnMondayTheFirstAndTheQuarter() {
        assertThat(KpiPeriod.containing(Period.WEEK, at("2026-03-12T15:00:00Z")))
                .isEqualTo(new KpiPeriod(at("2026-03-09"), at("2026-03-16")));
        assertThat(KpiPeriod.containing(Period.MONTH, at("2026-02-28T23:59:59Z")))
                .isEqualTo(new KpiPeriod(at("2026-02-01"), at("2026-03-01")));
        assertThat(KpiPeriod.containing(Period.QUARTER, at("2026-05-20")))
                .isEqualTo(new KpiPeriod(at("2026-04-01"), at("2026-07-01")));
        assertThat(KpiPeriod.containing(Period.YEAR, at("2026-05-20")))
                .isEqualTo(new KpiPeriod(at("2026-01-01"), at("2027-01-01")));
        assertThat(KpiPeriod.startingAt(Period.MONTH, at("2026-03-01")).to()).isEqualTo(at("2026-04-01"));
    }

    @Test
    void rejectsAnEmptyPeriodAndAMisalignedStart() {
        assertThatThrownBy(() -> new KpiPeriod(at("2026-03-01"), at("2026-03-01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be before");
        assertThatThrownBy(() -> KpiPeriod.startingAt(Period.MONTH, at("2026-03-02")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the start of a month");
    }
}
