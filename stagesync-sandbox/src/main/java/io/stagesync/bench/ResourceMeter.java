package io.stagesync.bench;

import io.stagesync.sandbox.http.SimulatorServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and peak heap of this process over a window. The simulators run in the same process, so their threads'
 * CPU time (and the benchmark's own thread's) is taken out of the engine's share. Not thread-safe: one window at a
 * time, started and stopped on the same thread.
 */
final class ResourceMeter {
    /** The JDK HTTP server's accepting thread of each simulator. */
    private static final String HTTP_SERVER_DISPATCHER = "HTTP-Dispatcher";

    /**
     * What a window used.
     *
     * @param processCpuNanos  CPU time of the whole process
     * @param engineCpuNanos   the same without the simulators' and the benchmark thread's
     * @param peakHeapBytes    sum of the heap pools' peak usage (an upper bound of the peak of their sum)
     */
    record Usage(long processCpuNanos, long engineCpuNanos, long peakHeapBytes) {
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private long processStart;
    private Map<Long, Long> excludedStart = Map.of();

    ResourceMeter() {
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    void start() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        excludedStart = excludedThreadsCpu();
        processStart = os.getProcessCpuTime();
    }

    Usage stop() {
        long process = os.getProcessCpuTime() - processStart;
        long excluded = 0;
        for (Map.Entry<Long, Long> now : excludedThreadsCpu().entrySet()) {
            excluded += now.getValue() - excludedStart.getOrDefault(now.getKey(), 0L);
        }
        long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage() == null ? 0 : p.getPeakUsage().getUsed()).sum();
        return new Usage(process, Math.max(0, process - excluded), peak);
    }

    private Map<Long, Long> excludedThreadsCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        long self = Thread.currentThread().getId();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            if (info.getThreadId() == self || name.startsWith(SimulatorServer.THREAD_PREFIX)
                    || name.equals(HTTP_SERVER_DISPATCHER)) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                }
            }
        }
        return cpu;
    }
}
