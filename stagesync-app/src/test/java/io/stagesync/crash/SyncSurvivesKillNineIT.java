package io.stagesync.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.stagesync.store.StoreSettings;
import io.stagesync.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The crash test: the packaged {@code target/stagesync.jar} runs as a child process ({@code java -jar stagesync.jar
 * run --config DIR}) against the sandbox's simulators of Salesforce, NetSuite and Pardot living in this JVM (so they
 * outlive every kill), each call answered after 5-40 ms, while users keep creating and editing records on every
 * side (see {@link CrashWorkload}). The service is killed with SIGKILL at random moments (during start-up, during
 * the first sync, while it writes a page) and started again, {@value #DEFAULT_KILLS} times by default; then the
 * users stop, the sync runs until it settles ({@link Quiescence}) and a set check over every target must find 0 lost, 0
 * duplicated, 0 stale values ({@link SetCheck}), and the service's own state an id cross-reference that is 1:1 and
 * no open dead letter ({@link StoredStateCheck}). Once with the state in an H2 file, once in PostgreSQL.
 *
 * <p>Needs the jar built by {@code package}: runs under failsafe in {@code verify} (system property
 * {@code stagesync.jar}), and PostgreSQL through {@link TestPostgres} (the embedded server unless one is named).
 * Alone, with 100 kills per database instead of 10:
 * <pre>
 * ./mvnw -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=SyncSurvivesKillNineIT -Dcrash.kills=100
 * </pre>
 * Each run prints its seed ({@code kill -9 crash test [h2]: seed 123 …}); {@code -Dcrash.seed=123} replays the same
 * schedule (the kill moments and the users' choices; thread timing differs from run to run, so a replay makes the
 * same failure likely, not certain). One database only: {@code -Dit.test=SyncSurvivesKillNineIT#survivesOnH2}. The
 * service's log, config and H2 state of a run stay in {@code target/kill-nine/<database>-<seed>/}.
 */
class SyncSurvivesKillNineIT {
    static final int DEFAULT_KILLS = 10;
    private static final Path JAR = Path.of(System.getProperty("stagesync.jar", "target/stagesync.jar"));
    private static final Duration MIN_LATENCY = Duration.ofMillis(5);
    private static final Duration MAX_LATENCY = Duration.ofMillis(40);
    /** How long nothing may change in any system before the set check runs (and every connector polled twice since). */
    private static final Duration QUIET = Duration.ofSeconds(6);
    private static final Duration CONVERGE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(25);

    @Test
    void survivesOnH2() throws Exception {
        long seed = seed();
        Path dir = CrashRuns.runDir("h2", seed);
        Path data = dir.resolve("data");
        Map<String, String> store = Map.of("stagesync.data-dir", data.toString(), "stagesync.store.jdbc-url", "");
        String url = StoreSettings.h2Default(data).jdbcUrl();
        crashTest("h2", seed, dir, store, Map.of(), () -> DriverManager.getConnection(url, "sa", ""), null);
    }

    @Test
    void survivesOnPostgreSql() throws Exception {
        long seed = seed();
        Path dir = CrashRuns.runDir("postgresql", seed);
        String schema = TestPostgres.newSchema();
        try {
            Map<String, String> store = new HashMap<>();
            store.put("stagesync.data-dir", dir.resolve("data").toString());
            store.put("stagesync.store.jdbc-url", TestPostgres.urlFor(schema));
            store.put("stagesync.store.username", TestPostgres.user());
            Map<String, String> env = new HashMap<>();
            if (TestPostgres.password() != null) {
                store.put("stagesync.store.password", "${env:STAGESYNC_CRASH_TEST_PG_PASSWORD}");
                env.put("STAGESYNC_CRASH_TEST_PG_PASSWORD", TestPostgres.password());
            }
            crashTest("postgresql", seed, dir, store, env, TestPostgres::connect, schema);
        } finally {
            TestPostgres.dropSchema(schema);
        }
    }

    private interface Database {
        Connection connect() throws Exception;
    }

    private static long seed() {
        return Long.getLong("crash.seed", new SecureRandom().nextLong());
    }

    private void crashTest(String database, long seed, Path dir, Map<String, String> store,
                           Map<String, String> extraEnv, Database db, String schema) throws Exception {
        int kills = Integer.getInteger("crash.kills", DEFAULT_KILLS);
        System.out.printf("kill -9 crash test [%s]: seed %d, %d kills (replay: -Dcrash.seed=%d)%n", database, seed,
                kills, seed);
        long began = System.nanoTime();
        try (VendorFakes fakes = new VendorFakes(MIN_LATENCY, MAX_LATENCY)) {
            CrashWorkload users = new CrashWorkload(fakes, seed * 31 + 7);
            users.seed(100, 100, 50);
            Map<String, String> env = new HashMap<>(fakes.env());
            env.putAll(extraEnv);
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            env.put(VendorFakes.ADMIN_TOKEN_ENV, token);
            int adminPort = CrashRuns.freePort();
            Path log = dir.resolve("stagesync.log");
            Path config = fakes.writeConfig(dir.resolve("config"), store, adminPort);
            SetCheck.Result sets;
            StoredStateCheck.Result state;
            int stopped;
            try (StagesyncProcess service = new StagesyncProcess(JAR, config, env, log)) {
                ServiceAdmin admin = new ServiceAdmin(adminPort, token);
                try {
                    killAgainAndAgain(service, fakes, admin, users, kills, new Random(seed));
                } finally {
                    users.stop();
                }
                new Quiescence(fakes, admin).await(QUIET, CONVERGE_TIMEOUT, () -> requireRunning(service));
                sets = SetCheck.run(fakes, users.accounts(), users.prospects());
                stopped = service.stop();
            }
            try (Connection connection = db.connect()) {
                state = StoredStateCheck.run(connection, schema, users.accounts(), users.prospects(),
                        sets.staleAccounts(), fakes.salesforce());
            }
            String summary = String.format("kill -9 crash test [%s]: seed %d, kills %d, records %d, lost %d, "
                            + "duplicated %d, stale %d, xref mismatches %d, open dead letters %d, user changes %d, "
                            + "elapsed %d s", database, seed, kills, sets.records(), sets.lost(), sets.duplicated(),
                    sets.stale(), state.xrefMismatches(), state.openDeadLetters(), users.edits(),
                    Duration.ofNanos(System.nanoTime() - began).toSeconds());
            System.out.println(summary);
            List<String> findings = new ArrayList<>(sets.findings());
            findings.addAll(state.findings());
            if (!findings.isEmpty()) {
                fail(summary + " (replay: -Dcrash.seed=" + seed + "; the service's log: " + log + ")\n  "
                        + String.join("\n  ", findings));
            }
            assertThat(stopped).as("exit status after SIGTERM").isIn(0, StagesyncProcess.SIGTERM_EXIT);
        }
    }

    /**
     * Starts the service, then {@code kills} times kills it with SIGKILL and starts it again, while the users change
     * records. A kill comes at one of three moments, each chosen at random: while it boots (a quarter of the kills);
     * up to 6 s after it logged in to Salesforce, while it captures and writes (a quarter); or up to 3 s after it
     * committed a page (a watermark moved), while it writes the next (half of them), so the service makes progress
     * between kills. Returns once the last start has logged in.
     */
    private static void killAgainAndAgain(StagesyncProcess service, VendorFakes fakes, ServiceAdmin admin,
                                          CrashWorkload users, int kills, Random schedule) throws Exception {
        long logins = fakes.salesforce().loginCount();
        service.start();
        users.start();
        for (int kill = 1; kill <= kills; kill++) {
            int moment = schedule.nextInt(4);
            if (moment == 0) {
                Thread.sleep(200 + schedule.nextInt(2_800));
            } else {
                awaitLogin(service, fakes, logins);
                if (moment >= 2) {
                    awaitProgress(service, admin);
                }
                Thread.sleep(schedule.nextInt(moment == 1 ? 6_000 : 3_000));
            }
            requireRunning(service);
            assertThat(service.kill9()).as("exit status of kill %d: SIGKILL", kill)
                    .isEqualTo(StagesyncProcess.SIGKILL_EXIT);
            logins = fakes.salesforce().loginCount();
            service.start();
        }
        awaitLogin(service, fakes, logins);
    }

    /** Waits until a watermark moves past where this start found it (a page committed), at most 25 s. */
    private static void awaitProgress(StagesyncProcess service, ServiceAdmin admin) throws Exception {
        long deadline = System.nanoTime() + PROGRESS_TIMEOUT.toNanos();
        Map<String, String> before = admin.watermarks();
        while (System.nanoTime() < deadline) {
            requireRunning(service);
            Thread.sleep(100);
            Map<String, String> now = admin.watermarks();
            if (before.isEmpty()) {
                before = now; // the admin API was not up yet
            } else if (!now.isEmpty() && !now.equals(before)) {
                return;
            }
        }
    }

    /** Waits until the process started last has logged in to Salesforce: its routes are up. */
    private static void awaitLogin(StagesyncProcess service, VendorFakes fakes, long loginsBefore) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (fakes.salesforce().loginCount() <= loginsBefore) {
            requireRunning(service);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stagesync did not log in to Salesforce within " + START_TIMEOUT.toSeconds()
                        + " s of start " + service.starts() + ":\n" + service.logTail(60));
            }
            Thread.sleep(50);
        }
    }

    private static void requireRunning(StagesyncProcess service) {
        if (!service.isAlive()) {
            throw new AssertionError("stagesync ended by itself (exit status " + service.exitStatus() + ") after start "
                    + service.starts() + ":\n" + service.logTail(80));
        }
    }
}
