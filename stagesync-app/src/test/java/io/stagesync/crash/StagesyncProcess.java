package io.stagesync.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code java -jar stagesync.jar run --config DIR} child process at a time, as an admin starts it, with its
 * output appended to one log file across restarts. Not thread-safe: one test thread drives it.
 */
final class StagesyncProcess implements AutoCloseable {
    /** The exit status of a process ended by SIGKILL (128 + 9). */
    static final int SIGKILL_EXIT = 137;
    /** The exit status of a process ended by SIGTERM without a clean exit of its own (128 + 15). */
    static final int SIGTERM_EXIT = 143;

    private final Path jar;
    private final Path configDir;
    private final Map<String, String> env;
    private final Path log;
    private final List<String> jvmOptions;
    private Process process;
    private int starts;

    /**
     * @param env added to the child's environment (the simulators' secrets)
     * @param log the file the child's stdout and stderr are appended to
     */
    StagesyncProcess(Path jar, Path configDir, Map<String, String> env, Path log) {
        // a small, quick-to-boot JVM: the child is killed every few seconds on a 2-core machine
        this(jar, configDir, env, log, QUICK_BOOT);
    }

    /** The JVM options of a child killed every few seconds: small and quick to boot (C1 only). */
    static final List<String> QUICK_BOOT = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** @param jvmOptions the child JVM's options (a benchmark runs it as an admin would: the default JIT) */
    StagesyncProcess(Path jar, Path configDir, Map<String, String> env, Path log, List<String> jvmOptions) {
        this.jar = jar;
        this.configDir = configDir;
        this.env = Map.copyOf(env);
        this.log = log;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Starts the service (the previous process must have ended). */
    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the previous stagesync process is still running");
        }
        starts++;
        Files.writeString(log, "\n===== start " + starts + " =====\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", configDir.toString(), "--routes",
                Path.of("routes").toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
    }

    /** True while the current process runs. */
    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * Kills the process with SIGKILL ({@link Process#destroyForcibly()} on Linux) and waits for it to end.
     *
     * @return its exit status: {@value #SIGKILL_EXIT} when the signal ended it
     */
    int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("stagesync did not end within 60 s of SIGKILL");
        }
        return process.exitValue();
    }

    /**
     * Stops the process with SIGTERM and waits for it to end.
     *
     * @return its exit status (0 after a clean stop, {@value #SIGTERM_EXIT} when the JVM ended on the signal)
     */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("stagesync did not stop within 90 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** The exit status of a process that ended by itself, or null while it runs. */
    Integer exitStatus() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    /** How often the service was started. */
    int starts() {
        return starts;
    }

    /** The last {@code lines} lines of the log, for a failure message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
