package io.stagesync.kpi;

import java.util.Objects;

/**
 * The handoff furthest below its conversion target: among the {@code conversion} targets that were
 * MISSED, the one with the smallest attainment (actual ÷ target); ties go to the earlier handoff in
 * funnel order. There is none when every measured conversion meets its target.
 *
 * @param team       the team the target belongs to
 * @param from       the handoff's source stage
 * @param to         the handoff's target stage
 * @param actual     the measured conversion rate
 * @param target     the target rate
 * @param attainment actual ÷ target, below 1
 */
public record Bottleneck(String team, String from, String to, double actual, double target, double attainment) {
    public Bottleneck {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
