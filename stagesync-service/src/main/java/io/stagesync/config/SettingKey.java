package io.stagesync.config;

import io.stagesync.settings.Setting;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every general {@code stagesync.*} key of {@code application.properties}: its {@link Setting} declaration (name,
 * type, default, bounds, secrecy, meaning) and its validator in one place. docs/configuration.md's general table
 * is these declarations' rows (checked by {@code ConfigurationDocCoversEverySettingTest}).
 *
 * <p>Validators return an error message, or null when the value is fine. Values of secret keys
 * must be references ({@code ${env:NAME}} or {@code ${file:PATH}}), never literals.
 */
public enum SettingKey {
    DATA_DIR(Setting.of("stagesync.data-dir", Setting.Type.PATH,
                    "directory of the embedded H2 database (used when no JDBC URL is set)")
                    .withDefault("data")),
    STORE_JDBC_URL(Setting.of("stagesync.store.jdbc-url", Setting.Type.JDBC_URL,
                    "empty = embedded H2 file `DATA_DIR/stagesync.mv.db`, no set-up; "
                        + "`jdbc:postgresql://HOST:PORT/DB` for PostgreSQL; `jdbc:h2:…` is accepted too (stagesync adds"
                        + " `;WRITE_DELAY=0` when the URL does not set it, so a killed process keeps every commit, and"
                        + " `;LOCK_TIMEOUT=10000`, so a unit of work waits up to 10 s for another's row locks instead of"
                        + " H2's 2 s: a sender's 200-record unit can outlast that on a busy machine)")
                    .withDefault(""),
            v -> v.isEmpty() || v.startsWith("jdbc:h2:") || v.startsWith("jdbc:postgresql:") ? null
                    : "must be empty (embedded H2), jdbc:h2:… or jdbc:postgresql:…"),
    STORE_USERNAME(Setting.of("stagesync.store.username", Setting.Type.TEXT,
                    "database user (PostgreSQL)")
                    .withDefault("")),
    STORE_PASSWORD(Setting.of("stagesync.store.password", Setting.Type.SECRET,
                    "database password, as `${env:NAME}` or `${file:PATH}` only (a literal is refused)")
                    .withDefault("")),
    STORE_POOL_SIZE(Setting.integer("stagesync.store.pool-size", 5, 1, 100,
                    "maximum database connections")),
    CONNECTORS(Setting.of("stagesync.connectors", Setting.Type.LIST,
                    "connectors to run, comma-separated: `salesforce`, `netsuite`, `pardot`, `eloqua` (or an "
                        + "added connector's name: [connector-spi.md](connector-spi.md)); empty = `run` starts idle")
                    .withDefault("")),
    HEARTBEAT_SECONDS(Setting.integer("stagesync.heartbeat.period-seconds", 60, 1, 86400,
                    "how often `run` logs its status line")),
    POLL_SECONDS(Setting.integer("stagesync.sync.poll-seconds", 60, 1, 86400,
                    "how often each connector's changes are read")),
    PAGE_SIZE(Setting.integer("stagesync.sync.page-size", 200, 1, 2000,
                    "records applied per page; the watermark advances after each page")),
    SALES_ORDER_ITEM_ID(Setting.of("stagesync.sync.sales-order-item-id", Setting.Type.DIGITS,
                    "NetSuite internal id of the item on the sales order created for a won deal (in the order "
                        + "system: `sales-orders` in the mappings, see [mappings.md](mappings.md)); empty = such writes"
                        + " become dead letters saying to set it")
                    .withDefault(""),
            v -> v.isEmpty() || v.matches("\\d+") ? null : "must be a NetSuite internal id (digits)"),
    MAX_VALUE_CHARS(Setting.integer("stagesync.sync.max-value-chars", 32768, 255, 1000000,
                    "the longest value (characters) a record may hold in a mapped field; a record with a longer "
                        + "one (a 200 KB company name) is not applied but goes to the dead letters with the reason, its"
                        + " payload keeping the first 1,000 characters of that value, and the rest of its page flows "
                        + "(the default is a Salesforce Long Text Area's default length)")),
    DEAD_LETTER_RETRY_SECONDS(Setting.integer("stagesync.dead-letters.retry-seconds", 60, 0, 86400,
                    "how often dead letters of writes that waited for a record the target did not have yet (\"the"
                        + " customer this record refers to … is not in netsuite yet\") are replayed, each at most 10 "
                        + "times, and writes that waited for their target's first read (\"waiting for the first read of"
                        + " pardot, …\") once that read has succeeded; 0 = never")
                    .withTypeNote("int 0 or 1–86400"),
            v -> "0".equals(v.trim()) ? null : intIn(v, 1, 86_400)),
    CAMPAIGN_REFRESH_MINUTES(Setting.integer("stagesync.campaigns.refresh-minutes", 360, 1, 10080,
                    "how often campaign costs are read from Pardot/Eloqua for campaign ROI (first read 5 s after "
                        + "start); only with `pardot` or `eloqua` configured")),
    RECONCILE_MINUTES(Setting.integer("stagesync.reconcile.interval-minutes", 0, 0, 10080,
                    "how often `reconcile` runs in the service (reads the stage field of every linked record in "
                        + "every connected system: Salesforce one call per 200 records, NetSuite, Pardot and Eloqua one"
                        + " per record; first run a minute after start); its result is `GET /api/reconcile` and the "
                        + "`stagesync_reconcile_*` metrics; 0 = only when asked (`POST /api/reconcile`, the CLI)")
                    .withTypeNote("int 0 or 1–10080"),
            v -> "0".equals(v.trim()) ? null : intIn(v, 1, 10_080)),
    RECONCILE_REPAIR(Setting.of("stagesync.reconcile.repair", Setting.Type.BOOL,
                    "whether the scheduled `reconcile` also writes the canonical stage to the records it finds "
                        + "drifting (`true`/`false`)")
                    .withDefault("false")),
    QUEUE(Setting.of("stagesync.queue", Setting.Type.CHOICE,
                    "the queue between capture and apply: `memory` (one process: a page is applied as it is read) or "
                        + "`kafka` (each change read goes through a Kafka topic keyed by record and is applied by the "
                        + "apply consumers of a consumer group; one instance per store for now: "
                        + "[deployment.md](deployment.md))")
                    .withDefault("memory"),
            v -> v.trim().equals("memory") || v.trim().equals("kafka") ? null : "must be memory or kafka"),
    KAFKA_BOOTSTRAP_SERVERS(Setting.of("stagesync.queue.kafka.bootstrap-servers", Setting.Type.LIST,
                    "the Kafka brokers to start from, `HOST:PORT` comma-separated; required with `stagesync.queue="
                        + "kafka`")
                    .withDefault(""),
            SettingKey::hostPorts),
    KAFKA_TOPIC(Setting.of("stagesync.queue.kafka.topic", Setting.Type.TEXT,
                    "the topic of the changes; created at the first capture when missing (with the partitions and "
                        + "replication factor below, `min.insync.replicas` 2 when replicated)")
                    .withDefault("stagesync-changes"),
            v -> v.trim().matches("[A-Za-z0-9._-]{1,249}") ? null
                    : "must be a Kafka topic name: letters, digits, '.', '_' or '-', at most 249"),
    KAFKA_PARTITIONS(Setting.integer("stagesync.queue.kafka.partitions", 12, 1, 10000,
                    "partitions of a topic stagesync creates: the most apply consumers that can work at once over "
                        + "all instances")),
    KAFKA_REPLICATION(Setting.integer("stagesync.queue.kafka.replication-factor", 3, 1, 32,
                    "replicas of each partition of a topic stagesync creates (3 survives the loss of one broker "
                        + "with no pause in writes)")),
    KAFKA_GROUP_ID(Setting.of("stagesync.queue.kafka.group-id", Setting.Type.TEXT,
                    "the consumer group of the apply consumers: the same on every instance of one deployment")
                    .withDefault("stagesync-apply"),
            v -> v.isBlank() ? "must not be empty" : null),
    KAFKA_CONSUMERS(Setting.integer("stagesync.queue.kafka.consumers", 2, 1, 64,
                    "apply consumers (threads) of this instance; each owns some of the partitions")),
    KAFKA_SEND_TIMEOUT_SECONDS(Setting.integer("stagesync.queue.kafka.send-timeout-seconds", 30, 1, 600,
                    "how long a capture waits for the brokers to acknowledge a page (all in-sync replicas); "
                        + "after that the page is read again at the next poll")),
    KAFKA_CLIENT_PROPERTIES(Setting.of("stagesync.queue.kafka.client-properties", Setting.Type.PATH,
                    "a Kafka client properties file added to the producer's, consumers' and admin client's "
                        + "settings (TLS, SASL: `security.protocol`, `sasl.jaas.config`, …); empty = none")
                    .withDefault(""),
            v -> v.isBlank() || java.nio.file.Files.isReadable(java.nio.file.Path.of(v.trim())) ? null
                    : "must be a readable file"),
    CLUSTER_ENABLED(Setting.of("stagesync.cluster.enabled", Setting.Type.BOOL,
                    "several instances on one PostgreSQL store: each system is polled (and streamed) by one "
                        + "instance of those sharing the store, the leader of `capture-SYSTEM` (a PostgreSQL advisory "
                        + "lock; camel-master), the leads spread over the instances up, a deposed leader moves no "
                        + "watermark, each system's `max-concurrent-calls` counts over all instances together, and "
                        + "recent writes are shared through the store (`true`/`false`); needs the store on PostgreSQL; "
                        + "read the limits in [deployment.md](deployment.md) first")
                    .withDefault("false")),
    CLUSTER_INSTANCE_ID(Setting.of("stagesync.cluster.instance-id", Setting.Type.TEXT,
                    "this instance's name in the leadership table, the logs and `/api/health`; empty = host name and "
                        + "process id")
                    .withDefault(""),
            v -> v.length() > 100 ? "must be at most 100 characters" : null),
    CLUSTER_CHECK_MILLIS(Setting.integer("stagesync.cluster.check-millis", 1000, 100, 60000,
                    "how often an instance tries to take the lead of a capture it does not lead, and checks the "
                        + "one it holds; a dead leader is replaced within about this plus 1 s")),
    CLUSTER_SHARED_SENDS(Setting.of("stagesync.cluster.shared-sends", Setting.Type.BOOL,
                    "cluster mode: every instance sends to every system, each the records it claimed, so the writes "
                        + "to one system spread over the instances (`true`); `false`: only the instance leading that "
                        + "system's capture sends to it, see [deployment.md](deployment.md)")
                    .withDefault("true")),
    ADMIN_ENABLED(Setting.of("stagesync.admin.enabled", Setting.Type.BOOL,
                    "serve the admin API, `/metrics` and the dashboard over HTTP (`true`/`false`)")
                    .withDefault("true")),
    ADMIN_HOST(Setting.of("stagesync.admin.host", Setting.Type.HOST,
                    "bind address of the admin server; loopback unless you set another address (`0.0.0.0` = every"
                        + " interface: put TLS and a firewall in front)")
                    .withDefault("127.0.0.1"),
            v -> v.matches("[A-Za-z0-9.-]+|[0-9A-Fa-f:]+") ? null
                    : "must be an IP address or a host name, e.g. 127.0.0.1"),
    ADMIN_PORT(Setting.integer("stagesync.admin.port", 8080, 1, 65535,
                    "TCP port of the admin server")),
    ADMIN_TOKEN(Setting.of("stagesync.admin.token", Setting.Type.SECRET,
                    "the bearer token of the admin API, at least 16 characters without spaces; empty = every "
                        + "endpoint but `/api/health` answers 401")
                    .withDefault(""),
            SettingKey::adminToken);

    /** Null when the value is empty or every comma-separated item is {@code HOST:PORT}, else what is wrong. */
    private static String hostPorts(String value) {
        if (value.isBlank()) {
            return null;
        }
        for (String item : value.split(",")) {
            if (!item.trim().matches("[A-Za-z0-9.-]+:[0-9]{1,5}|\\[[0-9A-Fa-f:]+\\]:[0-9]{1,5}")) {
                return "each item must be HOST:PORT, e.g. kafka-1:9092"
                        + (value.contains(",") ? " (\"" + item.trim() + "\" is not)" : "");
            }
        }
        return null;
    }

    /** Shortest admin token accepted: guessing 16 random characters is out of reach. */
    public static final int ADMIN_TOKEN_MIN_LENGTH = 16;

    private final Setting setting;
    private final Function<String, String> validator;

    /** A key whose values are checked by its declaration alone: whole numbers by their bounds, booleans. */
    SettingKey(Setting setting) {
        this(setting, switch (setting.type()) {
            case INT -> value -> intIn(value, setting.min().intValue(), setting.max().intValue());
            case BOOL -> SettingKey::bool;
            default -> value -> null;
        });
    }

    SettingKey(Setting setting, Function<String, String> validator) {
        this.setting = setting;
        this.validator = validator;
    }

    /** The declaration: key, type, default, bounds, secrecy and meaning. */
    public Setting setting() {
        return setting;
    }

    public String key() {
        return setting.key();
    }

    /** The value used when none is given, as written in a properties file ("" = empty). */
    public String defaultValue() {
        return setting.defaultValue();
    }

    /** Whether the value is a secret: masked in logs, must be given by reference. */
    public boolean secret() {
        return setting.secret();
    }

    public String description() {
        return setting.doc();
    }

    /** An error message for a bad (resolved) value, or null when it is acceptable. */
    String validate(String value) {
        return validator.apply(value);
    }

    /** The key spelled {@code name}, if stagesync defines it. */
    public static Optional<SettingKey> byKey(String name) {
        return Arrays.stream(values()).filter(k -> k.key().equals(name)).findFirst();
    }

    private static String adminToken(String value) {
        return value.isEmpty() || (value.length() >= ADMIN_TOKEN_MIN_LENGTH
                && value.chars().noneMatch(Character::isWhitespace))
                ? null : "must be at least " + ADMIN_TOKEN_MIN_LENGTH + " characters without spaces";
    }

    private static String bool(String value) {
        return value.trim().equals("true") || value.trim().equals("false") ? null : "must be true or false";
    }

    private static String intIn(String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            return n >= min && n <= max ? null : "must be between " + min + " and " + max;
        } catch (NumberFormatException e) {
            return "must be a whole number between " + min + " and " + max;
        }
    }
}
