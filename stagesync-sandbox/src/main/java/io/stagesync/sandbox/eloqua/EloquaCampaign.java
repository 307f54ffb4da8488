package io.stagesync.sandbox.eloqua;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A snapshot of one campaign held by the {@link EloquaSimulator}.
 *
 * @param id         the campaign id
 * @param name       its name, non-empty
 * @param actualCost what it cost, or null
 * @param createdAt  when it was created
 * @param updatedAt  its last change
 */
public record EloquaCampaign(long id, String name, BigDecimal actualCost, Instant createdAt, Instant updatedAt) {
}
