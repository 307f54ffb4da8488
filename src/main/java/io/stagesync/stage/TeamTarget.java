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
 * @param to     the handoff's target stage (for {@code CONVERSION}), else null
 * @param period the reporting period
 * @param bound  whether {@code value} is a minimum or a maximum
 * @param value  the target value (a count, a rate in 0..1, or days)
 */
public record TeamTarget(String team, Metric metric, String stage, String from, String to,
                         Period period, Bound bound, double value) {
    public TeamTarget {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(bound, "bound");
    }

    /** The measured quantity. */
    public enum Metric {
        ENTRIES, CONVERSION, MEDIAN_DAYS_IN_STAGE;

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
