package io.stagesync.kpi;

import java.util.Objects;

/**
 * The movement of one stage in a period.
 *
 * @param stage             the stage id
 * @param team              the owning team's id
 * @param entries           arrivals in the stage during the period, each counted (a record arriving twice counts
 *                          twice), including records first seen there and stages passed through by a jump
 * @param firstSeen         the part of {@code entries} that were records first seen at this stage (no earlier
 *                          stage known: new records, and every record of the initial capture)
 * @param exits             departures from the stage during the period, each counted
 * @param medianDaysInStage nullable (no timed exit): median of the days between an exit in the period and the
 *                          entry it ended, over {@link #timedExits()}
 * @param timedExits        exits whose entry was seen as a move: exits after a first sighting (entry time unknown)
 *                          and pass-throughs of a jump (entered and left in one decision) are not timed
 * @param countNow          records whose latest stage, as of "now", is this one
 */
public record StageKpi(String stage, String team, long entries, long firstSeen, long exits, Double medianDaysInStage,
                       long timedExits, long countNow) {
    public StageKpi {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(team, "team");
    }
}
