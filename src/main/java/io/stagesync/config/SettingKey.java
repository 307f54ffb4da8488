package io.stagesync.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every {@code stagesync.*} key of {@code application.properties}: name, default, description
 * and validator in one place. docs/configuration.md lists the same keys
 * (checked by {@code ConfigurationDocCoversEverySettingTest}).
 *
 * <p>Validators return an error message, or null when the value is fine. Values of secret keys
 * must be references ({@code ${env:NAME}} or {@code ${file:PATH}}), never literals.
 */
public enum SettingKey {
    DATA_DIR("stagesync.data-dir", "data", false,
            "Directory for the embedded H2 database (used when no JDBC URL is set).", v -> null),
    STORE_JDBC_URL("stagesync.store.jdbc-url", "", false,
            "JDBC URL of the state database: empty for embedded H2 under the data dir, "
                    + "or jdbc:postgresql://HOST:PORT/DB for PostgreSQL.",
            v -> v.isEmpty() || v.startsWith("jdbc:h2:") || v.startsWith("jdbc:postgresql:") ? null
                    : "must be empty (embedded H2), jdbc:h2:… or jdbc:postgresql:…"),
    STORE_USERNAME("stagesync.store.username", "", false, "Database user (PostgreSQL).", v -> null),
    STORE_PASSWORD("stagesync.store.password", "", true,
            "Database password: ${env:NAME} or ${file:PATH}, never a literal.", v -> null),
    STORE_POOL_SIZE("stagesync.store.pool-size", "5", false, "Maximum database connections (1-100).",
            v -> intIn(v, 1, 100)),
    CONNECTORS("stagesync.connectors", "", false,
            "Comma-separated connectors to run: salesforce, netsuite, pardot, eloqua.", v -> null),
    HEARTBEAT_SECONDS("stagesync.heartbeat.period-seconds", "60", false,
            "How often `run` logs its status line (1-86400 s).", v -> intIn(v, 1, 86_400)),
    POLL_SECONDS("stagesync.sync.poll-seconds", "60", false,
            "How often each connector's changes are polled (1-86400 s).", v -> intIn(v, 1, 86_400)),
    PAGE_SIZE("stagesync.sync.page-size", "200", false,
            "Records per page read from a system; the watermark advances after each page (1-2000).",
            v -> intIn(v, 1, 2000)),
    SALES_ORDER_ITEM_ID("stagesync.sync.sales-order-item-id", "", false,
            "NetSuite internal id of the item put on the sales order created when a deal is won.",
            v -> v.isEmpty() || v.matches("\\d+") ? null : "must be a NetSuite internal id (digits)"),
    LOOK_BACK_SALESFORCE("stagesync.sync.look-back-seconds.salesforce", "10", false,
            "How far behind its watermark each Salesforce poll reads again, for changes that commit after their "
                    + "SystemModstamp (0-3600 s; 0 = off).", v -> intIn(v, 0, 3600)),
    LOOK_BACK_NETSUITE("stagesync.sync.look-back-seconds.netsuite", "10", false,
            "How far behind its watermark each NetSuite poll reads again, for edits in a second already read "
                    + "(lastmodifieddate has whole seconds) and saves that commit late (0-3600 s; 0 = off).",
            v -> intIn(v, 0, 3600)),
    LOOK_BACK_PARDOT("stagesync.sync.look-back-seconds.pardot", "90", false,
            "How far behind its watermark each Account Engagement poll reads again, for changes its query cache "
                    + "shows late (up to about a minute; 0-3600 s; 0 = off).", v -> intIn(v, 0, 3600)),
    LOOK_BACK_ELOQUA("stagesync.sync.look-back-seconds.eloqua", "60", false,
            "How far behind its watermark each Eloqua poll reads again, for changes its contact search shows "
                    + "late (0-3600 s; 0 = off).", v -> intIn(v, 0, 3600)),
    MAX_VALUE_CHARS("stagesync.sync.max-value-chars", "32768", false,
            "The longest value (characters) a record may hold in a mapped field; a record with a longer one goes to "
                    + "the dead letters with the reason while the rest flows (255-1000000).",
            v -> intIn(v, 255, 1_000_000)),
    DEAD_LETTER_RETRY_SECONDS("stagesync.dead-letters.retry-seconds", "60", false,
            "How often writes dead-lettered because the target did not have a record they refer to yet are "
                    + "replayed, each at most 10 times (0 = never; 1-86400 s).",
            v -> "0".equals(v.trim()) ? null : intIn(v, 1, 86_400)),
    CAMPAIGN_REFRESH_MINUTES("stagesync.campaigns.refresh-minutes", "360", false,
            "How often campaign costs are read from Pardot or Eloqua for campaign ROI (1-10080 min).",
            v -> intIn(v, 1, 10_080)),
    QUOTA_PARDOT_DAILY_CALLS("stagesync.quota.pardot.daily-calls", "", false,
            "Account Engagement's daily API allowance of the business unit; empty = the edition's default.",
            SettingKey::optionalCount),
    QUOTA_PARDOT_EDITION("stagesync.quota.pardot.edition", "", false,
            "Account Engagement edition, for the default daily allowance: growth (25000), plus (50000), "
                    + "advanced (100000), premium (100000); empty = unknown.",
            SettingKey::pardotEdition),
    QUOTA_ELOQUA_DAILY_CALLS("stagesync.quota.eloqua.daily-calls", "", false,
            "Daily API call allowance to show Eloqua's usage against (Eloqua documents none); empty = unknown.",
            SettingKey::optionalCount),
    QUOTA_NETSUITE_DAILY_CALLS("stagesync.quota.netsuite.daily-calls", "", false,
            "Daily API call budget to show NetSuite's usage against (NetSuite governs concurrency, not a daily "
                    + "count); empty = unknown.",
            SettingKey::optionalCount),
    ADMIN_ENABLED("stagesync.admin.enabled", "true", false,
            "Whether `run` serves the admin API and /metrics over HTTP (true or false).", SettingKey::bool),
    ADMIN_HOST("stagesync.admin.host", "127.0.0.1", false,
            "Address the admin HTTP server binds to: loopback by default; 0.0.0.0 or an interface address "
                    + "exposes it to the network.",
            v -> v.matches("[A-Za-z0-9.-]+|[0-9A-Fa-f:]+") ? null
                    : "must be an IP address or a host name, e.g. 127.0.0.1"),
    ADMIN_PORT("stagesync.admin.port", "8080", false, "TCP port of the admin HTTP server (1-65535).",
            v -> intIn(v, 1, 65_535)),
    ADMIN_TOKEN("stagesync.admin.token", "", true,
            "Bearer token every admin endpoint but /api/health requires: ${env:NAME} or ${file:PATH}; "
                    + "empty = the API refuses every request but health.",
            SettingKey::adminToken);

    /** Account Engagement's daily API calls per business unit by edition (saas-apis.md §3.6, Salesforce Help). */
    public static final java.util.Map<String, Long> PARDOT_EDITIONS = java.util.Map.of("growth", 25_000L,
            "plus", 50_000L, "advanced", 100_000L, "premium", 100_000L);

    /** The look-back key of each system (see {@code SyncSettings#lookBack}). */
    public static final java.util.Map<String, SettingKey> LOOK_BACK = java.util.Map.of("salesforce", LOOK_BACK_SALESFORCE,
            "netsuite", LOOK_BACK_NETSUITE, "pardot", LOOK_BACK_PARDOT, "eloqua", LOOK_BACK_ELOQUA);

    /** Each system's look-back window as documented (the keys' defaults), for engines built without a config. */
    public static java.util.Map<String, java.time.Duration> lookBackDefaults() {
        java.util.Map<String, java.time.Duration> windows = new java.util.HashMap<>();
        LOOK_BACK.forEach((system, key) -> windows.put(system,
                java.time.Duration.ofSeconds(Integer.parseInt(key.defaultValue()))));
        return java.util.Map.copyOf(windows);
    }

    /** Shortest admin token accepted: guessing 16 random characters is out of reach. */
    public static final int ADMIN_TOKEN_MIN_LENGTH = 16;

    private final String key;
    private final String defaultValue;
    private final boolean secret;
    private final String description;
    private final Function<String, String> validator;

    SettingKey(String key, String defaultValue, boolean secret, String description, Function<String, String> validator) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
        this.validator = validator;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** Whether the value is a secret: masked in logs, must be given by reference. */
    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    /** An error message for a bad (resolved) value, or null when it is acceptable. */
    String validate(String value) {
        return validator.apply(value);
    }

    /** The key spelled {@code name}, if stagesync defines it. */
    public static Optional<SettingKey> byKey(String name) {
        return Arrays.stream(values()).filter(k -> k.key.equals(name)).findFirst();
    }

    private static String adminToken(String value) {
        return value.isEmpty() || (value.length() >= ADMIN_TOKEN_MIN_LENGTH
                && value.chars().noneMatch(Character::isWhitespace))
                ? null : "must be at least " + ADMIN_TOKEN_MIN_LENGTH + " characters without spaces";
    }

    private static String pardotEdition(String value) {
        return value.isBlank() || PARDOT_EDITIONS.containsKey(value.trim().toLowerCase(java.util.Locale.ROOT)) ? null
                : "must be one of growth, plus, advanced, premium";
    }

    private static String optionalCount(String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            return n >= 1 ? null : "must be a whole number of at least 1, or empty";
        } catch (NumberFormatException e) {
            return "must be a whole number of at least 1, or empty";
        }
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
