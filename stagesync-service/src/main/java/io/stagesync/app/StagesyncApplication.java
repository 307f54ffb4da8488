package io.stagesync.app;

import io.stagesync.admin.AdminApi;
import io.stagesync.admin.AdminAuth;
import io.stagesync.admin.DeadLetterActions;
import io.stagesync.admin.AdminHttp;
import io.stagesync.admin.AdminPortUnavailableException;
import io.stagesync.admin.AdminSettings;
import io.stagesync.admin.DashboardHttp;
import io.stagesync.admin.DeadLetterReplayer;
import io.stagesync.config.SettingKey;
import io.stagesync.metrics.ConnectorRuntime;
import io.stagesync.metrics.SyncMetrics;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.stage.StageGate;
import io.stagesync.store.StateStore;
import java.nio.file.Path;
import java.util.Objects;
import io.stagesync.sync.SyncEngine;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service: a camel-main runtime with routes from a routes directory, Camel properties from
 * the config directory's {@code application.properties}, and the stage model, gate and state
 * store bound as beans ({@code stageModel}, {@code stageGate}, {@code stateStore},
 * {@code syncStatus}), and, once the Camel context exists, the configured connectors and the
 * sync engine behind bean {@code syncPoller}, which the {@code sync-SYSTEM} routes call on a timer: one per
 * configured connector, made from the route template {@code sync} ({@code routes/sync.yaml}).
 *
 * <p>The admin surface ({@code stagesync.admin.*}): camel-main's HTTP server is enabled on the
 * configured host and port (loopback by default) when {@code stagesync.admin.enabled} is true; the REST DSL
 * block of {@code routes/admin.yaml} is served on it (and makes no route when the admin is disabled), its verbs
 * handing over to the {@code admin-*} routes, which use beans {@code adminAuth}, {@code adminHttp} and
 * {@code syncMetrics}, and the {@code dashboard-*} routes, which use bean {@code dashboardHttp}.
 *
 * <p>{@link #run()} blocks until the process is asked to stop (SIGTERM or Ctrl-C: Camel's
 * hang-up interceptor stops the context cleanly); the caller owns the store and closes it after.
 */
public final class StagesyncApplication {
    private static final Logger LOG = LoggerFactory.getLogger(StagesyncApplication.class);

    /** The route template each connector's poll route is made from ({@code routes/sync.yaml}). */
    static final String SYNC_TEMPLATE = "sync";
    /** The route template of a poll led by one instance of several (cluster mode), in routes/sync.yaml. */
    static final String SYNC_LED_TEMPLATE = "sync-led";
    /** The id of a connector's poll route is this followed by the connector's name. */
    static final String SYNC_ROUTE_PREFIX = "sync-";

    /** How long a SIGTERM waits for {@link #run()} to return after Camel stopped (Camel's own wait comes first). */
    private static final long SHUTDOWN_HOLD_SECONDS = 10;

    private final StagesyncConfig config;
    private final StateStore store;
    private final Main main = new Main();
    private final AdminSettings admin;
    private final SyncMetrics metrics = new SyncMetrics(Clock.systemUTC());
    private volatile ConnectorAssembly assembly;
    private volatile SyncPoller poller;
    private volatile SyncEngine engine;
    /** The Kafka queue between capture and apply, when {@code stagesync.queue=kafka}; else null. */
    private volatile io.stagesync.queue.KafkaChangeQueue queue;
    /** The capture leadership, when {@code stagesync.cluster.enabled}; else null. */
    private volatile io.stagesync.cluster.PostgresLockClusterService cluster;
    /** The record locks shared with the other instances, in cluster mode; else null. */
    private volatile io.stagesync.cluster.PostgresRecordLocks recordLocks;
    private volatile io.stagesync.cluster.PostgresSendClaims sendClaims;
    private volatile io.stagesync.cluster.PostgresCallSlots callSlots;
    private volatile DeadLetterReplayer replayer = DeadLetterReplayer.unavailable();
    private volatile boolean replayerOverridden;

    /**
     * @param config    the validated configuration
     * @param store     the opened state store (not closed by this class)
     * @param routesDir directory whose {@code *.yaml} files are the routes
     */
    public StagesyncApplication(StagesyncConfig config, StateStore store, Path routesDir) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        Path properties = config.dir().resolve("application.properties").toAbsolutePath();
        main.setPropertyPlaceholderLocations("file:" + properties + ";optional=true");
        main.configure().withName("stagesync");
        main.configure().withRoutesIncludePattern("file:" + routesDir.toAbsolutePath() + "/*.yaml");
        for (SettingKey key : SettingKey.values()) {
            if (!key.secret()) {
                main.addOverrideProperty(key.key(), config.settings().get(key));
            }
        }
        main.bind("stageModel", config.model());
        main.bind("stageGate", new StageGate(config.model()));
        main.bind("stateStore", store);
        main.bind("syncStatus", new SyncStatus(config, store));
        boolean campaigns = config.connectorSettings().connectors().values().stream()
                .anyMatch(configured -> configured.connector().readsCampaignCosts());
        main.addOverrideProperty("stagesync.campaigns.enabled", String.valueOf(campaigns));
        main.addOverrideProperty("stagesync.campaigns.refresh-millis", String.valueOf(60_000L
                * Integer.parseInt(config.settings().get(SettingKey.CAMPAIGN_REFRESH_MINUTES).trim())));
        main.bind("campaignCosts", new CampaignCostRefresher(store.campaignCosts(), () -> {
            ConnectorAssembly current = assembly;
            return current == null ? java.util.Map.of() : current.campaignCosts();
        }));
        int retrySeconds = Integer.parseInt(config.settings().get(SettingKey.DEAD_LETTER_RETRY_SECONDS).trim());
        main.addOverrideProperty("stagesync.dead-letters.retry-enabled", String.valueOf(retrySeconds > 0));
        main.addOverrideProperty("stagesync.dead-letters.retry-millis", String.valueOf(1000L * Math.max(1, retrySeconds)));
        ReferenceWaitRetrier referenceWaits = new ReferenceWaitRetrier(store.deadLetters(),
                new DeadLetterActions(store.deadLetters(), () -> replayer), system -> {
                    SyncPoller current = poller;
                    return current == null || current.capturePending(system);
                }, system -> {
                    io.stagesync.cluster.PostgresLockClusterService led = cluster;
                    return led == null || io.stagesync.cluster.CaptureLeadership.leads(led, system);
                });
        if (clusterEnabled()) {
            // an instance killed mid-replay leaves letters REPLAYING that no start of its own may reopen soon
            referenceWaits.reopenInterruptedAfter(java.time.Duration.ofMinutes(1));
        }
        main.bind("referenceWaits", referenceWaits);
        int reconcileMinutes = Integer.parseInt(config.settings().get(SettingKey.RECONCILE_MINUTES).trim());
        main.addOverrideProperty("stagesync.reconcile.enabled", String.valueOf(reconcileMinutes > 0));
        main.addOverrideProperty("stagesync.reconcile.period-millis",
                String.valueOf(60_000L * Math.max(1, reconcileMinutes)));
        ReconcileRunner reconciles = new ReconcileRunner(() -> engine, metrics,
                Boolean.parseBoolean(config.settings().get(SettingKey.RECONCILE_REPAIR).trim()));
        main.bind("reconciles", reconciles);
        this.admin = AdminSettings.from(config.settings());
        main.addOverrideProperty("camel.server.enabled", String.valueOf(admin.enabled()));
        main.addOverrideProperty("camel.server.host", admin.host());
        main.addOverrideProperty("camel.server.port", String.valueOf(admin.port()));
        ConnectorRuntime runtime = new LiveConnectors();
        metrics.bindQuotas(config.settings().connectors(), QuotaAllowances.from(config.connectorSettings()),
                QuotaAllowances.reporting(config.connectorSettings()));
        metrics.bindDeadLetters(store.deadLetters());
        metrics.bindWatermarks(store.watermarks());
        metrics.followStageHistory(store.stageHistory());
        metrics.bindConnectors(runtime);
        main.bind("syncMetrics", metrics);
        main.bind("adminAuth", new AdminAuth(admin.token()));
        main.bind("dashboardHttp", new DashboardHttp());
        main.bind("adminHttp", new AdminHttp(new AdminApi(config.model(), store, runtime, () -> replayer,
                reconciles, Clock.systemUTC()), metrics));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                CamelContext camel = configured.getCamelContext();
                if (clusterEnabled()) {
                    io.stagesync.store.StoreSettings db = store.settings();
                    callSlots = new io.stagesync.cluster.PostgresCallSlots(db.jdbcUrl(), db.username(), db.password(),
                            instanceId());
                }
                assembly = ConnectorAssembly.build(camel, config, metrics, callSlots);
                io.stagesync.sync.ChangeQueue.Factory queueFactory = null;
                if (io.stagesync.queue.KafkaQueueSettings.selected(config.settings())) {
                    io.stagesync.queue.KafkaQueueSettings kafka =
                            io.stagesync.queue.KafkaQueueSettings.from(config.settings());
                    queueFactory = applier -> {
                        queue = new io.stagesync.queue.KafkaChangeQueue(kafka, applier);
                        return queue;
                    };
                }
                SyncEngine engine = StandaloneEngine.engine(config, store, assembly.connectors(),
                        io.stagesync.sync.SendMode.ONE_THREAD_PER_TARGET, queueFactory);
                if (queue != null) {
                    try {
                        camel.addRoutes(new io.stagesync.queue.KafkaApplyRoute(queue));
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot add the Kafka apply route: " + e.getMessage(), e);
                    }
                }
                StagesyncApplication.this.engine = engine;
                poller = new SyncPoller(engine, Clock.systemUTC(), metrics);
                engine.onAppliedApart(poller::count);
                camel.getRegistry().bind("syncPoller", poller);
                cluster = cluster(camel, engine);
                if (cluster != null) {
                    io.stagesync.cluster.PostgresLockClusterService led = cluster;
                    poller.captureWhereLeading(system -> io.stagesync.cluster.CaptureLeadership.epoch(led, system),
                            (system, epoch) -> store.leaderEpochs().caughtUp(
                                    io.stagesync.cluster.CaptureLeadership.namespace(system), epoch));
                }
                addSyncRoutes(camel, cluster == null ? SYNC_TEMPLATE : SYNC_LED_TEMPLATE);
                if (cluster == null) {
                    EngineDeadLetterReplayer.reopenInterrupted(store.deadLetters());
                } else {
                    // another instance may be replaying one right now
                    EngineDeadLetterReplayer.reopenInterrupted(store.deadLetters(), java.time.Duration.ofMinutes(2),
                            Clock.systemUTC());
                }
                if (!replayerOverridden) {
                    replayer = new EngineDeadLetterReplayer(engine);
                }
            }

            @Override
            public void afterStart(BaseMainSupport started) {
                ConnectorAssembly current = assembly;
                if (current != null) {
                    current.describers().forEach((system, describer) ->
                            new StagePicklistReport(system, config.model(), describer).startInBackground());
                }
            }

            @Override
            public void beforeStop(BaseMainSupport stopping) {
                ConnectorAssembly current = assembly;
                if (current != null) {
                    // before Camel stops the routes: a stream's subscription routes end with their deliveries
                    current.closeStreams();
                }
            }

            @Override
            public void afterStop(BaseMainSupport stopped) {
                SyncEngine current = engine;
                if (current != null) {
                    current.close();
                }
                if (queue != null) {
                    queue.close();
                }
                if (recordLocks != null) {
                    recordLocks.close();
                }
                if (sendClaims != null) {
                    sendClaims.close();
                }
                if (assembly != null) {
                    assembly.close();
                }
                if (callSlots != null) {
                    callSlots.close();
                }
            }
        });
    }

    /**
     * One route {@value #SYNC_ROUTE_PREFIX}{@code SYSTEM} per configured connector, from the route template
     * {@value #SYNC_TEMPLATE} ({@code routes/sync.yaml}), in the order of {@code stagesync.connectors}.
     */
    private void addSyncRoutes(CamelContext camel, String template) {
        for (String system : config.connectorSettings().connectors().keySet()) {
            try {
                camel.addRouteFromTemplate(SYNC_ROUTE_PREFIX + system, template, java.util.Map.of("system", system));
            } catch (Exception e) {
                throw new IllegalStateException("cannot create route " + SYNC_ROUTE_PREFIX + system + " from template "
                        + template + " (routes/sync.yaml): " + e.getMessage(), e);
            }
        }
    }

    /**
     * In cluster mode ({@code stagesync.cluster.enabled}): the PostgreSQL cluster service on the context, the
     * engine's captures fenced by it and its record locks shared through PostgreSQL; else null.
     */
    private io.stagesync.cluster.PostgresLockClusterService cluster(CamelContext camel, SyncEngine engine) {
        if (!clusterEnabled()) {
            return null;
        }
        String id = instanceId();
        io.stagesync.store.StoreSettings db = store.settings();
        io.stagesync.cluster.PostgresLockClusterService service = new io.stagesync.cluster.PostgresLockClusterService(
                id, db.jdbcUrl(), db.username(), db.password(), store.leaderEpochs(), java.time.Duration.ofMillis(
                Long.parseLong(config.settings().get(SettingKey.CLUSTER_CHECK_MILLIS).trim())));
        try {
            camel.addService(service);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the capture leadership: " + e.getMessage(), e);
        }
        engine.fenceCaptures(new io.stagesync.cluster.CaptureLeadership(service, store.leaderEpochs()));
        recordLocks = new io.stagesync.cluster.PostgresRecordLocks(db.jdbcUrl(), db.username(), db.password(), id);
        engine.shareRecordLocks(recordLocks);
        engine.shareRecentWrites();
        // a system's writes wait in the outbox, not as dead letters, until its capture leader has read it in its
        // current lead (a new leader's initial capture runs while the other systems' polls already plan writes to
        // it); a capture still pending here, from a lead since lost, holds this instance's writes to it too
        // a record is in flight to a system from one instance at a time: a replay or repair on one instance claims
        // it as the sender of another does
        sendClaims = new io.stagesync.cluster.PostgresSendClaims(db.jdbcUrl(), db.username(), db.password(), id);
        engine.claimSendsWith(sendClaims);
        if (config.settings().get(SettingKey.CLUSTER_SHARED_SENDS).trim().equals("true")) {
            // every instance sends to every system, each the records it claimed
            engine.shareSends(sendClaims);
            io.stagesync.store.LeaderEpochStore epochs = store.leaderEpochs();
            engine.sendOnlyWhere(system -> !engine.capturePending(system)
                    && (io.stagesync.cluster.CaptureLeadership.leads(service, system)
                            || io.stagesync.cluster.CaptureLeadership.caughtUpElsewhere(service, epochs, system)));
        } else {
            // only the instance leading a system's capture sends to it
            engine.sendOnlyWhere(system -> io.stagesync.cluster.CaptureLeadership.leads(service, system)
                    && !engine.capturePending(system));
        }
        LOG.info("cluster mode: instance {}; each system's capture is led by one instance (capture-SYSTEM)", id);
        return service;
    }

    private boolean clusterEnabled() {
        return config.settings().get(SettingKey.CLUSTER_ENABLED).trim().equals("true");
    }

    /** {@code stagesync.cluster.instance-id}, else {@code PID@HOST}. */
    private String instanceId() {
        String id = config.settings().get(SettingKey.CLUSTER_INSTANCE_ID).trim();
        return id.isEmpty() ? ProcessHandle.current().pid() + "@" + hostName() : id;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** What the admin API and the metrics read of the running connectors (null values before they exist). */
    private final class LiveConnectors implements ConnectorRuntime {
        @Override
        public java.util.Map<String, Object> instance() {
            java.util.Map<String, Object> instance = new java.util.LinkedHashMap<>();
            io.stagesync.cluster.PostgresLockClusterService led = cluster;
            instance.put("mode", led == null ? "single" : "cluster");
            if (led != null) {
                instance.put("id", led.getId());
                instance.put("leads", config.settings().connectors().stream()
                        .filter(system -> io.stagesync.cluster.CaptureLeadership.leads(led, system)).toList());
            }
            instance.put("queue", io.stagesync.queue.KafkaQueueSettings.selected(config.settings()) ? "kafka"
                    : "memory");
            io.stagesync.queue.KafkaChangeQueue kafka = queue;
            if (kafka != null) {
                instance.put("partitions", kafka.ownedPartitions());
            }
            return instance;
        }

        @Override
        public java.util.List<String> systems() {
            return config.settings().connectors();
        }

        @Override
        public java.time.Instant lastSuccessfulPoll(String system) {
            SyncPoller current = poller;
            return current == null ? null : current.lastSuccess(system);
        }

        @Override
        public String lastError(String system) {
            SyncPoller current = poller;
            return current == null ? null : current.lastError(system);
        }

        @Override
        public io.stagesync.metrics.ApiQuota apiQuota(String system) {
            return config.settings().connectors().contains(system) ? metrics.quotas().quota(system) : null;
        }

        @Override
        public String breakerState(String system) {
            ConnectorAssembly current = assembly;
            if (current == null || !current.policies().containsKey(system)) {
                return null;
            }
            return current.policies().get(system).breakerState().name();
        }
    }

    /**
     * Replaces the dead letter replayer the admin API uses (tests). By default it is the sync engine's, from
     * the moment the Camel context is configured; before that replays answer 501.
     */
    public void replayDeadLettersWith(DeadLetterReplayer deadLetterReplayer) {
        this.replayer = Objects.requireNonNull(deadLetterReplayer, "deadLetterReplayer");
        this.replayerOverridden = true;
    }

    /** The metrics facade (bean {@code syncMetrics}). */
    public SyncMetrics metrics() {
        return metrics;
    }

    /** The admin server's settings as configured. */
    public AdminSettings adminSettings() {
        return admin;
    }

    /** The poller the routes call, once the Camel context is configured (for tests); null before. */
    public SyncPoller poller() {
        return poller;
    }

    /**
     * Runs until stopped; returns normally after a clean stop.
     *
     * @throws AdminPortUnavailableException before anything starts, when the admin server is enabled and its
     *                                       address is taken or cannot be bound
     */
    public void run() throws Exception {
        run(() -> { });
    }

    /**
     * As {@link #run()}, then closes {@code afterStop} (the store) once the routes have stopped, before a SIGTERM
     * lets the JVM halt: closed by the caller after this returns, an H2 store could be cut off mid-close.
     */
    public void run(AutoCloseable afterStop) throws Exception {
        LOG.info("stagesync starting: config {} ({}); store {}", config.dir(), config.summary(), store.describe());
        config.settings().describe().forEach(line -> LOG.info("setting {}", line));
        if (config.settings().connectors().isEmpty()) {
            LOG.info("no connectors configured: running idle (set stagesync.connectors in {})",
                    config.dir().resolve("application.properties"));
        } else {
            LOG.info("connectors configured: {}", String.join(", ", config.settings().connectors()));
        }
        logAdmin();
        if (admin.enabled()) {
            AdminPortUnavailableException.checkFree(admin);
        }
        // camel-main's SIGTERM hook returns as soon as the CamelContext is stopped, and the JVM halts when the
        // hooks are done: hold it until run() has returned, so its caller's last steps are not cut off
        CountDownLatch returned = new CountDownLatch(1);
        Thread hold = new Thread(() -> {
            try {
                returned.await(SHUTDOWN_HOLD_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stagesync-shutdown-hold");
        Runtime.getRuntime().addShutdownHook(hold);
        try {
            main.run();
            LOG.info("stagesync stopped");
        } finally {
            try {
                afterStop.close();
            } finally {
                returned.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hold);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already running the hooks: ours returns now that the latch is open
            }
        }
    }

    private void logAdmin() {
        if (!admin.enabled()) {
            LOG.info("admin API disabled ({}=false)", SettingKey.ADMIN_ENABLED.key());
            return;
        }
        LOG.info("admin API on http://{}:{}/api, metrics on /metrics", admin.host(), admin.port());
        LOG.info("dashboard on http://{}:{}/", admin.host(), admin.port());
        if (admin.token() == null) {
            LOG.warn("admin API locked: {} is not set, so every endpoint but /api/health answers 401; set it to "
                    + "${env:NAME} or ${file:PATH}", SettingKey.ADMIN_TOKEN.key());
        }
        if (!admin.loopback()) {
            LOG.warn("admin API bound to {}, not a loopback address: it is reachable from the network ({})",
                    admin.host(), SettingKey.ADMIN_HOST.key());
        }
    }

    /** Asks a running {@link #run()} to return (for embedding and tests). */
    public void stop() {
        main.completed();
    }

    /** The Camel runtime, for tests that inspect routes. */
    public Main main() {
        return main;
    }
}
