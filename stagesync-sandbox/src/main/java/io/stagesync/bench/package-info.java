/**
 * The {@code bench} command's work: the real application against the sandbox's simulators with injected latency,
 * measured against the APIs' physical limit and against a naive one-call-per-record loop
 * ({@link io.stagesync.bench.BenchRunner}; what is measured and how: {@code docs/benchmarks.md}).
 *
 * <p>Promises: never part of the test suite's timing; nothing here changes what the engine does; the pure parts
 * ({@link io.stagesync.bench.BenchOptions}, {@link io.stagesync.bench.BenchResult},
 * {@link io.stagesync.bench.Percentiles}, {@link io.stagesync.bench.Calls}) do no I/O.
 */
package io.stagesync.bench;
