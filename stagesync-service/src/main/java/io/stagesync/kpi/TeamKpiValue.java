package io.stagesync.kpi;

import io.stagesync.model.EntityType;
import io.stagesync.stage.TeamTarget.Metric;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One team KPI of one period, computed by {@link TeamKpiCalculator}.
 *
 * @param metric        which KPI (a team KPI of {@link Metric})
 * @param team          the team it belongs to: the team owning the stage it is about (see the calculator)
 * @param entity        the kind of record it counts
 * @param value         nullable (nothing to measure: an empty cohort, no stage for it in the model): the number
 * @param parts         the numbers it is made of, by name (counts as Long, amounts as BigDecimal, days as Double),
 *                      in a fixed order; unmodifiable
 * @param note          nullable: why there is no value, or what the value leaves out
 * @param contributions every record it counts, with the entries that decided it; unmodifiable
 */
public record TeamKpiValue(Metric metric, String team, EntityType entity, Double value, Map<String, Object> parts,
                           String note, List<KpiContribution> contributions) {
    public TeamKpiValue {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(entity, "entity");
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        contributions = List.copyOf(contributions);
    }
}
