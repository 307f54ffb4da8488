package io.stagesync.stage;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A team's numeric responsibility, against which the funnel KPIs are reported.
 *
 * @param team   the team id, non-null
 * @param metric what is measured
 * @param stage  the stage measured (for {@code ENTRIES} and {@code MEDIAN_DAYS_IN_STAGE}), else null
 * @param from   the handoff's source stage (for {@code CONVERSION}), else null
 * @param to     the handoff's target stage (for {@code CONVERSION}), else null; team KPIs name no stage
 * @param period the reporting period
 * @param bound  whether {@code value} is a minimum or a maximum
 * @param value  the target value (a count, a rate in 0..1, an amount, or days)
 */
public record TeamTarget(String team, Metric metric, String stage, String from, String to,
                         Period period, Bound bound, double value) {
    public TeamTarget {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(bound, "bound");
    }

    /**
     * The measured quantity: a stage's entries, a handoff's conversion, the median days in a stage, or one of the
     * team KPIs (docs/kpis.md), which name no stage.
     */
    public enum Metric {
        ENTRIES(Needs.STAGE, Unit.COUNT, true),
        CONVERSION(Needs.HANDOFF, Unit.RATE, false),
        MEDIAN_DAYS_IN_STAGE(Needs.STAGE, Unit.DAYS, false),
        LEADS_CREATED(Needs.NOTHING, Unit.COUNT, true),
        MQLS(Needs.NOTHING, Unit.COUNT, true),
        MQL_TO_SAL(Needs.NOTHING, Unit.RATE, false),
        LEAD_TO_OPPORTUNITY(Needs.NOTHING, Unit.RATE, false),
        OPPORTUNITIES_CREATED(Needs.NOTHING, Unit.COUNT, true),
        WIN_RATE(Needs.NOTHING, Unit.RATE, false),
        WINS(Needs.NOTHING, Unit.COUNT, true),
        WON_AMOUNT(Needs.NOTHING, Unit.AMOUNT, true),
        AVERAGE_DEAL_SIZE(Needs.NOTHING, Unit.AMOUNT, false),
        SALES_CYCLE_DAYS(Needs.NOTHING, Unit.DAYS, false),
        RENEWAL_RATE(Needs.NOTHING, Unit.RATE, false),
        RETAINED_CUSTOMERS(Needs.NOTHING, Unit.COUNT, false),
        CHURN(Needs.NOTHING, Unit.COUNT, true),
        LOGO_RETENTION(Needs.NOTHING, Unit.RATE, false);

        /** What a target of the metric must name besides the metric. */
        public enum Needs { STAGE, HANDOFF, NOTHING }

        /** What the measured value is: a count, a share in 0..1, an amount of money, or days. */
        public enum Unit { COUNT, RATE, AMOUNT, DAYS }

        private final Needs needs;
        private final Unit unit;
        private final boolean perPeriod;

        Metric(Needs needs, Unit unit, boolean perPeriod) {
            this.needs = needs;
            this.unit = unit;
            this.perPeriod = perPeriod;
        }

        public Needs needs() {
            return needs;
        }

        public Unit unit() {
            return unit;
        }

        /**
         * Whether the value accumulates over time (a count or amount of the period), so a target for one
         * target period is scaled to the report's period; rates, averages, durations and levels are not.
         */
        public boolean perPeriod() {
            return perPeriod;
        }

        /** Whether this is one of the team KPIs (named by no stage), as opposed to a stage or handoff measure. */
        public boolean isTeamKpi() {
            return needs == Needs.NOTHING;
        }

        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Metric> parse(String text) {
            for (Metric m : values()) {
                if (m.configName().equalsIgnoreCase(String.valueOf(text).trim())) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }

        /** Every config spelling, comma separated, for error messages. */
        public static String allNames() {
            return String.join(", ", java.util.Arrays.stream(values()).map(Metric::configName).toList());
        }
    }

    /** The period the target is set for. */
    public enum Period {
        WEEK, MONTH, QUARTER, YEAR;

        public static Optional<Period> parse(String text) {
            for (Period p : values()) {
                if (p.name().equalsIgnoreCase(String.valueOf(text).trim())) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /** Whether the value is a floor ({@code min:}) or a ceiling ({@code max:}). */
    public enum Bound { MIN, MAX }
}
