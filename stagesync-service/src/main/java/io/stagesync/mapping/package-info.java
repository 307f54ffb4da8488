/**
 * How system objects map to canonical records: per system object its entity, field mappings, link fields,
 * creation rules and filters ({@link io.stagesync.mapping.ObjectMapping}), and which system's value wins per
 * canonical field ({@link io.stagesync.mapping.OwnershipRule}); all of it held by
 * {@link io.stagesync.mapping.SyncMappings}, read from {@code config/mappings/*.yaml}.
 *
 * <p>Plain immutable values, built by the config loader after validation (so every name in them resolves);
 * depends only on {@code model}. No behaviour of the engine lives here: {@code io.stagesync.sync} applies them.
 */
package io.stagesync.mapping;
