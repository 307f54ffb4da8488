package io.stagesync.kpi;

import io.stagesync.stage.TeamTarget;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * A reporting period, the half-open interval [from, to) of instants, and the calendar rules the
 * KPIs use, all in UTC.
 *
 * <p>Calendar units: a week starts on Monday 00:00, a month on its 1st, a quarter on 1 January,
 * 1 April, 1 July or 1 October, a year on 1 January.
 *
 * @param from inclusive start
 * @param to   exclusive end, strictly after {@code from}
 */
public record KpiPeriod(Instant from, Instant to) {
    private static final double SECONDS_PER_DAY = 86_400.0;

    public KpiPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    /** Whether {@code at} lies in [from, to). */
    public boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    /** The length in days (fractional). */
    public double days() {
        return Duration.between(from, to).getSeconds() / SECONDS_PER_DAY;
    }

    /** The calendar unit of {@code unit} that contains {@code at}, e.g. the month of a date. */
    public static KpiPeriod containing(TeamTarget.Period unit, Instant at) {
        Instant start = unitStart(unit, at);
        return new KpiPeriod(start, next(unit, start));
    }

    /** The calendar unit of {@code unit} that starts at {@code start}; fails if it is not a unit start. */
    public static KpiPeriod startingAt(TeamTarget.Period unit, Instant start) {
        if (!unitStart(unit, start).equals(start)) {
            throw new IllegalArgumentException(start + " is not the start of a " + unit.name().toLowerCase()
                    + " (UTC)");
        }
        return new KpiPeriod(start, next(unit, start));
    }

    /**
     * How many target periods of {@code unit} this period spans, counting each calendar unit it
     * overlaps by the overlapped share of that unit's own length. One whole calendar month is
     * exactly 1 month (28 or 31 days alike); March 2026 is 31/90 of Q1 2026; the ISO week
     * 2026-03-30..2026-04-05 is 2/31 of March plus 5/30 of April.
     */
    public double unitsOf(TeamTarget.Period unit) {
        double units = 0;
        Instant cursor = unitStart(unit, from);
        while (cursor.isBefore(to)) {
            Instant end = next(unit, cursor);
            Instant overlapStart = cursor.isBefore(from) ? from : cursor;
            Instant overlapEnd = end.isAfter(to) ? to : end;
            units += (double) Duration.between(overlapStart, overlapEnd).getSeconds()
                    / Duration.between(cursor, end).getSeconds();
            cursor = end;
        }
        return units;
    }

    private static Instant unitStart(TeamTarget.Period unit, Instant at) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate start = switch (unit) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.with(IsoFields.DAY_OF_QUARTER, 1);
            case YEAR -> day.withDayOfYear(1);
        };
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant next(TeamTarget.Period unit, Instant start) {
        LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate next = switch (unit) {
            case WEEK -> day.plusWeeks(1);
            case MONTH -> day.plusMonths(1);
            case QUARTER -> day.plusMonths(3);
            case YEAR -> day.plusYears(1);
        };
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
