package io.stagesync.connector.pardot;

import io.stagesync.connector.CallTimeouts;
import io.stagesync.connector.ConnectorSettingsReader;
import io.stagesync.settings.Setting;
import io.stagesync.settings.SettingsException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Immutable, validated settings of the Account Engagement (Pardot) API v5 connector.
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
 * outside it are ignored. Blank values count as absent.
 */
public final class PardotSettings implements io.stagesync.connector.spi.SystemSettings {

    public static final String PREFIX = "stagesync.pardot.";
    public static final String KEY_BASE_URL = PREFIX + "base-url";
    public static final String KEY_LOGIN_URL = PREFIX + "login-url";
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
    public static final String KEY_BUSINESS_UNIT_ID = PREFIX + "business-unit-id";
    public static final String KEY_PAGE_SIZE = PREFIX + "page-size";
    public static final String KEY_MAX_CONCURRENT_CALLS = PREFIX + "max-concurrent-calls";
    public static final String KEY_EDITION = PREFIX + "edition";
    /** Account Engagement's daily API calls per business unit by edition (saas-apis.md §3.6, Salesforce Help). */
    public static final Map<String, Long> EDITIONS = Map.of("growth", 25_000L, "plus", 50_000L, "advanced", 100_000L,
            "premium", 100_000L);
    public static final String KEY_STAGE_FIELD = PREFIX + "stage-field";
    public static final String KEY_SALESFORCE_ID_FIELDS = PREFIX + "salesforce-id-fields";
    public static final String KEY_PROSPECT_FIELDS = PREFIX + "prospect-fields";
    public static final String KEY_CONNECT_TIMEOUT = PREFIX + CallTimeouts.CONNECT_KEY;
    public static final String KEY_READ_TIMEOUT = PREFIX + CallTimeouts.READ_KEY;
    public static final String KEY_CALL_TIMEOUT = PREFIX + CallTimeouts.CALL_KEY;

    public static final String DEFAULT_BASE_URL = "https://pi.pardot.com";
    public static final String DEMO_BASE_URL = "https://pi.demo.pardot.com";
    public static final String DEFAULT_LOGIN_URL = "https://login.salesforce.com";
    public static final String SANDBOX_LOGIN_URL = "https://test.salesforce.com";
    public static final int DEFAULT_PAGE_SIZE = 1000;
    public static final int MAX_PAGE_SIZE = 1000;
    public static final int DEFAULT_MAX_CONCURRENT_CALLS = 4;
    /** The look-back window its API needs, in seconds (see {@link #lookBack()}). */
    public static final int DEFAULT_LOOK_BACK_SECONDS = 90;
    /** Account Engagement's limit of concurrent API requests per business unit (error 66 above it). */
    public static final int MAX_CONCURRENT_CALLS = 5;
    public static final String DEFAULT_STAGE_FIELD = "Lifecycle_Stage__c";
    public static final String DEFAULT_SALESFORCE_ID_FIELDS = "salesforceLeadId,salesforceContactId";
    /** The value of {@value #KEY_SALESFORCE_ID_FIELDS} that reads no Salesforce id fields. */
    public static final String NONE = "none";
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_READ_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_CALL_TIMEOUT_SECONDS = 120;
    /** The timeouts when none is configured. */
    public static final CallTimeouts DEFAULT_TIMEOUTS = CallTimeouts.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS,
            DEFAULT_READ_TIMEOUT_SECONDS, DEFAULT_CALL_TIMEOUT_SECONDS);

    /** Every setting this connector reads, declared once: type, default, bounds, secrecy, meaning. */
    public static final List<Setting> SETTINGS = List.of(
            Setting.of(KEY_BASE_URL, Setting.Type.URL,
                "`https://pi.demo.pardot.com` for developer, demo, training and sandbox business units (the "
                    + "wrong one gives error 201)")
                .withDefault(DEFAULT_BASE_URL),
            Setting.of(KEY_LOGIN_URL, Setting.Type.URL,
                "Salesforce OAuth host (My Domain for client credentials)")
                .withDefault(DEFAULT_LOGIN_URL),
            Setting.of(KEY_AUTH_TYPE, Setting.Type.CHOICE,
                "`client-credentials`, `jwt` or `password`")
                .asRequired(),
            Setting.of(KEY_CLIENT_ID, Setting.Type.TEXT,
                "connected app consumer key (the app needs the `pardot_api` scope)")
                .asRequired(),
            Setting.of(KEY_CLIENT_SECRET, Setting.Type.SECRET,
                "for `client-credentials` and `password`"),
            Setting.of(KEY_USERNAME, Setting.Type.TEXT,
                "for `password` and `jwt`: a Salesforce user synced to the business unit"),
            Setting.of(KEY_PASSWORD, Setting.Type.SECRET,
                "for `password`"),
            Setting.of(KEY_SECURITY_TOKEN, Setting.Type.SECRET,
                "appended to the password (`password` flow)"),
            Setting.of(KEY_JWT_KEYSTORE_PATH, Setting.Type.PATH,
                "PKCS12 keystore (`jwt`)"),
            Setting.of(KEY_JWT_KEYSTORE_PASSWORD, Setting.Type.SECRET,
                "password of that keystore and its key (`jwt`)"),
            Setting.of(KEY_JWT_KEY_ALIAS, Setting.Type.TEXT,
                "key entry to sign with, when the keystore has several"),
            Setting.of(KEY_JWT_AUDIENCE, Setting.Type.URL,
                "as for Salesforce")
                .withDefaultNote("login or test host"),
            Setting.of(KEY_BUSINESS_UNIT_ID, Setting.Type.SALESFORCE_ID,
                "sent as `Pardot-Business-Unit-Id` on every call: the 18-character id starting `0Uv` (its "
                    + "case checksum is checked)")
                .asRequired(),
            Setting.integer(KEY_PAGE_SIZE, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE,
                "prospects asked for per query call (the v5 `limit`; 1000 is v5's maximum and spends the "
                    + "fewest calls); stagesync still applies them, and advances the watermark, in pages of "
                    + "`stagesync.sync.page-size`"),
            Setting.integer(KEY_MAX_CONCURRENT_CALLS, DEFAULT_MAX_CONCURRENT_CALLS, 1, MAX_CONCURRENT_CALLS,
                "at most 5 (Pardot's limit per business unit, shared with other integrations)"),
            io.stagesync.connector.spi.SystemSettings.lookBackSetting(PREFIX, DEFAULT_LOOK_BACK_SECONDS,
                "Account Engagement's query cache can show a change up to about a minute late"),
            io.stagesync.connector.spi.SystemSettings.dailyCallsSetting(PREFIX,
                "the business unit's daily API allowance (Setup → Account Engagement Settings → Usage and Limits), "
                    + "for the quota shown per connector ([admin-api.md, \"API quota\"](admin-api.md#api-quota))"),
            Setting.of(KEY_EDITION, Setting.Type.CHOICE,
                "used when `daily-calls` is empty: `growth` = 25,000, `plus` = 50,000, `advanced` = 100,000, "
                    + "`premium` = 100,000 calls a day (add-ons raise these: then set `daily-calls`)")
                .withDefault(""),
            Setting.of(KEY_STAGE_FIELD, Setting.Type.FIELD_NAME,
                "prospect field holding the stage")
                .withDefault(DEFAULT_STAGE_FIELD),
            Setting.of(KEY_PROSPECT_FIELDS, Setting.Type.LIST,
                "extra fields to read; the mapped fields are added automatically")
                .withDefaultNote("*(from the mapping)*"),
            Setting.of(KEY_SALESFORCE_ID_FIELDS, Setting.Type.LIST,
                "prospect fields holding the linked Salesforce ids, or `none`")
                .withDefault(DEFAULT_SALESFORCE_ID_FIELDS),
            Setting.integer(KEY_CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT_SECONDS, 1, 3600,
                "wait for the connection, API host and Salesforce login host"),
            Setting.integer(KEY_READ_TIMEOUT, DEFAULT_READ_TIMEOUT_SECONDS, 1, 3600,
                "how long a call may stay silent; v5 answers from a cache and reports its own time-outs as "
                    + "code 214"),
            Setting.integer(KEY_CALL_TIMEOUT, DEFAULT_CALL_TIMEOUT_SECONDS, 1, 3600,
                "the longest one request (a page of 1,000 prospects) may take, at least the two above"));

    /** Every key this class reads. */
    public static final Set<String> KEYS = Setting.keysOf(SETTINGS);

    /** The keys whose values are secrets: never printed. */
    public static final Set<String> SECRET_KEYS = Setting.secretKeysOf(SETTINGS);

    private static final Pattern BUSINESS_UNIT_ID = Pattern.compile("0Uv[A-Za-z0-9]{15}");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*){0,2}");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Set<String> SHARED_LOGIN_HOSTS = Set.of("login.salesforce.com", "test.salesforce.com");

    /** How the connector obtains its Salesforce access token. */
    public enum AuthType {
        /** OAuth 2.0 client credentials, on the org's My Domain host, as the app's run-as user. */
        CLIENT_CREDENTIALS("client-credentials"),
        /** OAuth 2.0 JWT bearer: an RS256 assertion signed with the connected app certificate's key. */
        JWT("jwt"),
        /** OAuth 2.0 username-password (legacy; Salesforce is retiring it). */
        PASSWORD("password");

        private final String key;

        AuthType(String key) {
            this.key = key;
        }

        /** The value of {@value PardotSettings#KEY_AUTH_TYPE} that selects this type. */
        public String key() {
            return key;
        }

        static Optional<AuthType> parse(String text) {
            return Arrays.stream(values()).filter(t -> t.key.equals(text.trim().toLowerCase(Locale.ROOT))).findFirst();
        }
    }

    private final String baseUrl;
    private final String loginUrl;
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
    private final String businessUnitId;
    private final int pageSize;
    private final int maxConcurrentCalls;
    private final java.time.Duration lookBack;
    private final java.util.OptionalLong dailyCalls;
    private final String stageField;
    private final List<String> salesforceIdFields;
    private final List<String> prospectFields;
    private final CallTimeouts timeouts;

    private PardotSettings(Reader r) {
        this.baseUrl = r.baseUrl;
        this.loginUrl = r.loginUrl;
        this.authType = r.authType;
        this.clientId = r.get(KEY_CLIENT_ID);
        this.clientSecret = r.get(KEY_CLIENT_SECRET);
        this.username = r.get(KEY_USERNAME);
        this.password = r.get(KEY_PASSWORD);
        this.securityToken = r.get(KEY_SECURITY_TOKEN);
        this.jwtKeystorePath = r.keystorePath;
        this.jwtKeystorePassword = r.get(KEY_JWT_KEYSTORE_PASSWORD);
        this.jwtKeyAlias = r.keyAlias;
        this.jwtAudience = r.audience;
        this.businessUnitId = r.get(KEY_BUSINESS_UNIT_ID);
        this.pageSize = r.pageSize;
        this.lookBack = r.lookBack;
        this.dailyCalls = r.dailyCalls;
        this.maxConcurrentCalls = r.maxConcurrent;
        this.stageField = r.stageField;
        this.salesforceIdFields = r.salesforceIdFields;
        this.prospectFields = r.prospectFields;
        this.timeouts = r.timeouts;
    }

    /**
     * Reads, defaults and validates the settings; for {@code jwt} also opens the keystore once to
     * check the password and the key entry.
     *
     * @param values key to resolved value; blank values count as absent; keys outside
     *               {@value #PREFIX} are ignored
     * @throws SettingsException listing every problem, each naming its key
     */
    public static PardotSettings from(Map<String, String> values) {
        Reader reader = new Reader(values);
        if (reader.hasProblems()) {
            throw new SettingsException("Pardot", reader.problems());
        }
        return new PardotSettings(reader);
    }

    /** The API host without a trailing slash, e.g. {@code https://pi.pardot.com}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The Salesforce OAuth host without a trailing slash, e.g. {@code https://login.salesforce.com}. */
    public String loginUrl() {
        return loginUrl;
    }

    public AuthType authType() {
        return authType;
    }

    public String clientId() {
        return clientId;
    }

    /** Null for {@link AuthType#JWT}. */
    public String clientSecret() {
        return clientSecret;
    }

    /** Null for {@link AuthType#CLIENT_CREDENTIALS}. */
    public String username() {
        return username;
    }

    /** The password followed by the security token, as the password flow sends it; null unless {@link AuthType#PASSWORD}. */
    public String passwordWithSecurityToken() {
        if (authType != AuthType.PASSWORD) {
            return null;
        }
        return password + (securityToken == null ? "" : securityToken);
    }

    /** The absolute keystore path; null unless {@link AuthType#JWT}. */
    public Path jwtKeystorePath() {
        return jwtKeystorePath;
    }

    /** Null unless {@link AuthType#JWT}. */
    public String jwtKeystorePassword() {
        return jwtKeystorePassword;
    }

    /** The alias of the key entry to sign with (the only one when none was configured); null unless {@link AuthType#JWT}. */
    public String jwtKeyAlias() {
        return jwtKeyAlias;
    }

    /** The JWT's {@code aud}, e.g. {@code https://login.salesforce.com}. */
    public String jwtAudience() {
        return jwtAudience;
    }

    /** The 18-character business unit id, e.g. {@code 0UvXX00000000010AA}. */
    public String businessUnitId() {
        return businessUnitId;
    }

    /** Prospects per query page, 1 to 1000. */
    public int pageSize() {
        return pageSize;
    }

    /** Requests run at once at most, 1 to 5. */
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

    /** The v5 name of the prospect field holding the stage, e.g. {@code Lifecycle_Stage__c}. */
    public String stageField() {
        return stageField;
    }

    /** The v5 names of the Salesforce lead/contact id fields to read; empty for {@code none}. Immutable. */
    public List<String> salesforceIdFields() {
        return salesforceIdFields;
    }

    /** The further prospect fields to read, as configured, without duplicates. Immutable. */
    public List<String> prospectFields() {
        return prospectFields;
    }

    /** How long a call may take before it is abandoned (connect, read, whole call). */
    public CallTimeouts timeouts() {
        return timeouts;
    }

    @Override
    public String toString() {
        return "PardotSettings[baseUrl=" + baseUrl + ", loginUrl=" + loginUrl + ", authType=" + authType.key()
                + ", clientId=" + clientId + ", clientSecret=" + mask(clientSecret) + ", username=" + username
                + ", password=" + mask(password) + ", securityToken=" + mask(securityToken)
                + ", jwtKeystorePath=" + jwtKeystorePath + ", jwtKeystorePassword=" + mask(jwtKeystorePassword)
                + ", jwtKeyAlias=" + jwtKeyAlias + ", jwtAudience=" + jwtAudience
                + ", businessUnitId=" + businessUnitId + ", pageSize=" + pageSize
                + ", maxConcurrentCalls=" + maxConcurrentCalls + ", lookBack=" + lookBack + ", dailyCalls=" + dailyCalls + ", stageField=" + stageField
                + ", salesforceIdFields=" + salesforceIdFields + ", prospectFields=" + prospectFields
                + ", timeouts=" + timeouts + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "null" : "****";
    }

    /** Reads every key once and collects every problem. */
    private static final class Reader extends ConnectorSettingsReader {
        String baseUrl = DEFAULT_BASE_URL;
        String loginUrl = DEFAULT_LOGIN_URL;
        String loginHost = "login.salesforce.com";
        AuthType authType;
        Path keystorePath;
        String keyAlias;
        String audience;
        int pageSize;
        int maxConcurrent;
        java.time.Duration lookBack = java.time.Duration.ofSeconds(DEFAULT_LOOK_BACK_SECONDS);
        java.util.OptionalLong dailyCalls = java.util.OptionalLong.empty();
        String stageField = DEFAULT_STAGE_FIELD;
        List<String> salesforceIdFields;
        List<String> prospectFields = List.of();
        CallTimeouts timeouts;

        Reader(Map<String, String> values) {
            super(values, SETTINGS);
            rejectUnknownKeys(PREFIX, KEYS, "a Pardot setting");
            String base = url(KEY_BASE_URL, true);
            if (base != null) {
                baseUrl = base;
            }
            String login = url(KEY_LOGIN_URL, false);
            if (login != null) {
                loginUrl = login;
                loginHost = URI.create(login).getHost().toLowerCase(Locale.ROOT);
            }
            authType();
            required(KEY_CLIENT_ID, "the connected app's consumer key");
            credentials();
            businessUnitId();
            pageSize = intIn(KEY_PAGE_SIZE);
            maxConcurrent = intIn(KEY_MAX_CONCURRENT_CALLS);
            lookBack = lookBack(PREFIX);
            dailyCalls = dailyCallsOrEdition();
            timeouts = timeouts(PREFIX, DEFAULT_TIMEOUTS);
            stageField();
            salesforceIdFields = fieldList(KEY_SALESFORCE_ID_FIELDS, DEFAULT_SALESFORCE_ID_FIELDS, FIELD_NAME, true);
            prospectFields = fieldList(KEY_PROSPECT_FIELDS, null, FIELD_PATH, false);
        }

        /** {@code daily-calls} when set, else the allowance of the {@code edition} when set (one problem when unknown). */
        private java.util.OptionalLong dailyCallsOrEdition() {
            java.util.OptionalLong set = dailyCalls(PREFIX);
            String edition = get(KEY_EDITION);
            Long perEdition = edition == null ? null : EDITIONS.get(edition.toLowerCase(Locale.ROOT));
            if (edition != null && perEdition == null) {
                problem(KEY_EDITION, "must be one of growth, plus, advanced, premium; got '" + edition + "'");
            }
            return set.isPresent() || perEdition == null ? set : java.util.OptionalLong.of(perEdition);
        }

        /** A validated URL without trailing slashes, or null when absent or invalid (then a problem is recorded). */
        private String url(String key, boolean pathAllowed) {
            String value = get(key);
            if (value == null) {
                return null;
            }
            String trimmed = value;
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            try {
                URI uri = new URI(trimmed);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
                boolean local = LOCAL_HOSTS.contains(host);
                if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http") && local)) {
                    problem(key, "must be an https URL (http only for localhost); got '" + value + "'");
                } else if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null
                        || !pathAllowed && uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                    problem(key, "must be " + (pathAllowed ? "scheme, host and an optional path prefix"
                            : "scheme and host only (the token path is added)") + "; got '" + value + "'");
                } else {
                    return trimmed;
                }
            } catch (URISyntaxException e) {
                problem(key, "is not a valid URL (" + e.getReason() + "); got '" + value + "'");
            }
            return null;
        }

        private void authType() {
            String value = get(KEY_AUTH_TYPE);
            if (value == null) {
                problem(KEY_AUTH_TYPE, "is required: client-credentials, jwt or password");
                return;
            }
            authType = AuthType.parse(value).orElse(null);
            if (authType == null) {
                problem(KEY_AUTH_TYPE, "must be client-credentials, jwt or password; got '" + value + "'");
            }
        }

        private void credentials() {
            if (authType == null) {
                return;
            }
            switch (authType) {
                case CLIENT_CREDENTIALS -> {
                    required(KEY_CLIENT_SECRET, "the connected app's consumer secret");
                    if (SHARED_LOGIN_HOSTS.contains(loginHost)) {
                        problem(KEY_LOGIN_URL, "must be the org's My Domain URL (e.g. https://acme.my.salesforce.com)"
                                + " for auth-type client-credentials; Salesforce refuses that flow on " + loginUrl);
                    }
                }
                case PASSWORD -> {
                    required(KEY_CLIENT_SECRET, "the connected app's consumer secret");
                    required(KEY_USERNAME, "the integration user");
                    required(KEY_PASSWORD, "the integration user's password");
                }
                case JWT -> {
                    required(KEY_USERNAME, "the integration user (the JWT sub claim)");
                    required(KEY_JWT_KEYSTORE_PASSWORD, "the keystore password");
                    keystore();
                }
                default -> throw new IllegalStateException("unknown auth type " + authType);
            }
            String explicitAudience = get(KEY_JWT_AUDIENCE);
            audience = explicitAudience != null ? explicitAudience
                    : loginHost.equals("test.salesforce.com") || loginHost.endsWith(".sandbox.my.salesforce.com")
                    ? SANDBOX_LOGIN_URL : DEFAULT_LOGIN_URL;
        }

        private void keystore() {
            String path = get(KEY_JWT_KEYSTORE_PATH);
            if (path == null) {
                problem(KEY_JWT_KEYSTORE_PATH, "is required when " + KEY_AUTH_TYPE + "=jwt: a PKCS12 keystore"
                        + " with the connected app certificate's private key");
                return;
            }
            Path p = readableFile(KEY_JWT_KEYSTORE_PATH);
            if (p == null) {
                return;
            }
            String password = get(KEY_JWT_KEYSTORE_PASSWORD);
            if (password == null) {
                return;
            }
            keystorePath = p;
            String alias = get(KEY_JWT_KEY_ALIAS);
            try (InputStream in = Files.newInputStream(p)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, password.toCharArray());
                List<String> keys = new ArrayList<>();
                for (String a : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(a)) {
                        keys.add(a);
                    }
                }
                if (alias != null && !keys.contains(alias)) {
                    problem(KEY_JWT_KEY_ALIAS, "names no key entry of " + path + "; its keys: " + keys);
                } else if (alias == null && keys.size() != 1) {
                    problem(KEY_JWT_KEY_ALIAS, "is required when the keystore holds " + keys.size()
                            + " key entries (" + keys + "); name the one to sign with");
                } else {
                    keyAlias = alias != null ? alias : keys.get(0);
                }
            } catch (IOException | GeneralSecurityException e) {
                problem(KEY_JWT_KEYSTORE_PATH, "cannot be opened as PKCS12 with "
                        + KEY_JWT_KEYSTORE_PASSWORD + " (" + e.getMessage() + ")");
            }
        }

        private void businessUnitId() {
            String value = get(KEY_BUSINESS_UNIT_ID);
            if (value == null) {
                problem(KEY_BUSINESS_UNIT_ID, "is required: the 18-character id starting 0Uv"
                        + " (Setup > Account Engagement > Business Unit Setup)");
            } else if (!BUSINESS_UNIT_ID.matcher(value).matches()) {
                problem(KEY_BUSINESS_UNIT_ID, "must be 18 letters and digits starting 0Uv"
                        + " (Setup > Account Engagement > Business Unit Setup); got '" + value + "'");
            } else {
                io.stagesync.connector.SalesforceId.problem(value).ifPresent(p -> problem(KEY_BUSINESS_UNIT_ID, ": " + p
                        + " (Setup > Account Engagement > Business Unit Setup)"));
            }
        }

        private void stageField() {
            String value = get(KEY_STAGE_FIELD);
            if (value == null) {
                return;
            }
            if (FIELD_NAME.matcher(value).matches()) {
                stageField = value;
            } else {
                problem(KEY_STAGE_FIELD, "must be a prospect field's v5 name such as " + DEFAULT_STAGE_FIELD
                        + " (letters, digits and _); got '" + value + "'");
            }
        }

        private List<String> fieldList(String key, String defaultValue, Pattern shape, boolean noneAllowed) {
            String value = get(key);
            if (value == null) {
                value = defaultValue;
            }
            if (value == null || noneAllowed && value.equalsIgnoreCase(NONE)) {
                return List.of();
            }
            Set<String> fields = new LinkedHashSet<>();
            List<String> bad = new ArrayList<>();
            for (String part : value.split(",", -1)) {
                String field = part.trim();
                if (shape.matcher(field).matches()) {
                    fields.add(field);
                } else {
                    bad.add("'" + field + "'");
                }
            }
            if (!bad.isEmpty()) {
                problem(key, "must be a comma list of prospect field names (v5 names"
                        + (shape == FIELD_PATH ? ", dot notation up to three levels" : "")
                        + (noneAllowed ? ", or " + NONE : "") + "); not a field name: " + String.join(", ", bad));
                return List.of();
            }
            return List.copyOf(fields);
        }

        private void required(String key, String what) {
            required(key, authType == null || key.equals(KEY_CLIENT_ID) ? ""
                    : "when " + KEY_AUTH_TYPE + "=" + authType.key(), what);
        }
    }
}
