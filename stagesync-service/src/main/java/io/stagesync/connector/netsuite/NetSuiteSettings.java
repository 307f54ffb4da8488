package io.stagesync.connector.netsuite;

import io.stagesync.connector.CallTimeouts;
import io.stagesync.connector.ConnectorSettingsReader;
import io.stagesync.settings.Setting;
import io.stagesync.settings.SettingsException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Immutable, validated settings of the NetSuite connector (REST web services).
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
public final class NetSuiteSettings implements io.stagesync.connector.spi.SystemSettings {

    public static final String PREFIX = "stagesync.netsuite.";
    public static final String KEY_ACCOUNT_ID = PREFIX + "account-id";
    public static final String KEY_BASE_URL = PREFIX + "base-url";
    public static final String KEY_AUTH_TYPE = PREFIX + "auth-type";
    public static final String KEY_TBA_CONSUMER_KEY = PREFIX + "tba.consumer-key";
    public static final String KEY_TBA_CONSUMER_SECRET = PREFIX + "tba.consumer-secret";
    public static final String KEY_TBA_TOKEN_ID = PREFIX + "tba.token-id";
    public static final String KEY_TBA_TOKEN_SECRET = PREFIX + "tba.token-secret";
    public static final String KEY_OAUTH2_CLIENT_ID = PREFIX + "oauth2.client-id";
    public static final String KEY_OAUTH2_CERTIFICATE_ID = PREFIX + "oauth2.certificate-id";
    public static final String KEY_OAUTH2_PRIVATE_KEY = PREFIX + "oauth2.private-key";
    public static final String KEY_OAUTH2_SCOPE = PREFIX + "oauth2.scope";
    public static final String KEY_PAGE_SIZE = PREFIX + "page-size";
    public static final String KEY_SUITEQL_TIMEZONE = PREFIX + "suiteql-timezone";
    public static final String KEY_MAX_CONCURRENT_CALLS = PREFIX + "max-concurrent-calls";
    public static final String KEY_CONNECT_TIMEOUT = PREFIX + CallTimeouts.CONNECT_KEY;
    public static final String KEY_READ_TIMEOUT = PREFIX + CallTimeouts.READ_KEY;
    public static final String KEY_CALL_TIMEOUT = PREFIX + CallTimeouts.CALL_KEY;

    public static final int DEFAULT_PAGE_SIZE = 1000;
    public static final int MAX_PAGE_SIZE = 1000;
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 4;
    /** The look-back window its API needs, in seconds (see {@link #lookBack()}). */
    public static final int DEFAULT_LOOK_BACK_SECONDS = 10;
    public static final String DEFAULT_OAUTH2_SCOPE = "rest_webservices";
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 120;
    public static final int DEFAULT_CALL_TIMEOUT_SECONDS = 300;
    /** The timeouts when none is configured. */
    public static final CallTimeouts DEFAULT_TIMEOUTS = CallTimeouts.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS,
            DEFAULT_READ_TIMEOUT_SECONDS, DEFAULT_CALL_TIMEOUT_SECONDS);

    /** Every setting this connector reads, declared once: type, default, bounds, secrecy, meaning. */
    public static final List<Setting> SETTINGS = List.of(
            Setting.of(KEY_ACCOUNT_ID, Setting.Type.TEXT,
                "e.g. `1234567` or `1234567_SB1` (sandbox)")
                .asRequired(),
            Setting.of(KEY_BASE_URL, Setting.Type.URL,
                "override for a proxy (scheme, host, optional port and path prefix)")
                .withDefaultNote("`https://{account}.suitetalk.api.netsuite.com`"),
            Setting.of(KEY_AUTH_TYPE, Setting.Type.CHOICE,
                "`tba` (OAuth 1.0a, HMAC-SHA256) or `oauth2-m2m`")
                .withDefault("tba"),
            Setting.of(KEY_TBA_CONSUMER_KEY, Setting.Type.TEXT,
                "from the integration record (`tba`)"),
            Setting.of(KEY_TBA_CONSUMER_SECRET, Setting.Type.SECRET,
                "from the integration record (`tba`)"),
            Setting.of(KEY_TBA_TOKEN_ID, Setting.Type.TEXT,
                "from the access token (`tba`)"),
            Setting.of(KEY_TBA_TOKEN_SECRET, Setting.Type.SECRET,
                "from the access token (`tba`)"),
            Setting.of(KEY_OAUTH2_CLIENT_ID, Setting.Type.TEXT,
                "`oauth2-m2m`: the JWT's `iss`"),
            Setting.of(KEY_OAUTH2_CERTIFICATE_ID, Setting.Type.TEXT,
                "`oauth2-m2m`: the JWT's `kid`"),
            Setting.of(KEY_OAUTH2_PRIVATE_KEY, Setting.Type.SECRET,
                "the certificate's RSA key, unencrypted PKCS#8 PEM (convert PKCS#1 with `openssl pkcs8 -topk8"
                    + " -nocrypt`)"),
            Setting.of(KEY_OAUTH2_SCOPE, Setting.Type.LIST,
                "comma-separated scopes of the assertion")
                .withDefault(DEFAULT_OAUTH2_SCOPE),
            Setting.integer(KEY_PAGE_SIZE, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE,
                "SuiteQL rows per page"),
            Setting.of(KEY_SUITEQL_TIMEZONE, Setting.Type.ZONE,
                "the integration user's time zone (SuiteQL dates); a wrong value shifts every modstamp")
                .withDefault("UTC"),
            Setting.integer(KEY_MAX_CONCURRENT_CALLS, DEFAULT_MAX_CONCURRENT_CALLS, 1, 1000,
                "keep below the account's concurrency limit (shared by SOAP, REST, RESTlets)"),
            io.stagesync.connector.spi.SystemSettings.lookBackSetting(PREFIX, DEFAULT_LOOK_BACK_SECONDS,
                "`lastmodifieddate` has whole seconds, so a record edited in a second a poll already read (with a "
                    + "lower id) would otherwise never be read; saves with scripts commit after their stamp"),
            io.stagesync.connector.spi.SystemSettings.dailyCallsSetting(PREFIX,
                "a daily budget to show NetSuite's calls against (NetSuite limits concurrent requests, not a daily count)"),
            Setting.integer(KEY_CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_SECONDS, 1, 3600,
                "wait for the connection"),
            Setting.integer(KEY_READ_TIMEOUT, DEFAULT_READ_TIMEOUT_SECONDS, 1, 3600,
                "how long a call may stay silent: NetSuite answers a SuiteQL page or a record write only when"
                    + " it is done (scripts and workflows run first)"),
            Setting.integer(KEY_CALL_TIMEOUT, DEFAULT_CALL_TIMEOUT_SECONDS, 1, 3600,
                "the longest one request may take as a whole, at least the two above; NetSuite ends a REST "
                    + "request after 15 minutes"));

    /** Every key this class reads. */
    public static final Set<String> KEYS = Setting.keysOf(SETTINGS);

    /** The keys whose values are secrets: never printed. */
    public static final Set<String> SECRET_KEYS = Setting.secretKeysOf(SETTINGS);

    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9]+([_-][A-Za-z0-9]+)*");
    private static final Set<String> SCOPES = Set.of("rest_webservices", "restlets", "suite_analytics");

    /** How the connector authenticates. */
    public enum AuthType {
        /** Token-based authentication: OAuth 1.0a, HMAC-SHA256, signed per request. */
        TBA("tba"),
        /** OAuth 2.0 client credentials (machine to machine) with a PS256 JWT assertion. */
        OAUTH2_M2M("oauth2-m2m");

        private final String key;

        AuthType(String key) {
            this.key = key;
        }

        /** The value of {@value NetSuiteSettings#KEY_AUTH_TYPE} that selects this type. */
        public String key() {
            return key;
        }
    }

    private final String accountId;
    private final String baseUrl;
    private final AuthType authType;
    private final String consumerKey;
    private final String consumerSecret;
    private final String tokenId;
    private final String tokenSecret;
    private final String clientId;
    private final String certificateId;
    private final String privateKeyPem;
    private final String scope;
    private final int pageSize;
    private final ZoneId suiteQlZone;
    private final int maxConcurrentCalls;
    private final java.time.Duration lookBack;
    private final java.util.OptionalLong dailyCalls;
    private final CallTimeouts timeouts;

    private NetSuiteSettings(Reader r) {
        this.accountId = r.accountId;
        this.baseUrl = r.baseUrl;
        this.authType = r.authType;
        this.consumerKey = r.consumerKey;
        this.consumerSecret = r.consumerSecret;
        this.tokenId = r.tokenId;
        this.tokenSecret = r.tokenSecret;
        this.clientId = r.clientId;
        this.certificateId = r.certificateId;
        this.privateKeyPem = r.privateKeyPem;
        this.scope = r.scope;
        this.pageSize = r.pageSize;
        this.suiteQlZone = r.zone;
        this.lookBack = r.lookBack;
        this.dailyCalls = r.dailyCalls;
        this.maxConcurrentCalls = r.maxConcurrent;
        this.timeouts = r.timeouts;
    }

    /**
     * Reads, defaults and validates the settings.
     *
     * @param values key to resolved value; blank values count as absent; keys outside
     *               {@value #PREFIX} are ignored
     * @throws SettingsException listing every problem, each naming its key
     */
    public static NetSuiteSettings from(Map<String, String> values) {
        Reader reader = new Reader(values);
        if (reader.hasProblems()) {
            throw new SettingsException("NetSuite", reader.problems());
        }
        return new NetSuiteSettings(reader);
    }

    /** The account id as configured, e.g. {@code 1234567_SB1}. */
    public String accountId() {
        return accountId;
    }

    /** The OAuth 1.0 realm: the account id upper-cased with {@code _}, e.g. {@code 1234567_SB1}. */
    public String realm() {
        return accountId.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The account id as it appears in host names: lower-cased with {@code -}, e.g. {@code 1234567-sb1}. */
    public String hostId() {
        return accountId.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The base URL without a trailing slash, e.g. {@code https://1234567-sb1.suitetalk.api.netsuite.com}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The OAuth 2.0 token endpoint under {@link #baseUrl()}; also the JWT assertion's {@code aud}. */
    public String tokenUrl() {
        return baseUrl + "/services/rest/auth/oauth2/v1/token";
    }

    public AuthType authType() {
        return authType;
    }

    /** TBA consumer key; null unless {@link AuthType#TBA}. */
    public String consumerKey() {
        return consumerKey;
    }

    /** TBA consumer secret; null unless {@link AuthType#TBA}. */
    public String consumerSecret() {
        return consumerSecret;
    }

    /** TBA token id; null unless {@link AuthType#TBA}. */
    public String tokenId() {
        return tokenId;
    }

    /** TBA token secret; null unless {@link AuthType#TBA}. */
    public String tokenSecret() {
        return tokenSecret;
    }

    /** OAuth 2.0 client id; null unless {@link AuthType#OAUTH2_M2M}. */
    public String clientId() {
        return clientId;
    }

    /** OAuth 2.0 M2M certificate id; null unless {@link AuthType#OAUTH2_M2M}. */
    public String certificateId() {
        return certificateId;
    }

    /** The PKCS#8 PEM private key (already parsed once to validate it); null unless {@link AuthType#OAUTH2_M2M}. */
    public String privateKeyPem() {
        return privateKeyPem;
    }

    /** The assertion's scope, comma-separated, e.g. {@code rest_webservices}. */
    public String scope() {
        return scope;
    }

    /** Rows per SuiteQL page, 1 to 1000. */
    public int pageSize() {
        return pageSize;
    }

    /** The time zone SuiteQL dates are written in. */
    public ZoneId suiteQlZone() {
        return suiteQlZone;
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

    /** How long a call may take before it is abandoned (connect, read, whole call). */
    public CallTimeouts timeouts() {
        return timeouts;
    }

    @Override
    public String toString() {
        return "NetSuiteSettings[accountId=" + accountId + ", baseUrl=" + baseUrl + ", authType=" + authType.key()
                + (authType == AuthType.TBA
                        ? ", consumerKey=" + consumerKey + ", consumerSecret=****, tokenId=" + tokenId + ", tokenSecret=****"
                        : ", clientId=" + clientId + ", certificateId=" + certificateId + ", privateKey=****, scope=" + scope)
                + ", pageSize=" + pageSize + ", suiteQlZone=" + suiteQlZone + ", maxConcurrentCalls=" + maxConcurrentCalls + ", lookBack=" + lookBack + ", dailyCalls=" + dailyCalls
                + ", timeouts=" + timeouts + "]";
    }

    /** Reads every key once and collects every problem. */
    private static final class Reader extends ConnectorSettingsReader {
        String accountId;
        String baseUrl;
        AuthType authType;
        String consumerKey;
        String consumerSecret;
        String tokenId;
        String tokenSecret;
        String clientId;
        String certificateId;
        String privateKeyPem;
        String scope = DEFAULT_OAUTH2_SCOPE;
        int pageSize;
        ZoneId zone;
        int maxConcurrent;
        java.time.Duration lookBack = java.time.Duration.ofSeconds(DEFAULT_LOOK_BACK_SECONDS);
        java.util.OptionalLong dailyCalls = java.util.OptionalLong.empty();
        CallTimeouts timeouts;

        Reader(Map<String, String> values) {
            super(values, SETTINGS);
            rejectUnknownKeys(PREFIX, KEYS, "a NetSuite setting");
            accountId();
            baseUrl();
            authType = choice(KEY_AUTH_TYPE, AuthType.values(), AuthType::key, AuthType.TBA, "tba or oauth2-m2m");
            credentials();
            pageSize = intIn(KEY_PAGE_SIZE);
            maxConcurrent = intIn(KEY_MAX_CONCURRENT_CALLS);
            lookBack = lookBack(PREFIX);
            dailyCalls = dailyCalls(PREFIX);
            zone = zoneId(KEY_SUITEQL_TIMEZONE, ZoneOffset.UTC, "UTC or America/New_York");
            timeouts = timeouts(PREFIX, DEFAULT_TIMEOUTS);
        }

        private void accountId() {
            accountId = get(KEY_ACCOUNT_ID);
            if (accountId == null) {
                problem(KEY_ACCOUNT_ID, "is required, e.g. 1234567 or 1234567_SB1 (Setup > Company > Company Information)");
            } else if (!ACCOUNT_ID.matcher(accountId).matches()) {
                problem(KEY_ACCOUNT_ID, "must be letters and digits, optionally joined by _ or -"
                        + " (e.g. 1234567_SB1); got '" + accountId + "'");
                accountId = null;
            }
        }

        private void baseUrl() {
            if (get(KEY_BASE_URL) != null) {
                baseUrl = httpUrl(KEY_BASE_URL);
            } else if (accountId != null) {
                baseUrl = "https://" + accountId.toLowerCase(Locale.ROOT).replace('_', '-') + ".suitetalk.api.netsuite.com";
            }
        }

        private void credentials() {
            if (authType == AuthType.TBA) {
                consumerKey = required(KEY_TBA_CONSUMER_KEY, "the integration record's consumer key");
                consumerSecret = required(KEY_TBA_CONSUMER_SECRET, "the integration record's consumer secret");
                tokenId = required(KEY_TBA_TOKEN_ID, "the access token's token id");
                tokenSecret = required(KEY_TBA_TOKEN_SECRET, "the access token's token secret");
            } else if (authType == AuthType.OAUTH2_M2M) {
                clientId = required(KEY_OAUTH2_CLIENT_ID, "the integration record's client id");
                certificateId = required(KEY_OAUTH2_CERTIFICATE_ID, "the certificate id of the M2M setup");
                privateKeyPem = required(KEY_OAUTH2_PRIVATE_KEY, "the certificate's private key as PKCS#8 PEM");
                if (privateKeyPem != null) {
                    String problem = Pem.problemWithRsaPrivateKey(privateKeyPem);
                    if (problem != null) {
                        problem(KEY_OAUTH2_PRIVATE_KEY, problem);
                    }
                }
                scope();
            }
        }

        private void scope() {
            String value = get(KEY_OAUTH2_SCOPE);
            if (value == null) {
                return;
            }
            List<String> parts = Arrays.stream(value.split(",")).map(String::trim).toList();
            if (parts.stream().anyMatch(p -> !SCOPES.contains(p))) {
                problem(KEY_OAUTH2_SCOPE, "must be a comma-separated list of " + new TreeSet<>(SCOPES)
                        + "; got '" + value + "'");
            } else {
                scope = String.join(",", parts);
            }
        }

        private String required(String key, String what) {
            return required(key, "when " + KEY_AUTH_TYPE + "=" + authType.key(), what);
        }
    }
}
