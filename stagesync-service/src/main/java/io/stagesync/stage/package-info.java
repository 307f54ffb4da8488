/**
 * The shared lifecycle stage model and its gate: teams, stages, declared fields, allowed transitions with their
 * handoff rules (CEL conditions compiled and type-checked by {@link io.stagesync.stage.ConditionCompiler}),
 * violation policies, team targets, per-system stage mappings and the KPI roles ({@link
 * io.stagesync.stage.KpiModel}), held by {@link io.stagesync.stage.StageModel}; and
 * {@link io.stagesync.stage.StageGate}, which decides whether a record may move from one stage to another and
 * explains why ({@link io.stagesync.stage.GateDecision}).
 *
 * <p>Promises: pure domain code, with no Camel, JDBC, HTTP, file I/O, YAML or JSON library and no dependency on
 * config, store, app or cli (checked by {@code DomainBoundaryTest}); no clock, so the same model and record give
 * the same decision. A {@link io.stagesync.stage.StageModel} is only built by the config loader after validation,
 * so every reference in it resolves. Types are immutable and thread-safe; parameters and return values are
 * non-null unless their javadoc says "nullable".
 */
package io.stagesync.stage;
