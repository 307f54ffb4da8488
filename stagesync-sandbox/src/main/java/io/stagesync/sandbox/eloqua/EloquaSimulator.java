package io.stagesync.sandbox.eloqua;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesync.sandbox.http.SimRequest;
import io.stagesync.sandbox.http.SimResponse;
import io.stagesync.sandbox.http.SimulatorServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An in-process, stateful Oracle Eloqua for the sandbox, on its own {@link SimulatorServer}: the
 * real {@code EloquaClient}, {@code EloquaChangeReader} (with lead scores) and
 * {@code EloquaRecordWriter} talk to it exactly as to {@code login.eloqua.com} and a pod.
 *
 * <p><b>Endpoints</b> (shapes of saas-apis.md §2):
 * <ul>
 * <li>{@code GET /id}: base-URL discovery; {@code urls.base} is this simulator, which serves both
 *     the login host and the pod;</li>
 * <li>Application API: {@code GET /api/REST/1.0/assets/contact/fields},
 *     {@code GET /api/REST/1.0/data/contacts}, {@code GET|PUT /api/REST/1.0/data/contact/{id}},
 *     {@code POST /api/REST/1.0/data/contact}, the same for accounts
 *     ({@code /data/accounts}, {@code /data/account[/{id}]}), {@code GET /api/REST/2.0/assets/campaigns}
 *     and {@code /assets/campaign/{id}} (see {@link EloquaApplicationApi}, {@link EloquaListQuery});</li>
 * <li>Bulk API 2.0: {@code GET /api/bulk/2.0/contacts/scoring/models[/{id}]},
 *     {@code POST /contacts/exports}, {@code DELETE /contacts/exports/{id}}, {@code POST /syncs},
 *     {@code GET /syncs/{id}}, {@code /syncs/{id}/data}, {@code /syncs/{id}/logs} (see {@link EloquaBulk}).</li>
 * </ul>
 * Paths are matched ignoring case, as Eloqua does. Every response carries an {@code X-Request-Id}.
 *
 * <p><b>Auth</b>: every request needs {@code Authorization: Basic base64("Site\User:Password")}
 * with exactly the configured site, user and password. {@code /id} answers anything else with
 * 200 and the JSON string {@code "Not authenticated."} (as Eloqua does); every other endpoint with
 * 401. OAuth 2.0 is not simulated.
 *
 * <p><b>Java API</b> for the sandbox's seed and script: thread-safe against the HTTP worker (all
 * state sits in one synchronized store); contact values by property name or field internal name.
 * A change made through it is seen by the connector's next read like a change made in Eloqua; a
 * new lead score touches the contact too (its {@code updatedAt} moves), so the reader, which asks
 * for scores of the contacts it reads, picks it up (VERIFY: whether Eloqua's rescoring moves a
 * contact's {@code updatedAt}). See {@link EloquaStore} for how change times are stamped.
 *
 * <p>Not modelled: OAuth 2.0, Bulk imports, activities, custom objects, rate limits (use
 * {@link #failNextCalls} to provoke 429/503).
 */
public final class EloquaSimulator implements AutoCloseable {
    /** The environment variable {@link #applicationProperties()} reads the password from. */
    public static final String ENV_PASSWORD = "SANDBOX_ELOQUA_PASSWORD";
    static final String REST1 = "(?i)/api/rest/1\\.0";
    static final String REST2 = "(?i)/api/rest/2\\.0";
    static final String BULK = "(?i)/api/bulk/2\\.0";
    private static final String ID = "([0-9]{1,18})";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How the simulator is set up; immutable, change it with the {@code with…} methods.
     *
     * @param site              the company (site) name the Basic credentials must carry
     * @param username          the user name
     * @param password          the password
     * @param leadStageField    the custom contact field holding the lead stage (internal name)
     * @param customFields      further custom contact fields (internal names, text)
     * @param scoringModelId    the id of the one lead scoring model
     * @param scoreField        the model field the connector reads as the score ({@code EngagementScore} or {@code ProfileScore})
     * @param bulkPollsUntilSuccess status polls a Bulk sync answers before {@code success}: 0 answers
     *                          {@code success} at once (no 1 s wait in the connector), 1 (the
     *                          default) {@code pending} then {@code success}, as Eloqua does
     * @param clock             the time change stamps follow
     * @param zone              Eloqua's server zone: search date-times are read in it
     * @param pageSize          the {@code page-size} put into the connector's properties, 1 to 1000
     */
    public record Options(String site, String username, String password, String leadStageField,
                          List<String> customFields, String scoringModelId, String scoreField,
                          int bulkPollsUntilSuccess, Clock clock, ZoneId zone, int pageSize) {
        public Options {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (site.contains("\\") || site.contains(":") || username.contains(":")) {
                throw new IllegalArgumentException("site has no \\ or :, username no :");
            }
            Objects.requireNonNull(leadStageField, "leadStageField");
            customFields = List.copyOf(customFields);
            if (scoringModelId == null || !scoringModelId.matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException("a scoring model id is digits; got " + scoringModelId);
            }
            if (!"EngagementScore".equals(scoreField) && !"ProfileScore".equals(scoreField)) {
                throw new IllegalArgumentException("scoreField is EngagementScore or ProfileScore; got " + scoreField);
            }
            if (bulkPollsUntilSuccess < 0) {
                throw new IllegalArgumentException("bulkPollsUntilSuccess is at least 0");
            }
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(zone, "zone");
            if (pageSize < 1 || pageSize > EloquaListQuery.MAX_COUNT) {
                throw new IllegalArgumentException("pageSize is 1 to 1000; got " + pageSize);
            }
        }

        /**
         * Site {@code SandboxCo}, user {@code sandbox.api}, lead stage field {@code C_Lead_Stage1},
         * custom field {@code C_First_Touch_Campaign1} (the shipped mapping reads it), scoring model
         * 1 with {@code EngagementScore}, one pending poll per Bulk sync, the system clock, US
         * Eastern time, page size 200.
         */
        public static Options defaults() {
            return new Options("SandboxCo", "sandbox.api", "sandbox-eloqua-password", "C_Lead_Stage1",
                    List.of("C_First_Touch_Campaign1"), "1", "EngagementScore", 1, Clock.systemUTC(),
                    ZoneId.of("America/New_York"), 200);
        }

        public Options withCredentials(String s, String user, String pass) {
            return new Options(s, user, pass, leadStageField, customFields, scoringModelId, scoreField,
                    bulkPollsUntilSuccess, clock, zone, pageSize);
        }

        public Options withLeadStageField(String field) {
            return new Options(site, username, password, field, customFields, scoringModelId, scoreField,
                    bulkPollsUntilSuccess, clock, zone, pageSize);
        }

        public Options withCustomFields(List<String> fields) {
            return new Options(site, username, password, leadStageField, fields, scoringModelId, scoreField,
                    bulkPollsUntilSuccess, clock, zone, pageSize);
        }

        public Options withScoring(String modelId, String field) {
            return new Options(site, username, password, leadStageField, customFields, modelId, field,
                    bulkPollsUntilSuccess, clock, zone, pageSize);
        }

        public Options withBulkPollsUntilSuccess(int polls) {
            return new Options(site, username, password, leadStageField, customFields, scoringModelId, scoreField,
                    polls, clock, zone, pageSize);
        }

        public Options withClock(Clock c) {
            return new Options(site, username, password, leadStageField, customFields, scoringModelId, scoreField,
                    bulkPollsUntilSuccess, c, zone, pageSize);
        }

        public Options withZone(ZoneId z) {
            return new Options(site, username, password, leadStageField, customFields, scoringModelId, scoreField,
                    bulkPollsUntilSuccess, clock, z, pageSize);
        }

        public Options withPageSize(int size) {
            return new Options(site, username, password, leadStageField, customFields, scoringModelId, scoreField,
                    bulkPollsUntilSuccess, clock, zone, size);
        }
    }

    private final Options options;
    private final SimulatorServer server;
    private final EloquaStore store;
    private final EloquaApplicationApi app;
    private final EloquaBulk bulk;
    private final String expectedAuthorization;
    private final Object faultLock = new Object();
    private int faultsLeft;
    private int faultStatus;

    private EloquaSimulator(Options options) {
        this.options = options;
        List<String> custom = new ArrayList<>(new LinkedHashSet<>(prepend(options.leadStageField(), options.customFields())));
        this.store = new EloquaStore(new EloquaContactSchema(custom), options.clock());
        this.app = new EloquaApplicationApi(store, options.zone(), options.username());
        this.bulk = new EloquaBulk(store, options.clock(), options.zone(), options.scoringModelId(), options.username(),
                options.bulkPollsUntilSuccess());
        this.expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (options.site() + "\\" + options.username() + ":" + options.password()).getBytes(StandardCharsets.UTF_8));
        this.server = new SimulatorServer("eloqua");
        server.on("GET", "/id", this::id)
                .on("GET", REST1 + "/assets/contact/fields", api(r -> ok(app.contactFields(r))))
                .on("GET", REST1 + "/data/contacts", api(r -> ok(app.contacts(r))))
                .on("GET", REST1 + "/data/contact/" + ID, api(r -> ok(app.contact(r))))
                .on("PUT", REST1 + "/data/contact/" + ID, api(r -> ok(app.updateContact(r))))
                .on("POST", REST1 + "/data/contact", api(r -> json(201, app.createContact(r))))
                .on("GET", REST1 + "/data/accounts", api(r -> ok(app.accounts(r))))
                .on("GET", REST1 + "/data/account/" + ID, api(r -> ok(app.account(r))))
                .on("PUT", REST1 + "/data/account/" + ID, api(r -> ok(app.updateAccount(r))))
                .on("POST", REST1 + "/data/account", api(r -> json(201, app.createAccount(r))))
                .on("GET", REST2 + "/assets/campaigns", api(r -> ok(app.campaigns(r))))
                .on("GET", REST2 + "/assets/campaign/" + ID, api(r -> ok(app.campaign(r))))
                .on("GET", BULK + "/contacts/scoring/models", api(r -> ok(bulk.models())))
                .on("GET", BULK + "/contacts/scoring/models/" + ID, api(r -> ok(bulk.model(r.group(1)))))
                .on("POST", BULK + "/contacts/exports", api(r -> json(201, bulk.createExport(body(r)))))
                .on("DELETE", BULK + "/contacts/exports/" + ID, api(r -> {
                    bulk.deleteExport(Long.parseLong(r.group(1)));
                    return SimResponse.empty(204);
                }))
                .on("POST", BULK + "/syncs", api(r -> json(201, bulk.createSync(body(r)))))
                .on("GET", BULK + "/syncs/" + ID, api(r -> ok(bulk.poll(Long.parseLong(r.group(1))))))
                .on("GET", BULK + "/syncs/" + ID + "/data", api(r -> ok(bulk.data(Long.parseLong(r.group(1)),
                        r.param("offset"), r.param("limit")))))
                .on("GET", BULK + "/syncs/" + ID + "/logs", api(r -> ok(bulk.logs(Long.parseLong(r.group(1))))));
    }

    /** Starts a simulator on 127.0.0.1 (a free port), with no contacts. */
    public static EloquaSimulator start(Options options) {
        EloquaSimulator simulator = new EloquaSimulator(Objects.requireNonNull(options, "options"));
        simulator.server.start();
        return simulator;
    }

    /** e.g. {@code http://127.0.0.1:40123}: the login host and the pod's base URL. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public Options options() {
        return options;
    }

    /**
     * The records two API calls wrote at once so far (see {@link SimulatorServer#overlappingWrites}): a caller that
     * sent a record's second write before its first was answered. Calls are served concurrently only with
     * {@link SimulatorServer#CONCURRENT_PROPERTY}; one at a time, none can overlap.
     */
    public java.util.List<String> overlappingWrites() {
        return server.overlappingWrites();
    }

    /** HTTP requests answered so far (including refused and unknown ones). */
    public long requestCount() {
        return server.requestCount();
    }

    /** Requests so far by route ({@code METHOD PATH-REGEX}; see {@link SimulatorServer#requestCountsByRoute()}). */
    public java.util.Map<String, Long> requestCountsByRoute() {
        return server.requestCountsByRoute();
    }

    /**
     * The {@code stagesync.eloqua.*} lines that point the real connector at this simulator: the
     * login URL (the base URL is discovered through {@code /id}), Basic auth with the password as
     * an {@code ${env:}} reference to {@link #ENV_PASSWORD}, page size, search zone, lead stage
     * field and the scoring model. The custom fields the mappings read are added by the config loader.
     */
    public Map<String, String> applicationProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("stagesync.eloqua.login-url", baseUrl());
        properties.put("stagesync.eloqua.auth-type", "basic");
        properties.put("stagesync.eloqua.site", options.site());
        properties.put("stagesync.eloqua.username", options.username());
        properties.put("stagesync.eloqua.password", "${env:" + ENV_PASSWORD + "}");
        properties.put("stagesync.eloqua.page-size", Integer.toString(options.pageSize()));
        properties.put("stagesync.eloqua.search-timezone", options.zone().getId());
        properties.put("stagesync.eloqua.lead-stage-field", options.leadStageField());
        properties.put("stagesync.eloqua.scoring-model-id", options.scoringModelId());
        properties.put("stagesync.eloqua.score-field", options.scoreField());
        return properties;
    }

    /** The environment the {@code ${env:}} reference of {@link #applicationProperties()} resolves against. */
    public Map<String, String> environment() {
        return Map.of(ENV_PASSWORD, options.password());
    }

    /**
     * Creates a contact as a form or a marketer would.
     *
     * @param fields property names ({@code emailAddress} required and unique, {@code firstName},
     *               {@code accountName}, …) or field internal names ({@code C_Lead_Stage1}) to
     *               values (text; numbers, booleans and {@link java.time.Instant}s are written as
     *               Eloqua keeps them); null or empty leaves a field blank
     * @return the new contact's id
     * @throws IllegalArgumentException for an unknown or read-only field, a bad value, or a taken e-mail address
     */
    public long createContact(Map<String, ?> fields) {
        return unchecked(() -> store.createContact(keyed(fields))).id();
    }

    /**
     * Changes fields of a contact (null or empty clears one; others keep their values); its
     * {@code updatedAt} moves when a value changed, so the connector reads the change.
     *
     * @throws IllegalArgumentException for an unknown contact or field, or a bad value
     */
    public EloquaContact updateContact(long id, Map<String, ?> fields) {
        return unchecked(() -> store.updateContact(id, keyed(fields)));
    }

    public Optional<EloquaContact> contact(long id) {
        return store.contact(id);
    }

    /** Every contact, by id. */
    public List<EloquaContact> contacts() {
        return store.contacts();
    }

    /** The contact with this e-mail address (ignoring case). */
    public Optional<EloquaContact> contactByEmail(String email) {
        return store.contactByEmail(Objects.requireNonNull(email, "email"));
    }

    /**
     * Sets the contact's values in the scoring model, as Eloqua's rescoring would; a changed score
     * touches the contact so the connector's next read returns it with the new score.
     *
     * @throws IllegalArgumentException for an unknown contact
     */
    public EloquaContact setLeadScore(long contactId, EloquaLeadScore score) {
        return unchecked(() -> store.setLeadScore(contactId, Objects.requireNonNull(score, "score")));
    }

    /** The contact's lead score, or empty when it was never scored. */
    public Optional<EloquaLeadScore> leadScore(long contactId) {
        return store.leadScore(contactId);
    }

    /**
     * Creates an account.
     *
     * @param fields {@code name} (required), {@code address1}-{@code 3}, {@code city}, {@code province},
     *               {@code postalCode}, {@code country}, {@code businessPhone}
     * @return its id
     */
    public long createAccount(Map<String, ?> fields) {
        return unchecked(() -> store.createAccount(texts(fields))).id();
    }

    /** Changes properties of an account (null clears one). */
    public EloquaAccount updateAccount(long id, Map<String, ?> fields) {
        return unchecked(() -> store.updateAccount(id, texts(fields)));
    }

    public Optional<EloquaAccount> account(long id) {
        return store.account(id);
    }

    public List<EloquaAccount> accounts() {
        return store.accounts();
    }

    /**
     * Adds a campaign.
     *
     * @param actualCost what it cost, at least 0, or null
     * @return its id
     */
    public long addCampaign(String name, BigDecimal actualCost) {
        return store.addCampaign(name, actualCost).id();
    }

    public Optional<EloquaCampaign> campaign(long id) {
        return store.campaign(id);
    }

    public List<EloquaCampaign> campaigns() {
        return store.campaigns();
    }

    /**
     * The next {@code count} authenticated calls (not {@code /id}) fail with this status and no
     * body (e.g. 429 for throttling, 503 for an outage), without touching the state.
     */
    public void failNextCalls(int count, int status) {
        synchronized (faultLock) {
            faultsLeft = count;
            faultStatus = status;
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private SimResponse id(SimRequest request) {
        if (!expectedAuthorization.equals(request.header("Authorization"))) {
            return withRequestId(SimResponse.json("\"Not authenticated.\""));
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("site").put("id", 42424).put("name", options.site());
        body.putObject("user").put("id", 17).put("username", options.username()).put("displayName", "Sandbox API")
                .put("firstName", "Sandbox").put("lastName", "API").put("emailAddress", "sandbox.api@example.com");
        ObjectNode urls = body.putObject("urls");
        String base = baseUrl();
        urls.put("base", base);
        ObjectNode apis = urls.putObject("apis");
        apis.putObject("soap").put("standard", base + "/API/{version}/Service.svc")
                .put("dataTransfer", base + "/API/{version}/DataTransferService.svc")
                .put("email", base + "/API/{version}/EmailService.svc")
                .put("externalAction", base + "/API/{version}/ExternalActionService.svc");
        apis.putObject("rest").put("standard", base + "/API/REST/{version}/").put("bulk", base + "/API/Bulk/{version}/");
        return withRequestId(SimResponse.json(body.toString()));
    }

    private Function<SimRequest, SimResponse> api(Function<SimRequest, SimResponse> handler) {
        return request -> {
            if (!expectedAuthorization.equals(request.header("Authorization"))) {
                return withRequestId(new SimResponse(401, Map.of("WWW-Authenticate", "Basic realm=\"Eloqua\""), ""));
            }
            synchronized (faultLock) {
                if (faultsLeft > 0) {
                    faultsLeft--;
                    return withRequestId(SimResponse.empty(faultStatus));
                }
            }
            try {
                return withRequestId(handler.apply(request));
            } catch (EloquaFault e) {
                SimResponse response = e.body() == null ? SimResponse.empty(e.status())
                        : SimResponse.json(e.status(), e.body().toString());
                return withRequestId(response);
            }
        };
    }

    private static SimResponse ok(JsonNode body) {
        return json(200, body);
    }

    private static SimResponse json(int status, JsonNode body) {
        return SimResponse.json(status, body.toString());
    }

    private static SimResponse withRequestId(SimResponse response) {
        return response.withHeader("X-Request-Id", UUID.randomUUID().toString());
    }

    private static JsonNode body(SimRequest request) {
        try {
            JsonNode body = request.body().isBlank() ? null : JSON.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw EloquaFault.bulk(400, "body", "Must be a JSON object.", null);
            }
            return body;
        } catch (JsonProcessingException e) {
            throw EloquaFault.bulk(400, "body", "Must be JSON.", null);
        }
    }

    private Map<String, String> keyed(Map<String, ?> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, value) -> values.put(store.schema().keyOf(name), EloquaContactSchema.text(value)));
        return values;
    }

    private static Map<String, String> texts(Map<String, ?> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, value) -> values.put(name, EloquaContactSchema.text(value)));
        return values;
    }

    /** Runs a store call for the Java API: a refusal becomes an {@link IllegalArgumentException} naming the requirement. */
    private static <T> T unchecked(Supplier<T> call) {
        try {
            return call.get();
        } catch (EloquaFault e) {
            throw new IllegalArgumentException("Eloqua refused it: " + e.getMessage(), e);
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
