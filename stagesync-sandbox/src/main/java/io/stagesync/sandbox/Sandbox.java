package io.stagesync.sandbox;

import io.stagesync.store.jdbc.JdbcStateStore;
import io.stagesync.admin.AdminPortUnavailableException;
import io.stagesync.admin.AdminSettings;
import io.stagesync.app.StagesyncApplication;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.store.StateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The out-of-the-box demo: the real application, with every connector unchanged, running against in-process
 * simulators of Salesforce, NetSuite, Pardot and Eloqua that hold a seeded sample company, while a scripted
 * story plays changes into the simulators as users would make them. State is embedded H2 in a data directory
 * of its own.
 *
 * <p>{@link #start} returns once the admin API answers; {@link #awaitStopped()} blocks until the application
 * stops (SIGTERM, Ctrl-C or {@link #close()}).
 */
public final class Sandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The Salesforce objects the demo streams instead of polling (every object the shipped mappings map). */
    static final String[] STREAMED_SALESFORCE_OBJECTS = {"Account", "Contact", "Lead", "Opportunity"};

    private final SandboxOptions options;
    private final String token;
    private final SandboxWorld world;
    private final StateStore store;
    private final StagesyncApplication app;
    private final Thread runner;
    private final AtomicReference<Throwable> failure;
    private final ScriptPlayer player;
    private boolean released;

    private Sandbox(SandboxOptions options, String token, SandboxWorld world, StateStore store,
                    StagesyncApplication app, Thread runner, AtomicReference<Throwable> failure, ScriptPlayer player) {
        this.options = options;
        this.token = token;
        this.world = world;
        this.store = store;
        this.app = app;
        this.runner = runner;
        this.failure = failure;
        this.player = player;
    }

    /**
     * Starts the simulators, seeds the sample company, boots the application, waits for its admin API, prints
     * the dashboard address and the admin token to {@code out}, then starts the story.
     *
     * @throws SandboxException with a message naming the problem (port taken, data directory not empty,
     *                          config unreadable, start-up failed)
     */
    public static Sandbox start(SandboxOptions options, PrintWriter out) {
        requireEmpty(options.dataDir());
        try {
            AdminPortUnavailableException.checkFree(new AdminSettings(true, "127.0.0.1", options.port(), null));
        } catch (AdminPortUnavailableException e) {
            throw new SandboxException("port " + options.port() + " on 127.0.0.1 is taken, so the dashboard cannot "
                    + "listen there: pass --port N with a free port (" + e.getCause().getMessage() + ")", e);
        }
        String token = AdminTokens.generate();
        SandboxWorld world = SandboxWorld.start();
        StateStore store = null;
        try {
            SampleCompany company = SampleCompany.generate(SampleCompany.DEFAULT_SEED);
            world.seed(company);
            // the demo streams every mapped Salesforce object by Change Data Capture: moves show within a second
            Path configDir = SandboxConfigWriter.write(options, world.systems(), world.salesforce()
                    .changeDataCaptureProperties(STREAMED_SALESFORCE_OBJECTS));
            Map<String, String> env = new HashMap<>();
            world.systems().forEach(system -> env.putAll(system.connectorEnv()));
            env.put(SandboxConfigWriter.TOKEN_ENV, token);
            StagesyncConfig config = StagesyncConfig.load(configDir, env);
            store = JdbcStateStore.open(config.settings().storeSettings());
            StagesyncApplication app = new StagesyncApplication(config, store, options.routesDir());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread runner = new Thread(() -> {
                try {
                    app.run();
                } catch (Throwable e) {
                    failure.set(e);
                    LOG.error("the sandbox's application stopped with an error", e);
                }
            }, "stagesync-sandbox");
            runner.start();
            awaitAdmin(options.port(), runner, failure);
            out.println("Dashboard: http://127.0.0.1:" + options.port() + "/");
            out.println("Admin token: " + token);
            out.flush();
            ScriptPlayer player = new ScriptPlayer(new SandboxStory(world, company),
                    new FirstSyncDone(app, config.settings().connectors()), options.stepMillis(), options.rounds());
            player.start();
            return new Sandbox(options, token, world, store, app, runner, failure, player);
        } catch (IOException | RuntimeException e) {
            world.close();
            if (store != null) {
                store.close();
            }
            throw e instanceof SandboxException se ? se
                    : new SandboxException("the sandbox could not start: " + message(e), e);
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static void requireEmpty(Path dataDir) {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            if (entries.findAny().isPresent()) {
                throw new SandboxException("the sandbox data directory " + dataDir.toAbsolutePath() + " is not empty:"
                        + " a sandbox starts from its own fresh state (pass another --data-dir or remove it)", null);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot read the sandbox data directory " + dataDir.toAbsolutePath(), e);
        }
    }

    private static void awaitAdmin(int port, Thread runner, AtomicReference<Throwable> failure) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!runner.isAlive()) {
                Throwable cause = failure.get();
                throw new SandboxException("the application stopped during start-up"
                        + (cause == null ? "" : ": " + message(cause)), cause);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the admin server is not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while waiting for the admin API", e);
            }
            sleep(200);
        }
        throw new SandboxException("the admin API did not answer on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s", null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The admin API / dashboard base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String adminUrl() {
        return "http://127.0.0.1:" + options.port();
    }

    /** The generated admin token of this run. */
    public String token() {
        return token;
    }

    /** The story's progress. */
    public ScriptPlayer player() {
        return player;
    }

    /** The simulators, for tests that look at what the connectors wrote. */
    public SandboxWorld world() {
        return world;
    }

    /** The state store the application runs on. */
    public StateStore store() {
        return store;
    }

    /** Blocks until the application has stopped; then releases what the sandbox holds. */
    public void awaitStopped() throws InterruptedException {
        runner.join();
        release();
        Throwable cause = failure.get();
        if (cause != null) {
            throw new SandboxException("the sandbox's application failed: " + message(cause), cause);
        }
    }

    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        player.close();
        world.close();
        store.close();
    }

    /** Stops the story and the application, waits for it, and closes the simulators and the store. */
    @Override
    public void close() {
        player.close();
        app.stop();
        try {
            runner.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release();
    }
}
