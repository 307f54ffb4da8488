package io.stagesync.sandbox.netsuite;

import io.stagesync.sandbox.http.SimulatorRejectedException;
import io.stagesync.sandbox.http.SimulatorServer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-process, stateful NetSuite account for the sandbox: the real NetSuite connector (camel-http, token-based
 * authentication) reads customers, contacts and opportunities with SuiteQL and writes records through the REST
 * record API exactly as it would against NetSuite.
 *
 * <h2>What the connector sees (the contract)</h2>
 * <ul>
 *   <li>{@code POST /services/rest/query/v1/suiteql?limit=&offset=} with {@code {"q": "SELECT … FROM customer |
 *       contact | transaction [WHERE …] [ORDER BY …]"}}: opportunities are {@code transaction} rows with
 *       {@code type = 'Opprtnty'}, sales orders {@code type = 'SalesOrd'}; {@code TO_CHAR}/{@code TO_TIMESTAMP} with
 *       Oracle formats; pages of {@code limit} rows (1–1000) with {@code hasMore}; items with {@code links: []} and
 *       lower-case columns; ids and references as digit strings, dates as {@code M/d/yyyy}.</li>
 *   <li>{@code POST …/record/v1/{type}} creates, {@code PUT …/{type}/eid:{externalId}} creates or updates, both
 *       204 with {@code Location: …/record/v1/{type}/{internalId}}; {@code PATCH …/{type}/{internalId}} 204 (404
 *       {@code NONEXISTENT_ID} for an unknown id); {@code GET} either form. Refusals in NetSuite's error shape:
 *       a missing name or customer ({@code USER_ERROR} "Please enter value(s) for: …"), a sales order without
 *       lines, a reference to a record or customer status that does not exist, a bad e-mail or number
 *       ({@code INVALID_VALUE}).</li>
 *   <li>Without {@code Authorization: OAuth realm="<account>", oauth_consumer_key, oauth_token, …} signed with the
 *       secrets of {@link #env()}: 401 {@code INVALID_LOGIN}.</li>
 * </ul>
 * Types: {@code customer}, {@code contact}, {@code opportunity}, {@code salesOrder}. Internal ids are numbers from
 * 1001 on; every change gets a {@code lastModifiedDate} (whole seconds) such that {@code (lastModifiedDate, id)}
 * grows with every change, so the connector's position paging is exact; {@link #stampWithClockSecond()} stamps as
 * NetSuite does instead, where it is not.
 *
 * <h2>The sandbox's side (this class)</h2>
 * Records are {@code Map<String, Object>} keyed by REST field name (camelCase). Values given: String, Number,
 * Boolean, {@link java.time.LocalDate}; references as {@code {"id": "647"}} or just the id; the sales order's
 * {@code item} as {@code {"items": [{"item": {"id": "42"}, "quantity": 1, "amount": 100}]}}. Values returned:
 * String, Boolean, {@link java.math.BigDecimal}, {@link java.time.LocalDate}, references as {@code {"id": "…"}},
 * {@code id} as a String, {@code dateCreated}/{@code lastModifiedDate} as {@link java.time.Instant}. Changes made
 * here count as Finance's edits in NetSuite; refused ones throw {@link SimulatorRejectedException}. Thread-safe.
 */
public final class NetSuiteSimulator implements AutoCloseable {
    /** Environment variable the TBA consumer secret is read from. */
    public static final String ENV_CONSUMER_SECRET = "SANDBOX_NETSUITE_CONSUMER_SECRET";
    /** Environment variable the TBA token secret is read from. */
    public static final String ENV_TOKEN_SECRET = "SANDBOX_NETSUITE_TOKEN_SECRET";
    /** The account id unless another is given. */
    public static final String DEFAULT_ACCOUNT_ID = "1234567_SB1";
    /** The SuiteQL page size {@link #properties()} asks for, so a few hundred records page. */
    public static final int PAGE_SIZE = 100;

    private final SimulatorServer server = new SimulatorServer("netsuite");
    private final NetSuiteAccount account;
    private final String accountId;
    private final ZoneId zone;
    private final String consumerKey = "sandbox-" + random(16);
    private final String tokenId = "sandbox-" + random(16);
    private final String consumerSecret = random(32);
    private final String tokenSecret = random(32);

    /** An account {@value #DEFAULT_ACCOUNT_ID} on the system clock, SuiteQL in UTC; call {@link #start()}. */
    public NetSuiteSimulator() {
        this(Clock.systemUTC(), DEFAULT_ACCOUNT_ID, ZoneOffset.UTC);
    }

    /**
     * @param clock     the time changes are stamped with (moved on by a second when needed, see above)
     * @param accountId e.g. {@code 1234567_SB1}; its realm form (upper case, {@code _}) must sign every request
     * @param zone      the integration user's time zone: SuiteQL shows and compares datetimes in it
     */
    public NetSuiteSimulator(Clock clock, String accountId, ZoneId zone) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.account = new NetSuiteAccount(clock, zone);
        String realm = accountId.toUpperCase(Locale.ROOT).replace('-', '_');
        NetSuiteTbaVerifier verifier = new NetSuiteTbaVerifier(
                new NetSuiteTbaVerifier.Keys(realm, consumerKey, consumerSecret, tokenId, tokenSecret), server::baseUrl);
        new NetSuiteApi(account, verifier, server::baseUrl).register(server);
    }

    /** Starts serving on 127.0.0.1 (a free port). */
    public NetSuiteSimulator start() {
        server.start();
        return this;
    }

    /** e.g. {@code http://127.0.0.1:40123}: the connector's base URL. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /**
     * The {@code application.properties} lines that point the real connector at this simulator: account id, base
     * URL, TBA keys (secrets as {@code ${env:…}} references resolved by {@link #env()}), the SuiteQL time zone and
     * page size {@value #PAGE_SIZE}. Valid once started (the URL holds the port).
     */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("stagesync.netsuite.account-id", accountId);
        p.put("stagesync.netsuite.base-url", baseUrl());
        p.put("stagesync.netsuite.auth-type", "tba");
        p.put("stagesync.netsuite.tba.consumer-key", consumerKey);
        p.put("stagesync.netsuite.tba.consumer-secret", "${env:" + ENV_CONSUMER_SECRET + "}");
        p.put("stagesync.netsuite.tba.token-id", tokenId);
        p.put("stagesync.netsuite.tba.token-secret", "${env:" + ENV_TOKEN_SECRET + "}");
        p.put("stagesync.netsuite.suiteql-timezone", zone.getId());
        p.put("stagesync.netsuite.page-size", Integer.toString(PAGE_SIZE));
        return p;
    }

    /** The environment the {@code ${env:…}} references of {@link #properties()} need (random per simulator). */
    public Map<String, String> env() {
        return Map.of(ENV_CONSUMER_SECRET, consumerSecret, ENV_TOKEN_SECRET, tokenSecret);
    }

    /**
     * Creates a record as a NetSuite user would.
     *
     * @param type {@code customer}, {@code contact}, {@code opportunity} or {@code salesOrder}
     * @return the new internal id
     * @throws SimulatorRejectedException when NetSuite would refuse it (nothing is created)
     */
    public String create(String type, Map<String, ?> fields) {
        NetSuiteSchema.RecordType recordType = type(type);
        try {
            return account.create(recordType, userFields(recordType, fields));
        } catch (NetSuiteRequestException e) {
            throw rejected(e);
        }
    }

    /**
     * Changes fields of a record as a NetSuite user would (a null value clears the field); bumps its
     * {@code lastModifiedDate}.
     *
     * @throws SimulatorRejectedException when NetSuite would refuse it or the record does not exist
     */
    public void update(String type, String id, Map<String, ?> fields) {
        change(type, id, fields, account::update);
    }

    /** A change of one record by {@code how}, NetSuite's refusals as {@link SimulatorRejectedException}. */
    private void change(String type, String id, Map<String, ?> fields, RecordChange how) {
        NetSuiteSchema.RecordType recordType = type(type);
        try {
            how.apply(recordType, Objects.requireNonNull(id, "id"), userFields(recordType, fields));
        } catch (NetSuiteRequestException e) {
            throw rejected(e);
        }
    }

    private interface RecordChange {
        void apply(NetSuiteSchema.RecordType type, String id, Map<String, Object> fields);
    }

    /**
     * Changes fields of a record the way a data fix made past NetSuite's change tracking would (a CSV import with
     * system notes off, a direct database repair): {@code lastModifiedDate} stays, so no change read sees it. What
     * only {@code reconcile} finds.
     *
     * @throws SimulatorRejectedException when the record does not exist
     */
    public void updateUntracked(String type, String id, Map<String, ?> fields) {
        change(type, id, fields, account::updateUntracked);
    }

    /** A copy of one record, or empty. */
    public Optional<Map<String, Object>> get(String type, String id) {
        return account.get(type(type), id);
    }

    /** A copy of the record with that external id, or empty. */
    public Optional<Map<String, Object>> getByExternalId(String type, String externalId) {
        return account.getByExternalId(type(type), externalId);
    }

    /** Copies of all records of the type, in creation order. */
    public List<Map<String, Object>> list(String type) {
        return account.list(type(type));
    }

    /**
     * Copies of the records whose field equals the value (a reference field matches its id, e.g.
     * {@code find("salesOrder", "entity", "1001")}), in creation order.
     */
    public List<Map<String, Object>> find(String type, String field, Object value) {
        String wanted = value == null ? null : String.valueOf(value instanceof Map<?, ?> m ? m.get("id") : value);
        return account.list(type(type)).stream().filter(r -> {
            Object v = r.get(field);
            String actual = v == null ? null : String.valueOf(v instanceof Map<?, ?> m ? m.get("id") : v);
            return Objects.equals(actual, wanted);
        }).toList();
    }

    /**
     * From now on stamps every change with the clock's whole second as it is, as NetSuite does, instead of moving it
     * on so that {@code (lastModifiedDate, id)} grows: a record with a lower id changed later in a second the
     * connector has already read then sorts before the connector's position, which a reader must cover by reading
     * again behind its position.
     *
     * @return this simulator
     */
    public NetSuiteSimulator stampWithClockSecond() {
        account.stampWithClockSecond();
        return this;
    }

    /**
     * Answers every later call late, after a random time from {@code min} to {@code max}, as a remote API does
     * (see {@link SimulatorServer#setLatency}): what the call changed is already here while the connector waits.
     */
    public void injectLatency(Duration min, Duration max) {
        server.setLatency(min, max);
    }

    /**
     * The records two API calls wrote at once so far (see {@link SimulatorServer#overlappingWrites}): a caller that
     * sent a record's second write before its first was answered. Calls are served concurrently only with
     * {@link SimulatorServer#CONCURRENT_PROPERTY}; one at a time, none can overlap.
     */
    public java.util.List<String> overlappingWrites() {
        return server.overlappingWrites();
    }

    /** HTTP requests served so far. */
    public long requestCount() {
        return server.requestCount();
    }

    /** Requests so far by route ({@code METHOD PATH-REGEX}; see {@link SimulatorServer#requestCountsByRoute()}). */
    public java.util.Map<String, Long> requestCountsByRoute() {
        return server.requestCountsByRoute();
    }

    @Override
    public void close() {
        server.close();
    }

    /** The fields with plain ids of reference fields wrapped as {@code {"id": …}}. */
    private static Map<String, Object> userFields(NetSuiteSchema.RecordType type, Map<String, ?> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        Objects.requireNonNull(fields, "fields").forEach((name, value) -> {
            boolean reference = type.field(name).map(f -> f.type() == NetSuiteSchema.Type.REFERENCE).orElse(false);
            out.put(name, reference && value != null && !(value instanceof Map<?, ?>)
                    ? Map.of("id", value.toString()) : value);
        });
        return out;
    }

    private static SimulatorRejectedException rejected(NetSuiteRequestException e) {
        return new SimulatorRejectedException(List.of(e.errorCode()), e.errorCode() + ": " + e.getMessage()
                + (e.path() == null ? "" : " (" + e.path() + ")"));
    }

    private static NetSuiteSchema.RecordType type(String type) {
        return NetSuiteSchema.type(Objects.requireNonNull(type, "type")).orElseThrow(() ->
                new IllegalArgumentException("the NetSuite simulator keeps " + NetSuiteSchema.typeNames() + "; got "
                        + type));
    }

    private static String random(int length) {
        byte[] bytes = new byte[(length + 1) / 2];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, length);
    }
}
