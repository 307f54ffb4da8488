/**
 * Funnel KPIs computed from the stage history: entries and exits per stage, conversion of each
 * handoff, median time in stage, counts now, results against the team targets, the bottleneck,
 * violations, recycled volume, and campaign ROI from deal data passed in.
 *
 * <p>Pure Java: no Camel, no JDBC, no I/O and no clock (every "now" is a parameter), so every
 * number can be reproduced from its inputs. An ArchUnit test guards this. Parameters and return
 * values are non-null unless their javadoc says "nullable"; all classes are immutable or
 * stateless and thread-safe.
 */
package io.stagesync.kpi;
