package io.stagesync.metrics;

import io.stagesync.connector.ApiUsageListener;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API usage per system. Every call attempt that reaches a system is counted in a rolling 24 h window
 * ({@link #called}); a system that reports its own usage (as its connector declares, e.g. Salesforce, through
 * {@link #reported}) is shown with that figure, the others with the count against the configured daily allowance.
 * Thread-safe.
 */
public final class ApiQuotas implements ApiUsageListener {
    private final Clock clock;
    private final Map<String, Long> allowances;
    private final Set<String> reporting;
    private final Map<String, RollingDayCounter> counters = new ConcurrentHashMap<>();
    private final Map<String, Reported> reported = new ConcurrentHashMap<>();

    private record Reported(long used, long allowed, Instant at) {
    }

    /**
     * @param allowances configured daily allowance per counted system (systems missing: unknown)
     * @param reporting  the systems that report their own usage (their connectors say so)
     */
    public ApiQuotas(Clock clock, Map<String, Long> allowances, Set<String> reporting) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allowances = Map.copyOf(allowances);
        this.reporting = Set.copyOf(reporting);
    }

    /** Counts one call attempt that reached the system. */
    public void called(String system) {
        counters.computeIfAbsent(system, s -> new RollingDayCounter(clock)).add();
    }

    @Override
    public void reported(String system, long used, long allowed) {
        reported.put(system, new Reported(used, allowed, clock.instant()));
    }

    /** Whether the system reports its own usage: declared so, or it has reported some. */
    private boolean reports(String system) {
        return reporting.contains(system) || reported.containsKey(system);
    }

    /** The system's usage now. */
    public ApiQuota quota(String system) {
        RollingDayCounter counter = counters.get(system);
        long calls = counter == null ? 0 : counter.inWindow();
        if (reports(system)) {
            Reported last = reported.get(system);
            return last == null ? new ApiQuota(system, ApiQuota.REPORTED, null, null, null, calls)
                    : new ApiQuota(system, ApiQuota.REPORTED, last.used(), last.allowed(), last.at(), calls);
        }
        return new ApiQuota(system, ApiQuota.COUNTED, calls, allowances.get(system), null, calls);
    }
}
