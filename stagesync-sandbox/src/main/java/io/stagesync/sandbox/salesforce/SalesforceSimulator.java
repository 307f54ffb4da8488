package io.stagesync.sandbox.salesforce;

import io.stagesync.sandbox.http.SimulatorRejectedException;
import io.stagesync.sandbox.http.SimulatorServer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-process, stateful Salesforce org for the sandbox: the real camel-salesforce connector logs in to it and
 * reads and writes Leads, Contacts, Accounts, Opportunities and Campaigns exactly as it would in Salesforce.
 *
 * <h2>What the connector sees (the contract)</h2>
 * <ul>
 *   <li>{@code POST /services/oauth2/token}: the username-password and client-credentials flows, checked
 *       against {@link #properties()}/{@link #env()}; a token response in Salesforce's shape. {@code /revoke}
 *       ends the session.</li>
 *   <li>{@code GET /services/data/vNN.N/query?q=SOQL}: {@code SELECT fields FROM type [WHERE …] [ORDER BY …]
 *       [LIMIT n] [OFFSET n]} over one object, answered as {@code {totalSize, done, nextRecordsUrl, records:
 *       [{attributes: {type, url}, …}]}}, {@code Sforce-Query-Options: batchSize=N} (200–2000, default 2000)
 *       honoured, the rest served from a snapshot through {@code nextRecordsUrl}. Datetimes as
 *       {@code 2026-11-20T10:00:01.000+0000}. Unknown objects or fields: 400 {@code INVALID_TYPE} /
 *       {@code INVALID_FIELD}; bad SOQL: 400 {@code MALFORMED_QUERY}.</li>
 *   <li>sObject Collections: {@code PATCH /composite/sobjects/{type}/{externalIdField}} (upsert; any custom
 *       field is an external id), {@code PATCH /composite/sobjects} (update by Id), {@code POST
 *       /composite/sobjects} (create); {@code allOrNone} honoured; results per record in request order
 *       ({@code id, success, errors[{statusCode, message, fields}], created}). Per-record failures: a missing
 *       required field ({@code REQUIRED_FIELD_MISSING}, e.g. a Lead without {@code LastName} or
 *       {@code Company}), a bad e-mail ({@code INVALID_EMAIL_ADDRESS}), text too long ({@code STRING_TOO_LONG}),
 *       a malformed or dangling reference ({@code MALFORMED_ID}, {@code INVALID_CROSS_REFERENCE_KEY}), a
 *       read-only field ({@code INVALID_FIELD_FOR_INSERT_UPDATE}).</li>
 *   <li>Without {@code Authorization: Bearer <issued token>}: 401
 *       {@code [{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]}.</li>
 * </ul>
 * Ids are 18 characters with the type's key prefix (00Q Lead, 003 Contact, 001 Account, 006 Opportunity,
 * 701 Campaign). Every change, from the API or from this class, gets a {@code SystemModstamp} strictly later
 * than every earlier change (at least 1 ms apart), so incremental reads by {@code (SystemModstamp, Id)} are exact.
 *
 * <h2>The sandbox's side (this class)</h2>
 * Records are {@code Map<String, Object>} keyed by API name. Values given may be JSON-like (String, Number,
 * Boolean) or typed ({@link LocalDate} for dates, {@link java.time.Instant} for datetimes); values returned are
 * String (text, picklists, ids), {@link Boolean}, {@link Long} (integers), {@link java.math.BigDecimal} (numbers,
 * currency), {@link LocalDate}, {@link java.time.Instant}. Changes made here count as a user's edits (made by a
 * user other than the integration user), so the connector reads them on its next poll. Writes are checked as the
 * API checks them and refused with {@link SimulatorRejectedException}. Thread-safe: the HTTP worker and any
 * number of callers may use one simulator at once.
 */
public final class SalesforceSimulator implements AutoCloseable {
    /** Environment variable the connector's client secret is read from ({@code ${env:…}}). */
    public static final String ENV_CLIENT_SECRET = "SANDBOX_SALESFORCE_CLIENT_SECRET";
    /** Environment variable the integration user's password is read from. */
    public static final String ENV_PASSWORD = "SANDBOX_SALESFORCE_PASSWORD";
    /** The connected app's consumer key. */
    public static final String CLIENT_ID = "3MVG9sandbox.stagesync.example.connected.app";
    /** The integration user. */
    public static final String USERNAME = "integration@sandbox.stagesync.example.com";
    /** The query page size {@link #properties()} asks for: Salesforce's minimum, so a few hundred records page. */
    public static final int PAGE_SIZE = 200;

    /**
     * What {@link #convertLead} created.
     *
     * @param opportunityId null when no opportunity was asked for
     */
    public record LeadConversion(String accountId, String contactId, String opportunityId) {
    }

    private final Clock clock;
    private final SimulatorServer server = new SimulatorServer("salesforce");
    private final SalesforceOrg org;
    private final SalesforceLogin login;
    private final String clientSecret = randomSecret();
    private final String password = randomSecret();
    private final SalesforcePubSub pubSub;

    /** A simulator on the system clock; call {@link #start()}. */
    public SalesforceSimulator() {
        this(Clock.systemUTC());
    }

    /** @param clock the time changes are stamped with (never earlier than the previous change) */
    public SalesforceSimulator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.org = new SalesforceOrg(clock);
        this.login = new SalesforceLogin(new SalesforceLogin.Credentials(CLIENT_ID, clientSecret, USERNAME, password),
                server::baseUrl, clock);
        login.register(server);
        new SalesforceApi(org, login).register(server);
        ChangeEventSchemas schemas = new ChangeEventSchemas(SalesforceSchema.typeNames().stream()
                .map(name -> SalesforceSchema.type(name).orElseThrow()).toList());
        this.pubSub = new SalesforcePubSub(schemas, token -> login.isValid("Bearer " + token), SalesforceLogin.ORG_ID,
                clock);
        org.onCommit(changes -> changes.forEach(c -> pubSub.publish(c.type().name(), schemas.encode(c.type().name(),
                c.changeType(), List.of(c.id()), c.after(), c.changed(), c.transactionKey(), c.sequence(), c.at(),
                c.userId()))));
    }

    /** Starts serving on 127.0.0.1 (a free port). */
    public SalesforceSimulator start() {
        server.start();
        pubSub.start();
        return this;
    }

    /** Login host and instance URL at once, e.g. {@code http://127.0.0.1:40123}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /**
     * The {@code application.properties} lines that point the real connector at this simulator: login URL,
     * {@code password} auth, client id, user, page size {@value #PAGE_SIZE}; the secrets as {@code ${env:…}}
     * references resolved by {@link #env()}. Valid once started (the URL holds the port).
     */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("stagesync.salesforce.login-url", baseUrl());
        p.put("stagesync.salesforce.auth-type", "password");
        p.put("stagesync.salesforce.client-id", CLIENT_ID);
        p.put("stagesync.salesforce.client-secret", "${env:" + ENV_CLIENT_SECRET + "}");
        p.put("stagesync.salesforce.username", USERNAME);
        p.put("stagesync.salesforce.password", "${env:" + ENV_PASSWORD + "}");
        p.put("stagesync.salesforce.page-size", Integer.toString(PAGE_SIZE));
        return p;
    }

    /**
     * The org's Pub/Sub API (its Change Data Capture events, {@code /data/<Object>ChangeEvent} and
     * {@code /data/ChangeEvents}), on 127.0.0.1 at {@link SalesforcePubSub#port()} once started, plaintext.
     */
    public SalesforcePubSub pubSub() {
        return pubSub;
    }

    /**
     * The {@code application.properties} lines that stream {@code objects} from this org's Pub/Sub API (Change
     * Data Capture, plaintext on 127.0.0.1) instead of polling them; valid once started.
     */
    public Map<String, String> changeDataCaptureProperties(String... objects) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("stagesync.salesforce.cdc.objects", String.join(",", objects));
        p.put("stagesync.salesforce.pubsub.host", "127.0.0.1");
        p.put("stagesync.salesforce.pubsub.port", Integer.toString(pubSub.port()));
        p.put("stagesync.salesforce.pubsub.plaintext", "true");
        return p;
    }

    /** The environment the {@code ${env:…}} references of {@link #properties()} need (random per simulator). */
    public Map<String, String> env() {
        return Map.of(ENV_CLIENT_SECRET, clientSecret, ENV_PASSWORD, password);
    }

    /**
     * Creates a record as a user would.
     *
     * @param objectType {@code Lead}, {@code Contact}, {@code Account}, {@code Opportunity} or {@code Campaign}
     * @return the new 18-character id
     * @throws SimulatorRejectedException when Salesforce would refuse it (nothing is created)
     * @throws IllegalArgumentException   for another object type
     */
    public String create(String objectType, Map<String, ?> fields) {
        return write(new SalesforceOrg.Write(SalesforceOrg.Kind.CREATE, type(objectType), null, null, copy(fields)));
    }

    /**
     * Changes fields of a record as a user would (a null value clears the field); bumps its SystemModstamp.
     *
     * @throws SimulatorRejectedException when Salesforce would refuse it (nothing is changed), including an id
     *     that does not exist
     */
    public void update(String objectType, String id, Map<String, ?> fields) {
        write(new SalesforceOrg.Write(SalesforceOrg.Kind.UPDATE, type(objectType), null, Objects.requireNonNull(id, "id"),
                copy(fields)));
    }

    /**
     * Deletes a record as a user would: it goes to the recycle bin ({@code queryAll} still reads it, with
     * {@code IsDeleted = true}) and Change Data Capture reports a {@code DELETE}.
     *
     * @throws SimulatorRejectedException when there is no such record, or it is deleted already
     */
    public void delete(String objectType, String id) {
        try {
            org.delete(type(objectType), List.of(Objects.requireNonNull(id, "id")), null, SalesforceOrg.SANDBOX_USER);
        } catch (SalesforceRequestException e) {
            throw new SimulatorRejectedException(List.of(e.errorCode()), e.errorCode() + ": " + e.getMessage());
        }
    }

    /** Restores a deleted (not merged) record from the recycle bin; Change Data Capture reports an {@code UNDELETE}. */
    public void undelete(String objectType, String id) {
        org.undelete(type(objectType), id, SalesforceOrg.SANDBOX_USER);
    }

    /**
     * Merges one or two records into {@code winnerId} as a user would in Setup (Account, Contact or Lead): the
     * others are deleted with {@code MasterRecordId} naming the winner, what referred to them refers to the winner,
     * and the winner is updated.
     */
    public void merge(String objectType, String winnerId, String... loserIds) {
        org.merge(type(objectType), winnerId, List.of(loserIds), SalesforceOrg.SANDBOX_USER);
    }

    /** A copy of one record (15- or 18-character id), or empty. */
    public Optional<Map<String, Object>> get(String objectType, String id) {
        return org.get(type(objectType), id);
    }

    /** Copies of all records of the type, in creation order. */
    public List<Map<String, Object>> list(String objectType) {
        return org.list(type(objectType));
    }

    /**
     * Copies of the records whose field equals the value as SOQL's {@code =} compares (text case-insensitively),
     * in creation order; a null value finds the records where the field is empty.
     */
    public List<Map<String, Object>> find(String objectType, String field, Object value) {
        SalesforceSchema.SObjectType type = type(objectType);
        SalesforceSchema.Field f = type.field(field).orElseThrow(() ->
                new IllegalArgumentException(type.name() + " has no field " + field));
        Object wanted = SalesforceValues.coerce(f, value);
        return org.list(type).stream().filter(r -> {
            Object v = SoqlEngine.value(r, f.name());
            return wanted == null ? v == null : v != null && SoqlEngine.equal(v, wanted);
        }).toList();
    }

    /**
     * Converts a lead as a sales rep would: a new Account named after the lead's company, a Contact with the
     * lead's name, e-mail and phone on it, optionally an Opportunity ({@code <Company>-}, stage
     * {@code Prospecting}, closing in 30 days), and the lead marked converted ({@code IsConverted},
     * {@code Status = Closed - Converted}, the {@code Converted*Id} fields). All in one step.
     *
     * @throws SimulatorRejectedException {@code CANNOT_UPDATE_CONVERTED_LEAD} for a lead converted before
     * @throws IllegalArgumentException   when there is no such lead
     */
    public LeadConversion convertLead(String leadId, boolean withOpportunity) {
        SalesforceSchema.SObjectType lead = type("Lead");
        synchronized (org) {
            Map<String, Object> record = org.get(lead, leadId)
                    .orElseThrow(() -> new IllegalArgumentException("no Lead " + leadId));
            if (Boolean.TRUE.equals(record.get("IsConverted"))) {
                throw new SimulatorRejectedException(List.of("CANNOT_UPDATE_CONVERTED_LEAD"),
                        "CANNOT_UPDATE_CONVERTED_LEAD: cannot reference converted lead");
            }
            String accountId = create("Account", Map.of("Name", record.get("Company")));
            Map<String, Object> contact = new LinkedHashMap<>();
            for (String field : List.of("FirstName", "LastName", "Email", "Phone", "LeadSource", "HasOptedOutOfEmail")) {
                contact.put(field, record.get(field));
            }
            contact.put("AccountId", accountId);
            String contactId = create("Contact", contact);
            String opportunityId = null;
            if (withOpportunity) {
                Map<String, Object> opportunity = new LinkedHashMap<>();
                opportunity.put("Name", record.get("Company") + "-");
                opportunity.put("AccountId", accountId);
                opportunity.put("StageName", "Prospecting");
                opportunity.put("CloseDate", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(30));
                opportunity.put("LeadSource", record.get("LeadSource"));
                opportunityId = create("Opportunity", opportunity);
            }
            Map<String, Object> converted = new LinkedHashMap<>();
            converted.put("IsConverted", true);
            converted.put("Status", SalesforceDefaults.LEAD_CONVERTED_STATUS);
            converted.put("ConvertedDate", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
            converted.put("ConvertedAccountId", accountId);
            converted.put("ConvertedContactId", contactId);
            converted.put("ConvertedOpportunityId", opportunityId);
            org.systemUpdate(lead, record.get("Id").toString(), converted, SalesforceOrg.SANDBOX_USER);
            return new LeadConversion(accountId, contactId, opportunityId);
        }
    }

    /** Ends every session (as a timeout or an admin's revoke would): the connector's next call gets 401. */
    public void expireSessions() {
        login.expireAll();
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

    /** HTTP requests served so far (logins included). */
    public long requestCount() {
        return server.requestCount();
    }

    /** Requests so far by route ({@code METHOD PATH-REGEX}; see {@link SimulatorServer#requestCountsByRoute()}). */
    public java.util.Map<String, Long> requestCountsByRoute() {
        return server.requestCountsByRoute();
    }

    /** Successful logins so far. */
    public long loginCount() {
        return login.logins();
    }

    @Override
    public void close() {
        pubSub.close();
        server.close();
    }

    private String write(SalesforceOrg.Write write) {
        SalesforceOrg.Outcome outcome;
        try {
            outcome = org.apply(List.of(write), true, SalesforceOrg.SANDBOX_USER).get(0);
        } catch (SalesforceRequestException e) {
            throw new SimulatorRejectedException(List.of(e.errorCode()), e.errorCode() + ": " + e.getMessage());
        }
        if (!outcome.success()) {
            throw new SimulatorRejectedException(outcome.errors().stream().map(SalesforceError::code).toList(),
                    write.type().name() + " refused: " + outcome.errors());
        }
        return outcome.id();
    }

    private static SalesforceSchema.SObjectType type(String objectType) {
        return SalesforceSchema.type(Objects.requireNonNull(objectType, "objectType")).orElseThrow(() ->
                new IllegalArgumentException("the Salesforce simulator keeps " + SalesforceSchema.typeNames()
                        + "; got " + objectType));
    }

    private static Map<String, Object> copy(Map<String, ?> fields) {
        return new LinkedHashMap<>(Objects.requireNonNull(fields, "fields"));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
