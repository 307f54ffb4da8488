package io.stagesync.sandbox.pardot;

import java.time.Instant;

/**
 * A snapshot of one campaign held by the {@link PardotSimulator}.
 *
 * @param id        the campaign id
 * @param name      its name, non-empty
 * @param cost      its cost in whole currency units (Pardot keeps campaign cost as an integer), or null
 * @param createdAt when it was created
 * @param updatedAt its last change
 */
public record PardotCampaign(long id, String name, Integer cost, Instant createdAt, Instant updatedAt) {
}
