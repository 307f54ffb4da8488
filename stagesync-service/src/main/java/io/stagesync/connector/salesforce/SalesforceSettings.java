package io.stagesync.connector.salesforce;

import io.stagesync.connector.CallTimeouts;
import io.stagesync.connector.ConnectorSettingsReader;
import io.stagesync.settings.Setting;
import io.stagesync.settings.SettingsException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Immutable, validated settings of the Salesforce connector. Built only by {@link #fromProperties(Map)},
 * which reports every invalid value at once in one {@link IllegalArgumentException}, each message
 * naming its key. Secrets arrive already resolved (the settings registry resolves {@code ${env:…}} and
 * {@code ${file:…}}); {@link #toString()} masks them.
 *
 * <h2>Keys</h2>
 * <p>The keys, with type, default, bounds and meaning, are declared once in {@link #SETTINGS}
 * ({@code docs/configuration.md} shows the same rows).
 *
 * <p>Keys under {@code stagesync.salesforce.} that are not listed above are reported as errors (typos);
 * keys outside that prefix are ignored. Blank values count as unset.
 */
public final class SalesforceSettings implements io.stagesync.connector.spi.SystemSettings {

    public static final String PREFIX = "stagesync.salesforce.";
    public static final String KEY_LOGIN_URL = PREFIX + "login-url";
    public static final String KEY_API_VERSION = PREFIX + "api-version";
    public static final String KEY_AUTH_TYPE = PREFIX + "auth-type";
    public static final String KEY_CLIENT_ID = PREFIX + "client-id";
    public static final String KEY_CLIENT_SECRET = PREFIX + "client-secret";
    public static final String KEY_USERNAME = PREFIX + "username";
    public static final String KEY_PASSWORD = PREFIX + "password";
    public static final String KEY_SECURITY_TOKEN = PREFIX + "security-token";
    public static final String KEY_JWT_KEYSTORE_PATH = PREFIX + "jwt.keystore-path";
    public static final String KEY_JWT_KEYSTORE_PASSWORD = PREFIX + "jwt.keystore-password";
    public static final String KEY_JWT_KEY_ALIAS = PREFIX + "jwt.key-alias";
    public static final String KEY_JWT_AUDIENCE = PREFIX + "jwt.audience";
    public static final String KEY_PAGE_SIZE = PREFIX + "page-size";
    public static final String KEY_MAX_CONCURRENT_CALLS = PREFIX + "max-concurrent-calls";
    public static final String KEY_CONNECT_TIMEOUT = PREFIX + CallTimeouts.CONNECT_KEY;
    public static final String KEY_READ_TIMEOUT = PREFIX + CallTimeouts.READ_KEY;
    public static final String KEY_CALL_TIMEOUT = PREFIX + CallTimeouts.CALL_KEY;
    public static final String KEY_CDC_OBJECTS = PREFIX + "cdc.objects";
    public static final String KEY_CDC_POLL_SECONDS = PREFIX + "cdc.poll-seconds";
    public static final String KEY_PUBSUB_HOST = PREFIX + "pubsub.host";
    public static final String KEY_PUBSUB_PORT = PREFIX + "pubsub.port";
    public static final String KEY_PUBSUB_PLAINTEXT = PREFIX + "pubsub.plaintext";

    public static final String DEFAULT_LOGIN_URL = "https://login.salesforce.com";
    public static final String SANDBOX_LOGIN_URL = "https://test.salesforce.com";
    public static final String DEFAULT_API_VERSION = "62.0";
    public static final int DEFAULT_PAGE_SIZE = 2000;
    public static final int MIN_PAGE_SIZE = 200;
    public static final int MAX_PAGE_SIZE = 2000;
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 4;
    /** The look-back window its API needs, in seconds (see {@link #lookBack()}). */
    public static final int DEFAULT_LOOK_BACK_SECONDS = 10;
    public static final int MAX_CONCURRENT_CALLS = 25;
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 120;
    public static final int DEFAULT_CALL_TIMEOUT_SECONDS = 300;
    public static final String DEFAULT_PUBSUB_HOST = "api.pubsub.salesforce.com";
    public static final int DEFAULT_PUBSUB_PORT = 7443;
    public static final int DEFAULT_CDC_POLL_SECONDS = 300;
    /** The timeouts when none is configured. */
    public static final CallTimeouts DEFAULT_TIMEOUTS = CallTimeouts.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS,
            DEFAULT_READ_TIMEOUT_SECONDS, DEFAULT_CALL_TIMEOUT_SECONDS);

    /** Every setting this connector reads, declared once: type, default, bounds, secrecy, meaning. */
    public static final List<Setting> SETTINGS = List.of(
            Setting.of(KEY_LOGIN_URL, Setting.Type.URL,
                "`https://test.salesforce.com` for sandboxes, or your My Domain URL (required for "
                    + "`client-credentials`); scheme and host only, plain `http` only for localhost")
                .withDefault(DEFAULT_LOGIN_URL),
            Setting.of(KEY_API_VERSION, Setting.Type.API_VERSION,
                "REST API version (≥ 46.0, for sObject Collections upsert)")
                .withDefault(DEFAULT_API_VERSION),
            Setting.of(KEY_AUTH_TYPE, Setting.Type.CHOICE,
                "`jwt`, `client-credentials` or `password`")
                .withDefault("jwt"),
            Setting.of(KEY_CLIENT_ID, Setting.Type.TEXT,
                "connected app consumer key")
                .asRequired(),
            Setting.of(KEY_CLIENT_SECRET, Setting.Type.SECRET,
                "for `client-credentials` and `password`"),
            Setting.of(KEY_USERNAME, Setting.Type.TEXT,
                "integration user; for `jwt` (the `sub` claim) and `password`"),
            Setting.of(KEY_PASSWORD, Setting.Type.SECRET,
                "for `password`"),
            Setting.of(KEY_SECURITY_TOKEN, Setting.Type.SECRET,
                "appended to the password (`password`, when the caller's IP is not trusted)"),
            Setting.of(KEY_JWT_KEYSTORE_PATH, Setting.Type.PATH,
                "PKCS12 keystore with the certificate's private key (`jwt`); must be a readable file"),
            Setting.of(KEY_JWT_KEYSTORE_PASSWORD, Setting.Type.SECRET,
                "password of that keystore and its key (`jwt`)"),
            Setting.of(KEY_JWT_KEY_ALIAS, Setting.Type.TEXT,
                "key entry to sign with, when the keystore has several"),
            Setting.of(KEY_JWT_AUDIENCE, Setting.Type.URL,
                "the JWT `aud` claim: `https://test.salesforce.com` when the login URL is "
                    + "`test.salesforce.com` or a `*.sandbox.my.salesforce.com` host, else "
                    + "`https://login.salesforce.com`")
                .withDefaultNote("login or test host"),
            Setting.integer(KEY_PAGE_SIZE, DEFAULT_PAGE_SIZE, MIN_PAGE_SIZE, MAX_PAGE_SIZE,
                "query batch size hint (`Sforce-Query-Options: batchSize=N`; Salesforce may lower it)"),
            Setting.integer(KEY_MAX_CONCURRENT_CALLS, DEFAULT_MAX_CONCURRENT_CALLS, 1, MAX_CONCURRENT_CALLS,
                "calls in flight at once"),
            io.stagesync.connector.spi.SystemSettings.lookBackSetting(PREFIX, DEFAULT_LOOK_BACK_SECONDS,
                "`SystemModstamp` is set before the transaction commits, so a long trigger or bulk batch becomes visible "
                    + "with a stamp the watermark already passed"),
            Setting.integer(KEY_CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_SECONDS, 1, 3600,
                "wait for the connection (login host and instance)"),
            Setting.integer(KEY_READ_TIMEOUT, DEFAULT_READ_TIMEOUT_SECONDS, 1, 3600,
                "how long a call may stay silent; Salesforce ends a SOQL query itself after 2 minutes"),
            Setting.integer(KEY_CALL_TIMEOUT, DEFAULT_CALL_TIMEOUT_SECONDS, 1, 3600,
                "the longest one call may take as a whole, at least the two above; Salesforce ends any REST "
                    + "call after 10 minutes"),
            Setting.of(KEY_CDC_OBJECTS, Setting.Type.LIST,
                "objects captured by Change Data Capture over the Pub/Sub API instead of polling, e.g. `Account,Lead`; "
                    + "each must be mapped and selected for Change Data Capture in Setup (docs/connectors/salesforce.md)")
                .withDefaultNote("none: every object is polled"),
            Setting.integer(KEY_CDC_POLL_SECONDS, DEFAULT_CDC_POLL_SECONDS, 1, 86400,
                "streamed objects are still polled this often: the safety net for a stream that fails without telling"
                    + " (camel-salesforce retries network errors silently) and what keeps their watermarks current"),
            Setting.of(KEY_PUBSUB_HOST, Setting.Type.HOST,
                "the Pub/Sub API host (another one for the EU Operating Zone)")
                .withDefault(DEFAULT_PUBSUB_HOST),
            Setting.integer(KEY_PUBSUB_PORT, DEFAULT_PUBSUB_PORT, 1, 65535,
                "the Pub/Sub API port (Salesforce answers on 7443 and 443)"),
            Setting.of(KEY_PUBSUB_PLAINTEXT, Setting.Type.BOOL,
                "gRPC without TLS: only for a local test server (allowed for localhost and 127.0.0.1 only, since the "
                    + "access token travels with every call)")
                .withDefault("false"));

    /** Every key this class reads. */
    public static final Set<String> KEYS = Setting.keysOf(SETTINGS);

    private static final Pattern API_VERSION = Pattern.compile("(\\d{2,3})\\.0");
    private static final int MIN_API_VERSION = 46;
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> SHARED_LOGIN_HOSTS = Set.of("login.salesforce.com", "test.salesforce.com");

    /** How the connector obtains its access token. */
    public enum AuthType {
        /** OAuth 2.0 JWT bearer: an RS256 assertion signed with the connected app's certificate key. */
        JWT("jwt"),
        /** OAuth 2.0 client credentials, on the org's My Domain host, as the app's run-as user. */
        CLIENT_CREDENTIALS("client-credentials"),
        /** OAuth 2.0 username-password (legacy; Salesforce is retiring it): for sandboxes. */
        PASSWORD("password");

        private final String configName;

        AuthType(String configName) {
            this.configName = configName;
        }

        /** The spelling in configuration, e.g. {@code client-credentials}. */
        public String configName() {
            return configName;
        }

        static Optional<AuthType> parse(String text) {
            return Arrays.stream(values()).filter(t -> t.configName.equals(text.trim().toLowerCase(Locale.ROOT)))
                    .findFirst();
        }
    }

    private final String loginUrl;
    private final String apiVersion;
    private final AuthType authType;
    private final String clientId;
    private final String clientSecret;
    private final String username;
    private final String password;
    private final String securityToken;
    private final Path jwtKeystorePath;
    private final String jwtKeystorePassword;
    private final String jwtKeyAlias;
    private final String jwtAudience;
    private final int pageSize;
    private final int maxConcurrentCalls;
    private final java.time.Duration lookBack;
    private final CallTimeouts timeouts;
    private final Set<String> cdcObjects;
    private final java.time.Duration cdcPollEvery;
    private final String pubSubHost;
    private final int pubSubPort;
    private final boolean pubSubPlaintext;

    private SalesforceSettings(Reader r) {
        this.loginUrl = r.loginUrl;
        this.apiVersion = r.apiVersion;
        this.authType = r.authType;
        this.clientId = r.get(KEY_CLIENT_ID);
        this.clientSecret = r.get(KEY_CLIENT_SECRET);
        this.username = r.get(KEY_USERNAME);
        this.password = r.get(KEY_PASSWORD);
        this.securityToken = r.get(KEY_SECURITY_TOKEN);
        this.jwtKeystorePath = r.keystorePath;
        this.jwtKeystorePassword = r.get(KEY_JWT_KEYSTORE_PASSWORD);
        this.jwtKeyAlias = r.get(KEY_JWT_KEY_ALIAS);
        this.jwtAudience = r.audience;
        this.pageSize = r.pageSize;
        this.lookBack = r.lookBack;
        this.maxConcurrentCalls = r.maxConcurrentCalls;
        this.timeouts = r.timeouts;
        this.cdcObjects = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(r.cdcObjects));
        this.cdcPollEvery = java.time.Duration.ofSeconds(r.cdcPollSeconds);
        this.pubSubHost = r.pubSubHost;
        this.pubSubPort = r.pubSubPort;
        this.pubSubPlaintext = r.pubSubPlaintext;
    }

    /**
     * Reads and validates the {@code stagesync.salesforce.*} keys of {@code properties}.
     *
     * @param properties resolved values by key; other keys are ignored; null values and blanks count as unset
     * @return the settings, never null
     * @throws SettingsException listing every problem, each naming its key, secrets never echoed
     */
    public static SalesforceSettings fromProperties(Map<String, String> properties) {
        Reader reader = new Reader(properties);
        reader.validate();
        if (reader.hasProblems()) {
            throw new SettingsException("Salesforce", reader.problems());
        }
        return new SalesforceSettings(reader);
    }

    /** The OAuth host, without trailing slash, e.g. {@code https://login.salesforce.com}. */
    public String loginUrl() {
        return loginUrl;
    }

    /** The REST API version, e.g. {@code 62.0}. */
    public String apiVersion() {
        return apiVersion;
    }

    public AuthType authType() {
        return authType;
    }

    public String clientId() {
        return clientId;
    }

    /** Nullable: unset for {@code jwt}. */
    public String clientSecret() {
        return clientSecret;
    }

    /** Nullable: unset for {@code client-credentials}. */
    public String username() {
        return username;
    }

    /** The password with the security token appended, as the password flow sends it; null unless {@code password}. */
    public String passwordWithSecurityToken() {
        if (password == null) {
            return null;
        }
        return securityToken == null ? password : password + securityToken;
    }

    /** Nullable: set only for {@code jwt}. */
    public Path jwtKeystorePath() {
        return jwtKeystorePath;
    }

    /** Nullable: set only for {@code jwt}. */
    public String jwtKeystorePassword() {
        return jwtKeystorePassword;
    }

    /** Nullable: the keystore then holds exactly one key entry. */
    public String jwtKeyAlias() {
        return jwtKeyAlias;
    }

    /** The JWT {@code aud} claim, never null (also computed when the flow is not {@code jwt}). */
    public String jwtAudience() {
        return jwtAudience;
    }

    /** Records per query page to ask for, 200–2000. */
    public int pageSize() {
        return pageSize;
    }

    /** Calls in flight at once, 1–25. */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    @Override
    public java.time.Duration lookBack() {
        return lookBack;
    }

    /** How long a call may take before it is abandoned (connect, read, whole call). */
    public CallTimeouts timeouts() {
        return timeouts;
    }

    /** The objects captured by Change Data Capture instead of polling, in configuration order; often empty. */
    public Set<String> cdcObjects() {
        return cdcObjects;
    }

    /** How often a streamed object is polled all the same. */
    public java.time.Duration cdcPollEvery() {
        return cdcPollEvery;
    }

    /** The Pub/Sub API host. */
    public String pubSubHost() {
        return pubSubHost;
    }

    /** The Pub/Sub API port. */
    public int pubSubPort() {
        return pubSubPort;
    }

    /** Whether gRPC goes without TLS (a local test server only). */
    public boolean pubSubPlaintext() {
        return pubSubPlaintext;
    }

    @Override
    public String toString() {
        return "SalesforceSettings[loginUrl=" + loginUrl + ", apiVersion=" + apiVersion
                + ", authType=" + authType.configName() + ", clientId=" + clientId
                + ", clientSecret=" + mask(clientSecret) + ", username=" + username
                + ", password=" + mask(password) + ", securityToken=" + mask(securityToken)
                + ", jwtKeystorePath=" + jwtKeystorePath + ", jwtKeystorePassword=" + mask(jwtKeystorePassword)
                + ", jwtKeyAlias=" + jwtKeyAlias + ", jwtAudience=" + jwtAudience
                + ", pageSize=" + pageSize + ", maxConcurrentCalls=" + maxConcurrentCalls + ", lookBack=" + lookBack
                + ", timeouts=" + timeouts + ", cdcObjects=" + cdcObjects + ", pubSub=" + pubSubHost + ":" + pubSubPort
                + (pubSubPlaintext ? " plaintext" : "") + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "null" : "****";
    }

    /** Collects values and errors; one instance per {@link #fromProperties} call. */
    private static final class Reader extends ConnectorSettingsReader {
        private String loginUrl = DEFAULT_LOGIN_URL;
        private String loginHost = "login.salesforce.com";
        private String apiVersion = DEFAULT_API_VERSION;
        private AuthType authType = AuthType.JWT;
        private Path keystorePath;
        private String audience;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private int maxConcurrentCalls = DEFAULT_MAX_CONCURRENT_CALLS;
        private java.time.Duration lookBack = java.time.Duration.ofSeconds(DEFAULT_LOOK_BACK_SECONDS);
        private CallTimeouts timeouts = DEFAULT_TIMEOUTS;
        private final Set<String> cdcObjects = new java.util.LinkedHashSet<>();
        private String pubSubHost = DEFAULT_PUBSUB_HOST;
        private int cdcPollSeconds = DEFAULT_CDC_POLL_SECONDS;
        private int pubSubPort = DEFAULT_PUBSUB_PORT;
        private boolean pubSubPlaintext;

        /** Blank values are dropped up front, so a blank unknown key is not reported here (unlike other connectors). */
        Reader(Map<String, String> properties) {
            super(properties.entrySet().stream()
                    .filter(e -> e.getKey() != null && e.getValue() != null && !e.getValue().isBlank())
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), SETTINGS);
        }

        void validate() {
            rejectUnknownKeys(PREFIX, KEYS, "a Salesforce setting");
            readLoginUrl();
            readApiVersion();
            readAuthType();
            pageSize = intBetween(KEY_PAGE_SIZE, MIN_PAGE_SIZE, MAX_PAGE_SIZE);
            maxConcurrentCalls = intBetween(KEY_MAX_CONCURRENT_CALLS, 1, MAX_CONCURRENT_CALLS);
            lookBack = lookBack(PREFIX);
            timeouts = timeouts(PREFIX, DEFAULT_TIMEOUTS);
            readPubSub();
            require(KEY_CLIENT_ID, "the connected app's consumer key");
            if (authType == null) {
                // a bad auth-type is reported once; which keys the flow needs is unknown, so none is demanded
                audience = DEFAULT_LOGIN_URL;
                return;
            }
            switch (authType) {
                case JWT -> readJwt();
                case CLIENT_CREDENTIALS -> {
                    require(KEY_CLIENT_SECRET, "the connected app's consumer secret");
                    if (SHARED_LOGIN_HOSTS.contains(loginHost)) {
                        problem(KEY_LOGIN_URL, "must be the org's My Domain URL (e.g. https://acme.my.salesforce.com)"
                                + " for auth-type client-credentials; Salesforce refuses it on " + loginUrl);
                    }
                }
                case PASSWORD -> {
                    require(KEY_CLIENT_SECRET, "the connected app's consumer secret");
                    require(KEY_USERNAME, "the integration user");
                    require(KEY_PASSWORD, "the integration user's password");
                }
                default -> throw new IllegalStateException("unknown auth type " + authType);
            }
            String explicitAudience = get(KEY_JWT_AUDIENCE);
            audience = explicitAudience != null ? explicitAudience
                    : loginHost.equals("test.salesforce.com") || loginHost.endsWith(".sandbox.my.salesforce.com")
                    ? SANDBOX_LOGIN_URL : DEFAULT_LOGIN_URL;
        }

        private void readLoginUrl() {
            String value = get(KEY_LOGIN_URL);
            if (value == null) {
                return;
            }
            String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            try {
                URI uri = new URI(trimmed);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
                boolean local = LOCAL_HOSTS.contains(host) || LOCAL_HOSTS.contains("[" + host + "]");
                if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http") && local)) {
                    problem(KEY_LOGIN_URL, "must be an https URL such as " + DEFAULT_LOGIN_URL + " or "
                            + SANDBOX_LOGIN_URL + " (http only for localhost); got " + value);
                } else if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                        || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                    problem(KEY_LOGIN_URL, "must be scheme and host only (the token path is added); got " + value);
                } else {
                    loginUrl = trimmed;
                    loginHost = host;
                }
            } catch (URISyntaxException e) {
                problem(KEY_LOGIN_URL, "is not a URL: " + e.getMessage());
            }
        }

        private void readPubSub() {
            String objects = get(KEY_CDC_OBJECTS);
            if (objects != null) {
                for (String object : objects.split(",")) {
                    String name = object.trim();
                    if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                        problem(KEY_CDC_OBJECTS, "must be object API names separated by commas, e.g. Account,Lead; got '"
                                + name + "'");
                    } else if (!cdcObjects.add(name)) {
                        problem(KEY_CDC_OBJECTS, "names " + name + " twice");
                    }
                }
            }
            String host = get(KEY_PUBSUB_HOST);
            if (host != null) {
                if (!host.trim().matches("[A-Za-z0-9.-]+")) {
                    problem(KEY_PUBSUB_HOST, "must be a host name such as " + DEFAULT_PUBSUB_HOST
                            + " (no scheme, port or path); got " + host);
                } else {
                    pubSubHost = host.trim().toLowerCase(Locale.ROOT);
                }
            }
            pubSubPort = intBetween(KEY_PUBSUB_PORT, 1, 65535);
            cdcPollSeconds = intBetween(KEY_CDC_POLL_SECONDS, 1, 86400);
            String plaintext = get(KEY_PUBSUB_PLAINTEXT);
            if (plaintext != null) {
                String value = plaintext.trim().toLowerCase(Locale.ROOT);
                if (!value.equals("true") && !value.equals("false")) {
                    problem(KEY_PUBSUB_PLAINTEXT, "must be true or false; got " + plaintext);
                } else if (value.equals("true") && !LOCAL_HOSTS.contains(pubSubHost)) {
                    problem(KEY_PUBSUB_PLAINTEXT, "may be true only for a Pub/Sub host on this machine (localhost,"
                            + " 127.0.0.1): the access token goes with every call; host is " + pubSubHost);
                } else {
                    pubSubPlaintext = value.equals("true");
                }
            }
        }

        private void readApiVersion() {
            String value = get(KEY_API_VERSION);
            if (value == null) {
                return;
            }
            String plain = value.startsWith("v") ? value.substring(1) : value;
            var matcher = API_VERSION.matcher(plain);
            if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < MIN_API_VERSION) {
                problem(KEY_API_VERSION, "must look like " + DEFAULT_API_VERSION + " and be at least "
                        + MIN_API_VERSION + ".0 (sObject Collections upsert); got " + value);
            } else {
                apiVersion = plain;
            }
        }

        private void readAuthType() {
            String value = get(KEY_AUTH_TYPE);
            if (value == null) {
                return;
            }
            AuthType.parse(value).ifPresentOrElse(t -> authType = t, () -> {
                problem(KEY_AUTH_TYPE, "must be one of jwt, client-credentials, password; got " + value);
                authType = null;
            });
        }

        private void readJwt() {
            require(KEY_USERNAME, "the integration user (the JWT sub claim)");
            require(KEY_JWT_KEYSTORE_PASSWORD, "the keystore password");
            String path = get(KEY_JWT_KEYSTORE_PATH);
            if (path == null) {
                problem(KEY_JWT_KEYSTORE_PATH, "is required for auth-type jwt: a PKCS12 keystore with the"
                        + " connected app certificate's private key");
                return;
            }
            keystorePath = readableFile(KEY_JWT_KEYSTORE_PATH);
        }

        private void require(String key, String what) {
            if (get(key) == null) {
                problem(key, "is required for auth-type " + (authType == null ? "jwt, client-credentials and password"
                        : authType.configName()) + " (" + what + ")");
            }
        }

        private int intBetween(String key, int min, int max) {
            int defaultValue = SETTINGS.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow().defaultInt();
            return intIn(key, defaultValue, min, max,
                    value -> "must be a whole number between " + min + " and " + max + "; got " + value);
        }
    }
}
