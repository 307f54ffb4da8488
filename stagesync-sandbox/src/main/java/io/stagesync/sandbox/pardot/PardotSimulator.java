package io.stagesync.sandbox.pardot;

import io.stagesync.sandbox.http.SimRequest;
import io.stagesync.sandbox.http.SimResponse;
import io.stagesync.sandbox.http.SimulatorServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An in-process, stateful Account Engagement (Pardot) API v5 for the sandbox, on its own
 * {@link SimulatorServer}: the real {@code PardotClient}, {@code PardotChangeReader} and
 * {@code PardotRecordWriter} talk to it exactly as to {@code pi.pardot.com}.
 *
 * <p><b>Endpoints</b> (request and response shapes of saas-apis.md §3; see {@link PardotQuery} for
 * the query rules):
 * <ul>
 * <li>{@code GET /api/v5/objects/prospects} (query: {@code fields}, {@code limit}, {@code orderBy},
 *     {@code id…}/{@code createdAt…}/{@code updatedAt…}/{@code email} filters, {@code nextPageToken});
 *     {@code GET /api/v5/objects/prospects/{id}?fields=…};</li>
 * <li>{@code PATCH /api/v5/objects/prospects/{id}?fields=…} (200 with the prospect);</li>
 * <li>{@code POST /api/v5/objects/prospects/do/upsertLatestByEmail} with {@code {"matchEmail",
 *     "prospect", "fields"}}: 200 for an update, 201 with a {@code Location} for a create (VERIFY:
 *     the status v5 gives a create);</li>
 * <li>{@code GET /api/v5/objects/campaigns} (fields {@code id}, {@code name}, {@code cost},
 *     {@code createdAt}, {@code updatedAt}, {@code isDeleted}) and {@code /campaigns/{id}};</li>
 * <li>{@code POST /services/oauth2/token}: a minimal Salesforce token endpoint (password and
 *     client-credentials grants against {@link Options}' credentials) so the simulator can stand
 *     alone.</li>
 * </ul>
 *
 * <p><b>Auth</b>, checked on every API call in this order: {@code Authorization: Bearer <token>}
 * with a token issued by this simulator's token endpoint, or accepted by the external issuer's
 * predicate when {@link Options#withExternalTokenIssuer} is set (else 401 with code 184);
 * {@code Pardot-Business-Unit-Id} present (else 181), shaped like a business unit id (else 182)
 * and equal to the configured one (else 201). Business unit errors answer HTTP 400 (VERIFY: the
 * status Pardot pairs with them; the connector classifies by code).
 *
 * <p><b>Errors</b> come as {@code {"code": n, "message": "…"}}: 4 invalid e-mail, 150/151/152/153/154
 * for a bad body, 180 unknown or read-only field, 38 unknown campaign, 192 (HTTP 404) unknown
 * prospect, 5/7/13/16/19/23/209/210/211 for bad query parameters and page tokens.
 *
 * <p><b>Java API</b> for the sandbox's seed and script: thread-safe against the HTTP worker (all
 * state sits in one synchronized store), values by v5 field name. A change made through it is
 * seen by the connector's next read like a change made by a marketer. See {@link PardotStore} for
 * how change times are stamped.
 *
 * <p>Not modelled: the recycle bin, the 100,000-row query cap, rate and concurrency limits (use
 * {@link #failNextCalls} to provoke the errors), prospect accounts, lists and activities.
 */
public final class PardotSimulator implements AutoCloseable {
    /** The environment variable {@link #applicationProperties()} reads the client secret from. */
    public static final String ENV_CLIENT_SECRET = "SANDBOX_PARDOT_CLIENT_SECRET";
    /** The environment variable {@link #applicationProperties()} reads the integration user's password from. */
    public static final String ENV_PASSWORD = "SANDBOX_PARDOT_PASSWORD";
    public static final String PROSPECTS = "/api/v5/objects/prospects";
    public static final String CAMPAIGNS = "/api/v5/objects/campaigns";
    public static final String TOKEN_PATH = "/services/oauth2/token";
    public static final String BUSINESS_UNIT_HEADER = "Pardot-Business-Unit-Id";

    private static final Pattern BUSINESS_UNIT = Pattern.compile("0Uv[A-Za-z0-9]{15}");

    /**
     * How the simulator is set up; immutable, change it with the {@code with…} methods.
     *
     * @param businessUnitId   the only business unit id accepted (18 characters starting {@code 0Uv})
     * @param clientId         the connected app's consumer key the token endpoint accepts
     * @param clientSecret     its secret
     * @param username         the integration user the password flow accepts
     * @param password         that user's password
     * @param stageField       the custom field holding the stage (the connector's {@code stage-field})
     * @param customFields     further custom text fields, v5 names
     * @param clock            the time change stamps and page-token expiry follow
     * @param zone             the zone date-times are written in (Pardot shows the business unit's zone)
     * @param pageSize         the {@code page-size} put into the connector's properties, 1 to 1000
     * @param externalLoginUrl the OAuth host that issues the connector's tokens instead of this
     *                         simulator (e.g. the Salesforce simulator), or null
     * @param externalTokens   which tokens issued there are accepted, or null
     */
    public record Options(String businessUnitId, String clientId, String clientSecret, String username, String password,
                          String stageField, List<String> customFields, Clock clock, ZoneId zone, int pageSize,
                          String externalLoginUrl, Predicate<String> externalTokens) {
        public Options {
            Objects.requireNonNull(businessUnitId, "businessUnitId");
            if (!BUSINESS_UNIT.matcher(businessUnitId).matches()) {
                throw new IllegalArgumentException("a business unit id is 18 letters and digits starting 0Uv; got "
                        + businessUnitId);
            }
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(stageField, "stageField");
            customFields = List.copyOf(customFields);
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(zone, "zone");
            if (pageSize < 1 || pageSize > PardotQuery.MAX_LIMIT) {
                throw new IllegalArgumentException("pageSize is 1 to 1000; got " + pageSize);
            }
            if ((externalLoginUrl == null) != (externalTokens == null)) {
                throw new IllegalArgumentException("an external token issuer needs both its URL and its token check");
            }
        }

        /**
         * Business unit {@code 0UvSB00000000010AA}, client {@code sandbox-pardot-app}, user
         * {@code marketing.sync@example.com}, stage field {@code Lifecycle_Stage__c}, the system
         * clock, US Eastern time, page size 200, tokens from this simulator's own endpoint.
         */
        public static Options defaults() {
            return new Options("0UvSB00000000010AA", "sandbox-pardot-app", "sandbox-pardot-secret",
                    "marketing.sync@example.com", "sandbox-pardot-password", "Lifecycle_Stage__c", List.of(),
                    Clock.systemUTC(), ZoneId.of("America/New_York"), 200, null, null);
        }

        public Options withBusinessUnitId(String id) {
            return new Options(id, clientId, clientSecret, username, password, stageField, customFields, clock, zone,
                    pageSize, externalLoginUrl, externalTokens);
        }

        /** The credentials the own token endpoint accepts and {@link #applicationProperties()} configures. */
        public Options withCredentials(String clientId, String clientSecret, String username, String password) {
            return new Options(businessUnitId, clientId, clientSecret, username, password, stageField, customFields, clock,
                    zone, pageSize, externalLoginUrl, externalTokens);
        }

        public Options withStageField(String field) {
            return new Options(businessUnitId, clientId, clientSecret, username, password, field, customFields, clock,
                    zone, pageSize, externalLoginUrl, externalTokens);
        }

        public Options withCustomFields(List<String> fields) {
            return new Options(businessUnitId, clientId, clientSecret, username, password, stageField, fields, clock,
                    zone, pageSize, externalLoginUrl, externalTokens);
        }

        public Options withClock(Clock c) {
            return new Options(businessUnitId, clientId, clientSecret, username, password, stageField, customFields, c,
                    zone, pageSize, externalLoginUrl, externalTokens);
        }

        public Options withZone(ZoneId z) {
            return new Options(businessUnitId, clientId, clientSecret, username, password, stageField, customFields, clock,
                    z, pageSize, externalLoginUrl, externalTokens);
        }

        public Options withPageSize(int size) {
            return new Options(businessUnitId, clientId, clientSecret, username, password, stageField, customFields, clock,
                    zone, size, externalLoginUrl, externalTokens);
        }

        /**
         * Tokens come from another server (e.g. the Salesforce simulator at {@code loginUrl}, which
         * then must accept {@link #withCredentials these credentials}); the simulator accepts every
         * non-empty Bearer token besides its own. The business unit header is still checked strictly.
         */
        public Options withExternalTokenIssuer(String loginUrl) {
            return withExternalTokenIssuer(loginUrl, token -> !token.isBlank());
        }

        /** As {@link #withExternalTokenIssuer(String)}, accepting only the tokens {@code accepts} approves. */
        public Options withExternalTokenIssuer(String loginUrl, Predicate<String> accepts) {
            return new Options(businessUnitId, clientId, clientSecret, username, password, stageField, customFields, clock,
                    zone, pageSize, Objects.requireNonNull(loginUrl, "loginUrl"), Objects.requireNonNull(accepts, "accepts"));
        }
    }

    private final Options options;
    private final SimulatorServer server;
    private final PardotStore store;
    private final PardotTokens tokens;
    private final PardotApi handlers;
    private final Object faultLock = new Object();
    private int faultsLeft;
    private PardotFault fault;

    private PardotSimulator(Options options) {
        this.options = options;
        List<String> custom = new ArrayList<>(new LinkedHashSet<>(prepend(options.stageField(), options.customFields())));
        PardotProspectFields schema = new PardotProspectFields(custom);
        this.store = new PardotStore(schema, options.clock());
        this.tokens = new PardotTokens(options.clientId(), options.clientSecret(), options.username(), options.password(),
                options.externalTokens());
        this.handlers = new PardotApi(store, schema, tokens, options.clock(), options.zone(), this::baseUrl);
        this.server = new SimulatorServer("pardot");
        server.on("POST", TOKEN_PATH, handlers::token)
                .on("GET", PROSPECTS, api(handlers::queryProspects))
                .on("POST", PROSPECTS + "/do/upsertLatestByEmail", api(handlers::upsert))
                .on("GET", PROSPECTS + "/([0-9]{1,19})", api(handlers::readProspect))
                .on("PATCH", PROSPECTS + "/([0-9]{1,19})", api(handlers::updateProspect))
                .on("GET", CAMPAIGNS, api(handlers::queryCampaigns))
                .on("GET", CAMPAIGNS + "/([0-9]{1,19})", api(handlers::readCampaign));
    }

    /** Starts a simulator on 127.0.0.1 (a free port), empty. */
    public static PardotSimulator start(Options options) {
        PardotSimulator simulator = new PardotSimulator(Objects.requireNonNull(options, "options"));
        simulator.server.start();
        return simulator;
    }

    /** e.g. {@code http://127.0.0.1:40123}: the API host and, without an external issuer, the OAuth host. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public Options options() {
        return options;
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

    /** HTTP requests answered so far (token, API and unknown paths). */
    public long requestCount() {
        return server.requestCount();
    }

    /** Requests so far by route ({@code METHOD PATH-REGEX}; see {@link SimulatorServer#requestCountsByRoute()}). */
    public java.util.Map<String, Long> requestCountsByRoute() {
        return server.requestCountsByRoute();
    }

    /**
     * The {@code stagesync.pardot.*} lines that point the real connector at this simulator: base
     * and login URL, the password flow with {@link Options}' credentials (secrets as
     * {@code ${env:}} references to {@link #ENV_CLIENT_SECRET} and {@link #ENV_PASSWORD}), the
     * business unit, page size and stage field. The fields the mappings read are added by the
     * config loader; the simulator knows the standard ones and the configured custom fields.
     */
    public Map<String, String> applicationProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("stagesync.pardot.base-url", baseUrl());
        properties.put("stagesync.pardot.login-url",
                options.externalLoginUrl() == null ? baseUrl() : options.externalLoginUrl());
        properties.put("stagesync.pardot.auth-type", "password");
        properties.put("stagesync.pardot.client-id", options.clientId());
        properties.put("stagesync.pardot.client-secret", "${env:" + ENV_CLIENT_SECRET + "}");
        properties.put("stagesync.pardot.username", options.username());
        properties.put("stagesync.pardot.password", "${env:" + ENV_PASSWORD + "}");
        properties.put("stagesync.pardot.business-unit-id", options.businessUnitId());
        properties.put("stagesync.pardot.page-size", Integer.toString(options.pageSize()));
        properties.put("stagesync.pardot.stage-field", options.stageField());
        return properties;
    }

    /** The environment the {@code ${env:}} references of {@link #applicationProperties()} resolve against. */
    public Map<String, String> environment() {
        return Map.of(ENV_CLIENT_SECRET, options.clientSecret(), ENV_PASSWORD, options.password());
    }

    /**
     * Creates a prospect as a marketer or a form would.
     *
     * @param fields v5 names to values: {@code email} required; any field but {@code id},
     *               {@code createdAt} and {@code updatedAt}, including those only Pardot's own
     *               processes set ({@code salesforceLeadId}, {@code lastActivityAt} as an {@link Instant})
     * @return the new prospect's id
     * @throws IllegalArgumentException for an unknown field or a bad value (same checks as v5)
     */
    public long createProspect(Map<String, ?> fields) {
        return store.create(fields, false).id();
    }

    /**
     * Changes fields of a prospect (null clears one), as a marketer, scoring rule or form would;
     * {@code updatedAt} moves when a value changed, so the connector reads the change.
     *
     * @throws IllegalArgumentException for an unknown prospect or field, or a bad value
     */
    public PardotProspect updateProspect(long id, Map<String, ?> fields) {
        return store.update(id, fields, false);
    }

    public Optional<PardotProspect> prospect(long id) {
        return store.prospect(id);
    }

    /** Every prospect, by id. */
    public List<PardotProspect> prospects() {
        return store.prospects();
    }

    /** The prospects with this e-mail (ignoring case), by id: more than one when the same address was used twice. */
    public List<PardotProspect> prospectsByEmail(String email) {
        return store.byEmail(Objects.requireNonNull(email, "email"));
    }

    /**
     * Adds a campaign.
     *
     * @param cost whole currency units, at least 0, or null
     * @return the campaign's id, for a prospect's {@code campaignId}
     */
    public long addCampaign(String name, Integer cost) {
        return store.addCampaign(name, cost).id();
    }

    public Optional<PardotCampaign> campaign(long id) {
        return store.campaign(id);
    }

    /** Every campaign, by id. */
    public List<PardotCampaign> campaigns() {
        return store.campaigns();
    }

    /** Forgets every token the own endpoint issued: the next API call gets 184 and the connector must log in again. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    /**
     * The next {@code count} authenticated API calls fail with this status and v5 error (e.g. 429
     * and 66 for the concurrency limit, 503 and 183 for an outage), without touching the state.
     */
    public void failNextCalls(int count, int status, int code, String message) {
        synchronized (faultLock) {
            faultsLeft = count;
            fault = new PardotFault(status, code, message);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private Function<SimRequest, SimResponse> api(Function<SimRequest, SimResponse> handler) {
        return request -> {
            String authorization = request.header("Authorization");
            String token = authorization != null && authorization.startsWith("Bearer ")
                    ? authorization.substring("Bearer ".length()).trim() : null;
            if (!tokens.accepts(token)) {
                return PardotApi.error(new PardotFault(401, 184, "access_token is invalid, unknown, or malformed"));
            }
            String unit = request.header(BUSINESS_UNIT_HEADER);
            if (unit == null || unit.isBlank()) {
                return PardotApi.error(PardotFault.badRequest(181, "A required header is missing: " + BUSINESS_UNIT_HEADER));
            }
            if (!BUSINESS_UNIT.matcher(unit).matches()) {
                return PardotApi.error(PardotFault.badRequest(182, "Invalid header value: " + BUSINESS_UNIT_HEADER));
            }
            if (!unit.equals(options.businessUnitId())) {
                return PardotApi.error(PardotFault.badRequest(201, "Business Unit specified in Pardot-Business-Unit-Id header not"
                        + " found or inactive."));
            }
            synchronized (faultLock) {
                if (faultsLeft > 0) {
                    faultsLeft--;
                    return PardotApi.error(fault);
                }
            }
            try {
                return handler.apply(request);
            } catch (PardotFault e) {
                return PardotApi.error(e);
            }
        };
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
