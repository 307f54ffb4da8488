package io.stagesync.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Immutable, validated settings for opening a {@link StateStore}.
 *
 * <p>The constructor reports every invalid value at once in one {@link IllegalArgumentException} whose
 * message names the configuration keys ({@value #KEY_JDBC_URL}, {@value #KEY_MAX_POOL_SIZE}).
 * {@link #toString()}, {@link #redactedUrl()} and {@link #describe()} never reveal a password.
 *
 * @param jdbcUrl     {@code jdbc:h2:...} or {@code jdbc:postgresql:...}; key {@value #KEY_JDBC_URL}
 * @param username    nullable: the driver's default user; key {@value #KEY_USERNAME}
 * @param password    nullable: no password; key {@value #KEY_PASSWORD}
 * @param maxPoolSize connections kept at most, at least 1; key {@value #KEY_MAX_POOL_SIZE}
 */
public record StoreSettings(String jdbcUrl, String username, String password, int maxPoolSize) {

    public static final String KEY_JDBC_URL = "stagesync.store.jdbc-url";
    public static final String KEY_USERNAME = "stagesync.store.username";
    public static final String KEY_PASSWORD = "stagesync.store.password";
    public static final String KEY_MAX_POOL_SIZE = "stagesync.store.max-pool-size";
    public static final int DEFAULT_MAX_POOL_SIZE = 10;
    /** How long an H2 unit of work waits for another's row locks before failing (see {@link #connectionUrl()}). */
    public static final int H2_LOCK_TIMEOUT_MS = 10_000;

    private static final String H2_PREFIX = "jdbc:h2:";
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

    public StoreSettings {
        List<String> errors = new ArrayList<>();
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            errors.add(KEY_JDBC_URL + " is required, e.g. jdbc:h2:file:/var/lib/stagesync/stagesync"
                    + " or jdbc:postgresql://db-host:5432/stagesync");
        } else if (!jdbcUrl.startsWith(H2_PREFIX) && !jdbcUrl.startsWith(POSTGRES_PREFIX)) {
            errors.add(KEY_JDBC_URL + " must start with " + H2_PREFIX + " (H2) or " + POSTGRES_PREFIX
                    + " (PostgreSQL), the supported databases; got " + redact(jdbcUrl));
        }
        if (maxPoolSize < 1) {
            errors.add(KEY_MAX_POOL_SIZE + " must be at least 1; got " + maxPoolSize);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Invalid store settings: " + String.join("; ", errors));
        }
    }

    /**
     * The shipped default: an embedded H2 file database {@code <dataDir>/stagesync} (absolute path),
     * user {@code sa}, no password. H2 locks the file: a second process opening it fails with
     * a {@link StoreException} saying the database is in use. {@code DB_CLOSE_ON_EXIT=FALSE}: on
     * SIGTERM the store is closed by its owner after the routes have stopped, not by H2's own
     * shutdown hook while a poll in flight still uses it.
     */
    public static StoreSettings h2Default(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("stagesync");
        if (file.toString().contains(";")) {
            throw new IllegalArgumentException("The data directory must not contain ';' (H2 reads it as"
                    + " an option separator): " + dataDir);
        }
        return new StoreSettings(H2_PREFIX + "file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", null,
                DEFAULT_MAX_POOL_SIZE);
    }

    /**
     * The URL the pool opens: {@link #jdbcUrl()}, plus for an H2 URL that does not set them itself:
     * <ul>
     * <li>{@code ;WRITE_DELAY=0}. H2 has no redo log: by default a commit reaches the file only when its background
     *     writer runs (every 500 ms), so a process killed (kill -9, OOM killer) loses the commits of the last half
     *     second, and with them the links of records just created (created again after the restart: duplicates).
     *     With 0 each commit is written before it returns.</li>
     * <li>{@code ;LOCK_TIMEOUT=}{@value #H2_LOCK_TIMEOUT_MS}. A unit of work may wait for the row locks of another
     *     (a poll linking a record a sender's batch is remembering); H2 gives up after 2 s by default, and a sender's
     *     unit of a 200-record batch can take longer than that on a busy machine, which dead-lettered the poll's
     *     record for nothing. PostgreSQL waits as long as it takes; a real deadlock is detected by either. A URL
     *     setting {@code DEFAULT_LOCK_TIMEOUT} keeps its own.</li>
     * </ul>
     */
    public String connectionUrl() {
        if (isPostgres()) {
            return jdbcUrl;
        }
        String upper = jdbcUrl.toUpperCase(Locale.ROOT);
        String url = jdbcUrl;
        if (!upper.contains(";WRITE_DELAY=")) {
            url += ";WRITE_DELAY=0";
        }
        if (!upper.contains(";LOCK_TIMEOUT=") && !upper.contains(";DEFAULT_LOCK_TIMEOUT=")) {
            url += ";LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT_MS;
        }
        return url;
    }

    /** True for a PostgreSQL URL, false for H2. */
    public boolean isPostgres() {
        return jdbcUrl.startsWith(POSTGRES_PREFIX);
    }

    /** The JDBC URL with the value of any {@code password=} option replaced by {@code ****}. */
    public String redactedUrl() {
        return redact(jdbcUrl);
    }

    /**
     * A short human description without credentials, e.g. {@code H2 file /srv/data/stagesync} or
     * {@code PostgreSQL 127.0.0.1:5432/test}, followed by {@code (schema x)} when a PostgreSQL URL
     * sets {@code currentSchema}.
     */
    public String describe() {
        return isPostgres() ? describePostgres() : describeH2();
    }

    private String describeH2() {
        String rest = jdbcUrl.substring(H2_PREFIX.length());
        int options = rest.indexOf(';');
        String target = options < 0 ? rest : rest.substring(0, options);
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:")) {
            return "H2 in-memory " + target.substring(4);
        }
        if (lower.startsWith("tcp:") || lower.startsWith("ssl:")) {
            return "H2 server " + target;
        }
        return "H2 file " + (lower.startsWith("file:") ? target.substring(5) : target);
    }

    private String describePostgres() {
        String rest = jdbcUrl.substring(POSTGRES_PREFIX.length());
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query + 1);
        String location = query < 0 ? rest : rest.substring(0, query);
        String hostAndDb;
        if (location.startsWith("//")) {
            String authority = location.substring(2);
            int slash = authority.indexOf('/');
            String hosts = slash < 0 ? authority : authority.substring(0, slash);
            String db = slash < 0 ? "" : authority.substring(slash + 1);
            hostAndDb = (hosts.contains(":") ? hosts : hosts + ":5432") + "/" + db;
        } else {
            hostAndDb = "localhost:5432/" + location.replaceFirst("^/", "");
        }
        String schema = "";
        for (String param : params.split("&")) {
            if (param.toLowerCase(Locale.ROOT).startsWith("currentschema=")) {
                schema = " (schema " + param.substring("currentschema=".length()) + ")";
            }
        }
        return "PostgreSQL " + hostAndDb + schema;
    }

    private static String redact(String url) {
        return PASSWORD_IN_URL.matcher(url).replaceAll("$1****");
    }

    @Override
    public String toString() {
        return "StoreSettings[jdbcUrl=" + redactedUrl() + ", username=" + username
                + ", password=" + (password == null ? "null" : "****") + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
