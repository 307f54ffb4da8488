package io.stagesync.connector.eloqua;

import io.stagesync.connector.CallTimeouts;
import io.stagesync.connector.ConnectorSettingsReader;
import io.stagesync.settings.Setting;
import io.stagesync.settings.SettingsException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Immutable, validated settings of the Eloqua connector (Application API and Bulk API 2.0).
 *
 * <p>Built only by {@link #from(Map)}, which reads the keys below, applies defaults and reports
 * every problem at once in one {@link SettingsException} whose messages name the key.
 * Secret values arrive already resolved (the settings registry resolves {@code ${env:…}} and
 * {@code ${file:…}} references); {@link #toString()} never shows them.
 *
 * <p>The keys, with type, default, bounds and meaning, are declared once in {@link #SETTINGS}
 * ({@code docs/configuration.md} shows the same rows).
 *
 * <p>Unknown keys under {@value #PREFIX} are reported as errors (they are usually typos); keys
 * outside it are ignored.
 */
public final class EloquaSettings implements io.stagesync.connector.spi.SystemSettings {

    public static final String PREFIX = "stagesync.eloqua.";
    public static final String KEY_LOGIN_URL = PREFIX + "login-url";
    public static final String KEY_BASE_URL = PREFIX + "base-url";
    public static final String KEY_AUTH_TYPE = PREFIX + "auth-type";
    public static final String KEY_SITE = PREFIX + "site";
    public static final String KEY_USERNAME = PREFIX + "username";
    public static final String KEY_PASSWORD = PREFIX + "password";
    public static final String KEY_CLIENT_ID = PREFIX + "client-id";
    public static final String KEY_CLIENT_SECRET = PREFIX + "client-secret";
    public static final String KEY_REFRESH_TOKEN = PREFIX + "refresh-token";
    public static final String KEY_REDIRECT_URI = PREFIX + "redirect-uri";
    public static final String KEY_PAGE_SIZE = PREFIX + "page-size";
    public static final String KEY_MAX_CONCURRENT_CALLS = PREFIX + "max-concurrent-calls";
    public static final String KEY_SEARCH_TIMEZONE = PREFIX + "search-timezone";
    public static final String KEY_LEAD_STAGE_FIELD = PREFIX + "lead-stage-field";
    public static final String KEY_CONTACT_FIELDS = PREFIX + "contact-fields";
    public static final String KEY_SCORING_MODEL_ID = PREFIX + "scoring-model-id";
    public static final String KEY_SCORE_FIELD = PREFIX + "score-field";
    public static final String KEY_BULK_SYNC_TIMEOUT_SECONDS = PREFIX + "bulk-sync-timeout-seconds";
    public static final String KEY_CONNECT_TIMEOUT = PREFIX + CallTimeouts.CONNECT_KEY;
    public static final String KEY_READ_TIMEOUT = PREFIX + CallTimeouts.READ_KEY;
    public static final String KEY_CALL_TIMEOUT = PREFIX + CallTimeouts.CALL_KEY;

    public static final String DEFAULT_LOGIN_URL = "https://login.eloqua.com";
    public static final int DEFAULT_PAGE_SIZE = 1000;
    public static final int MAX_PAGE_SIZE = 1000;
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 4;
    /** The look-back window its API needs, in seconds (see {@link #lookBack()}). */
    public static final int DEFAULT_LOOK_BACK_SECONDS = 60;
    public static final String DEFAULT_SEARCH_TIMEZONE = "America/New_York";
    public static final String DEFAULT_LEAD_STAGE_FIELD = "C_Lead_Stage1";
    public static final String DEFAULT_SCORE_FIELD = "EngagementScore";
    public static final int DEFAULT_BULK_SYNC_TIMEOUT_SECONDS = 1800;
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_CALL_TIMEOUT_SECONDS = 300;
    /** The timeouts when none is configured. */
    public static final CallTimeouts DEFAULT_TIMEOUTS = CallTimeouts.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS,
            DEFAULT_READ_TIMEOUT_SECONDS, DEFAULT_CALL_TIMEOUT_SECONDS);

    /** Every setting this connector reads, declared once: type, default, bounds, secrecy, meaning. */
    public static final List<Setting> SETTINGS = List.of(
            Setting.of(KEY_LOGIN_URL, Setting.Type.URL,
                "login host: base-URL discovery (`/id`) and the OAuth token endpoint")
                .withDefault(DEFAULT_LOGIN_URL),
            Setting.of(KEY_BASE_URL, Setting.Type.URL,
                "set to skip discovery (leave unset in production: an instance can move pods)")
                .withDefaultNote("*(discovered)*"),
            Setting.of(KEY_AUTH_TYPE, Setting.Type.CHOICE,
                "`basic` or `oauth2`")
                .withDefault("basic"),
            Setting.of(KEY_SITE, Setting.Type.TEXT,
                "company (site) name entered at login (no `\\` or `:`); for `basic` and the OAuth password "
                    + "grant"),
            Setting.of(KEY_USERNAME, Setting.Type.TEXT,
                "the integration user (no `:`); for `basic` and the OAuth password grant"),
            Setting.of(KEY_PASSWORD, Setting.Type.SECRET,
                "that user's password"),
            Setting.of(KEY_CLIENT_ID, Setting.Type.TEXT,
                "`oauth2`: the AppCloud app's client id"),
            Setting.of(KEY_CLIENT_SECRET, Setting.Type.SECRET,
                "`oauth2`: its client secret"),
            Setting.of(KEY_REFRESH_TOKEN, Setting.Type.SECRET,
                "`oauth2`: a refresh token from an authorization-code grant (without it the password grant is "
                    + "used)"),
            Setting.of(KEY_REDIRECT_URI, Setting.Type.URL,
                "`oauth2`: the app's callback URL, sent with the refresh-token grant"),
            Setting.integer(KEY_PAGE_SIZE, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE,
                "contacts per page"),
            Setting.integer(KEY_MAX_CONCURRENT_CALLS, DEFAULT_MAX_CONCURRENT_CALLS, 1, 100,
                "requests this connector runs at once"),
            io.stagesync.connector.spi.SystemSettings.lookBackSetting(PREFIX, DEFAULT_LOOK_BACK_SECONDS,
                "`updatedAt` has whole seconds, and the contact search can lag writes by an amount Oracle does "
                    + "not document"),
            io.stagesync.connector.spi.SystemSettings.dailyCallsSetting(PREFIX,
                "a daily budget to show Eloqua's calls against (Oracle documents no daily number for the Application "
                    + "API)"),
            Setting.of(KEY_SEARCH_TIMEZONE, Setting.Type.ZONE,
                "time zone Eloqua reads search dates in (VERIFY for your instance; a zone ahead of Eloqua's "
                    + "skips changes, so when unsure keep the default)")
                .withDefault(DEFAULT_SEARCH_TIMEZONE),
            Setting.of(KEY_LEAD_STAGE_FIELD, Setting.Type.FIELD_NAME,
                "contact field holding the stage")
                .withDefault(DEFAULT_LEAD_STAGE_FIELD),
            Setting.of(KEY_CONTACT_FIELDS, Setting.Type.LIST,
                "extra custom fields that must exist; the `C_…` fields of the mapping are added automatically")
                .withDefaultNote("*(from the mapping)*"),
            Setting.of(KEY_SCORING_MODEL_ID, Setting.Type.DIGITS,
                "id of the lead scoring model whose rating and score are read (`GET "
                    + "/api/bulk/2.0/contacts/scoring/models` lists the models with their ids). Without it contacts"
                    + " have no score"),
            Setting.of(KEY_SCORE_FIELD, Setting.Type.CHOICE,
                "which number of that model becomes the canonical `score` (the one `mql-score` reads, `score "
                    + ">= 50`): `EngagementScore` (how active the contact is: email, web, form activity) or "
                    + "`ProfileScore` (how well the contact fits: title, industry, size). The model's `Rating` "
                    + "(e.g. `A1`) is always read as `grade` and cannot be the score. Only with `scoring-model-id`."
                    + " Example: `stagesync.eloqua.score-field=ProfileScore`")
                .withDefault(DEFAULT_SCORE_FIELD),
            Setting.integer(KEY_BULK_SYNC_TIMEOUT_SECONDS, DEFAULT_BULK_SYNC_TIMEOUT_SECONDS, 10, 86400,
                "how long a bulk export may stay pending or active"),
            Setting.integer(KEY_CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_SECONDS, 1, 3600,
                "wait for the connection, login host and pod"),
            Setting.integer(KEY_READ_TIMEOUT, DEFAULT_READ_TIMEOUT_SECONDS, 1, 3600,
                "how long a call may stay silent; Bulk exports are polled, not waited on"),
            Setting.integer(KEY_CALL_TIMEOUT, DEFAULT_CALL_TIMEOUT_SECONDS, 1, 3600,
                "the longest one request may take, at least the two above: a Bulk data page of up to 50,000 "
                    + "records is the largest"));

    /** Every key this class reads. */
    public static final Set<String> KEYS = Setting.keysOf(SETTINGS);

    /** The keys whose values are secrets: never printed. */
    public static final Set<String> SECRET_KEYS = Setting.secretKeysOf(SETTINGS);

    /** What an Eloqua field internal name or scoring-model field name looks like. */
    static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,99}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    /** How the connector authenticates. */
    public enum AuthType {
        /** HTTP Basic with {@code Site\User:Password} on every request. */
        BASIC("basic"),
        /** OAuth 2.0 bearer tokens (refresh-token grant, or the resource-owner password grant). */
        OAUTH2("oauth2");

        private final String key;

        AuthType(String key) {
            this.key = key;
        }

        /** The value of {@value EloquaSettings#KEY_AUTH_TYPE} that selects this type. */
        public String key() {
            return key;
        }
    }

    private final String loginUrl;
    private final String baseUrl;
    private final AuthType authType;
    private final String site;
    private final String username;
    private final String password;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final String redirectUri;
    private final int pageSize;
    private final int maxConcurrentCalls;
    private final java.time.Duration lookBack;
    private final java.util.OptionalLong dailyCalls;
    private final ZoneId searchZone;
    private final String leadStageField;
    private final List<String> contactFields;
    private final String scoringModelId;
    private final String scoreField;
    private final Duration bulkSyncTimeout;
    private final CallTimeouts timeouts;

    private EloquaSettings(Reader r) {
        this.loginUrl = r.loginUrl;
        this.baseUrl = r.baseUrl;
        this.authType = r.authType;
        this.site = r.site;
        this.username = r.username;
        this.password = r.password;
        this.clientId = r.clientId;
        this.clientSecret = r.clientSecret;
        this.refreshToken = r.refreshToken;
        this.redirectUri = r.redirectUri;
        this.pageSize = r.pageSize;
        this.lookBack = r.lookBack;
        this.dailyCalls = r.dailyCalls;
        this.maxConcurrentCalls = r.maxConcurrent;
        this.searchZone = r.zone;
        this.leadStageField = r.leadStageField;
        this.contactFields = List.copyOf(r.contactFields);
        this.scoringModelId = r.scoringModelId;
        this.scoreField = r.scoreField;
        this.bulkSyncTimeout = Duration.ofSeconds(r.bulkTimeoutSeconds);
        this.timeouts = r.timeouts;
    }

    /**
     * Reads, defaults and validates the settings.
     *
     * @param values key to resolved value; blank values count as absent; keys outside
     *               {@value #PREFIX} are ignored
     * @throws SettingsException listing every problem, each naming its key
     */
    public static EloquaSettings from(Map<String, String> values) {
        Reader reader = new Reader(values);
        if (reader.hasProblems()) {
            throw new SettingsException("Eloqua", reader.problems());
        }
        return new EloquaSettings(reader);
    }

    /** The login host without a trailing slash, e.g. {@code https://login.eloqua.com}. */
    public String loginUrl() {
        return loginUrl;
    }

    /** The configured pod base URL without a trailing slash, or empty when it is discovered. */
    public Optional<String> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    public AuthType authType() {
        return authType;
    }

    /** The company (site) name; null only for oauth2 with a refresh token. */
    public String site() {
        return site;
    }

    /** The user name; null only for oauth2 with a refresh token. */
    public String username() {
        return username;
    }

    /** The password; null only for oauth2 with a refresh token. */
    public String password() {
        return password;
    }

    /** {@code Site\User}, the form Eloqua expects in Basic credentials and the password grant; null without site. */
    public String siteUser() {
        return site == null ? null : site + "\\" + username;
    }

    /** OAuth 2.0 client id; null unless {@link AuthType#OAUTH2}. */
    public String clientId() {
        return clientId;
    }

    /** OAuth 2.0 client secret; null unless {@link AuthType#OAUTH2}. */
    public String clientSecret() {
        return clientSecret;
    }

    /** The initial refresh token, or empty (oauth2 then uses the password grant; basic never uses it). */
    public Optional<String> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    /** The redirect URI sent with the refresh-token grant, or empty. */
    public Optional<String> redirectUri() {
        return Optional.ofNullable(redirectUri);
    }

    /** The token endpoint: {@code {loginUrl}/auth/oauth2/token}. */
    public String tokenUrl() {
        return loginUrl + "/auth/oauth2/token";
    }

    /** Records per Application API page, 1 to 1000. */
    public int pageSize() {
        return pageSize;
    }

    /** HTTP requests run at once at most, at least 1. */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    @Override
    public java.time.Duration lookBack() {
        return lookBack;
    }

    @Override
    public java.util.OptionalLong dailyCallAllowance() {
        return dailyCalls;
    }

    /** The zone date-times in search strings are written in. */
    public ZoneId searchZone() {
        return searchZone;
    }

    /** Internal name of the contact field holding the lead stage, e.g. {@code C_Lead_Stage1}. */
    public String leadStageField() {
        return leadStageField;
    }

    /** Further contact fields (internal names) that must exist, in configured order, without duplicates. */
    public List<String> contactFields() {
        return contactFields;
    }

    /** The lead-stage field followed by {@link #contactFields()}, without duplicates: every field that must exist. */
    public List<String> requiredContactFields() {
        Set<String> all = new LinkedHashSet<>();
        all.add(leadStageField);
        all.addAll(contactFields);
        return List.copyOf(all);
    }

    /** The scoring model whose rating and score are merged into contact changes, or empty. */
    public Optional<String> scoringModelId() {
        return Optional.ofNullable(scoringModelId);
    }

    /** The scoring-model field whose value becomes {@code leadScore}, e.g. {@code EngagementScore}. */
    public String scoreField() {
        return scoreField;
    }

    /** How long a Bulk sync may run before the export gives up. */
    public Duration bulkSyncTimeout() {
        return bulkSyncTimeout;
    }

    /** How long a call may take before it is abandoned (connect, read, whole call). */
    public CallTimeouts timeouts() {
        return timeouts;
    }

    @Override
    public String toString() {
        return "EloquaSettings[loginUrl=" + loginUrl + ", baseUrl=" + (baseUrl == null ? "(discovered)" : baseUrl)
                + ", authType=" + authType.key() + ", site=" + site + ", username=" + username
                + ", password=" + mask(password)
                + (authType == AuthType.OAUTH2 ? ", clientId=" + clientId + ", clientSecret=" + mask(clientSecret)
                        + ", refreshToken=" + mask(refreshToken) + ", redirectUri=" + redirectUri : "")
                + ", pageSize=" + pageSize + ", maxConcurrentCalls=" + maxConcurrentCalls + ", lookBack=" + lookBack + ", dailyCalls=" + dailyCalls + ", searchZone=" + searchZone
                + ", leadStageField=" + leadStageField + ", contactFields=" + contactFields
                + ", scoringModelId=" + scoringModelId + ", scoreField=" + scoreField
                + ", bulkSyncTimeout=" + bulkSyncTimeout.toSeconds() + "s, timeouts=" + timeouts + "]";
    }

    private static String mask(String secret) {
        return secret == null ? null : "****";
    }

    /** Reads every key once and collects every problem. */
    private static final class Reader extends ConnectorSettingsReader {
        String loginUrl;
        String baseUrl;
        AuthType authType;
        String site;
        String username;
        String password;
        String clientId;
        String clientSecret;
        String refreshToken;
        String redirectUri;
        int pageSize;
        int maxConcurrent;
        java.time.Duration lookBack = java.time.Duration.ofSeconds(DEFAULT_LOOK_BACK_SECONDS);
        java.util.OptionalLong dailyCalls = java.util.OptionalLong.empty();
        ZoneId zone;
        String leadStageField;
        List<String> contactFields = List.of();
        String scoringModelId;
        String scoreField;
        int bulkTimeoutSeconds;
        CallTimeouts timeouts;

        Reader(Map<String, String> values) {
            super(values, SETTINGS);
            rejectUnknownKeys(PREFIX, KEYS, "an Eloqua setting");
            String login = httpUrl(KEY_LOGIN_URL);
            loginUrl = login == null ? DEFAULT_LOGIN_URL : login;
            baseUrl = httpUrl(KEY_BASE_URL);
            authType = choice(KEY_AUTH_TYPE, AuthType.values(), AuthType::key, AuthType.BASIC, "basic or oauth2");
            credentials();
            pageSize = intIn(KEY_PAGE_SIZE);
            maxConcurrent = intIn(KEY_MAX_CONCURRENT_CALLS);
            lookBack = lookBack(PREFIX);
            dailyCalls = dailyCalls(PREFIX);
            zone = zoneId(KEY_SEARCH_TIMEZONE, ZoneId.of(DEFAULT_SEARCH_TIMEZONE), "America/New_York or UTC");
            leadStageField = fieldName(KEY_LEAD_STAGE_FIELD, DEFAULT_LEAD_STAGE_FIELD);
            contactFields();
            scoring();
            bulkTimeoutSeconds = intIn(KEY_BULK_SYNC_TIMEOUT_SECONDS);
            timeouts = timeouts(PREFIX, DEFAULT_TIMEOUTS);
        }

        private void credentials() {
            if (authType == null) {
                return;
            }
            if (authType == AuthType.OAUTH2) {
                clientId = required(KEY_CLIENT_ID, "when " + KEY_AUTH_TYPE + "=oauth2", "the AppCloud app's client id");
                clientSecret = required(KEY_CLIENT_SECRET, "when " + KEY_AUTH_TYPE + "=oauth2",
                        "the AppCloud app's client secret");
                refreshToken = get(KEY_REFRESH_TOKEN);
                redirectUri = httpUrl(KEY_REDIRECT_URI);
                if (refreshToken != null) {
                    site = get(KEY_SITE);
                    username = get(KEY_USERNAME);
                    password = get(KEY_PASSWORD);
                    checkSiteAndUser();
                    return;
                }
            }
            String when = authType == AuthType.BASIC ? "when " + KEY_AUTH_TYPE + "=basic"
                    : "when " + KEY_AUTH_TYPE + "=oauth2 without " + KEY_REFRESH_TOKEN + " (password grant)";
            site = required(KEY_SITE, when, "the company name entered at login");
            username = required(KEY_USERNAME, when, "the integration user");
            password = required(KEY_PASSWORD, when, "that user's password");
            checkSiteAndUser();
        }

        private void checkSiteAndUser() {
            if (site != null && (site.contains("\\") || site.contains(":"))) {
                problem(KEY_SITE, "must not contain \\ or : (it is sent as Site\\User); got '" + site + "'");
            }
            if (username != null && username.contains(":")) {
                problem(KEY_USERNAME, "must not contain : (HTTP Basic splits user and password there)");
            }
        }

        private String fieldName(String key, String defaultValue) {
            String value = get(key);
            if (value == null) {
                return defaultValue;
            }
            if (!FIELD_NAME.matcher(value).matches()) {
                problem(key, "must be a field internal name (a letter, then letters, digits or _); got '"
                        + value + "'");
                return defaultValue;
            }
            return value;
        }

        private void contactFields() {
            String value = get(KEY_CONTACT_FIELDS);
            if (value == null) {
                return;
            }
            Set<String> names = new LinkedHashSet<>();
            List<String> bad = new ArrayList<>();
            for (String part : value.split(",")) {
                String name = part.trim();
                if (FIELD_NAME.matcher(name).matches()) {
                    names.add(name);
                } else {
                    bad.add("'" + name + "'");
                }
            }
            if (!bad.isEmpty()) {
                problem(KEY_CONTACT_FIELDS, "must be comma-separated field internal names; not names: "
                        + String.join(", ", bad));
            }
            contactFields = List.copyOf(names);
        }

        private void scoring() {
            scoringModelId = get(KEY_SCORING_MODEL_ID);
            if (scoringModelId != null && !DIGITS.matcher(scoringModelId).matches()) {
                problem(KEY_SCORING_MODEL_ID, "must be the numeric id of a scoring model (GET"
                        + " /api/bulk/2.0/contacts/scoring/models lists them); got '" + scoringModelId + "'");
                scoringModelId = null;
            }
            scoreField = scoreField();
        }

        /**
         * The scoring model field read as the score. Eloqua's lead scoring models have a letter-digit
         * {@code Rating} (read as the grade) and two numbers: {@code ProfileScore} (how well the contact fits,
         * from profile fields) and {@code EngagementScore} (how active it is, from activities). Any other
         * field name a model lists is accepted (checked against the model's fields at the first read).
         */
        private String scoreField() {
            String value = get(KEY_SCORE_FIELD);
            if (value == null) {
                return DEFAULT_SCORE_FIELD;
            }
            String guide = ": the lead scoring model field whose number becomes the canonical score (the LEAD->MQL rule"
                    + " reads score >= 50): EngagementScore (the default: how active the contact is) or ProfileScore (how"
                    + " well it fits); got '" + value + "'";
            if (scoringModelId == null && get(KEY_SCORING_MODEL_ID) == null) {
                problem(KEY_SCORE_FIELD, "has no effect without " + KEY_SCORING_MODEL_ID + " (the model it is a field"
                        + " of; GET /api/bulk/2.0/contacts/scoring/models lists them): set both, or remove it");
                return DEFAULT_SCORE_FIELD;
            }
            if (!FIELD_NAME.matcher(value).matches()) {
                problem(KEY_SCORE_FIELD, "must be a field name" + guide);
                return DEFAULT_SCORE_FIELD;
            }
            if (value.equalsIgnoreCase(EloquaLeadScores.RATING)) {
                problem(KEY_SCORE_FIELD, "cannot be Rating, the letter-digit rating (e.g. A1) that is read as the grade"
                        + guide);
                return DEFAULT_SCORE_FIELD;
            }
            for (String known : List.of("EngagementScore", "ProfileScore")) {
                if (value.equalsIgnoreCase(known) && !value.equals(known)) {
                    problem(KEY_SCORE_FIELD, "must be spelt " + known + " (model field names are case-sensitive)" + guide);
                    return known;
                }
            }
            return value;
        }
    }
}
