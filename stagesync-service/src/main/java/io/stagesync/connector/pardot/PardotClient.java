package io.stagesync.connector.pardot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.RequestAuthenticator;
import io.stagesync.connector.SystemCallException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;

/**
 * Talks to the Account Engagement (Pardot) API v5 prospect endpoints, and reads campaigns.
 *
 * <p>Every request carries {@code Authorization: Bearer {Salesforce access token}} and
 * {@code Pardot-Business-Unit-Id}. Every call runs through the injected {@link CallPolicy}, the
 * only retry owner; one policy attempt sends one request, plus, when Account Engagement answers
 * with an auth failure (HTTP 401 or code 184), one more after getting a new token. A non-2xx
 * answer becomes a {@link PardotCallException} classified by {@link PardotErrors}; no answer
 * becomes a retriable {@link SystemCallException} with status 0. At most
 * {@link PardotSettings#maxConcurrentCalls()} requests to Account Engagement run at once; token
 * requests go to the login host and do not count.
 *
 * <p>Field names must be v5 names (letters, digits, {@code _}, dot notation for relationships);
 * prospect ids must be digits. Values come back as Jackson reads them: strings, booleans,
 * integers as {@link Integer}/{@link Long}, decimals as {@link java.math.BigDecimal}, relationship
 * fields as nested maps. Thread-safe; {@link #close()} releases the producer templates, not the
 * Camel context.
 */
public final class PardotClient implements AutoCloseable {
    public static final String PROSPECTS_PATH = "/api/v5/objects/prospects";
    public static final String CAMPAIGNS_PATH = "/api/v5/objects/campaigns";
    public static final String UPSERT_LATEST_BY_EMAIL_PATH = PROSPECTS_PATH + "/do/upsertLatestByEmail";
    public static final String BUSINESS_UNIT_HEADER = "Pardot-Business-Unit-Id";
    /**
     * The query order: by {@code updatedAt}, ties by {@code id}, both ascending. v5 documents {@code orderBy} as "a
     * comma delimited list of fields used to sort the results", each with an optional {@code ASC}/{@code DESC}
     * qualifier (developer.salesforce.com/docs/marketing/pardot/guide/version5overview.html, Query parameters), so
     * this is the documented form, not an extension.
     *
     * <p>The {@code id} tie-breaker is needed although {@code nextPageToken} paging alone would not skip or repeat
     * rows: a page token continues one query on Pardot's side, whatever the order of equal {@code updatedAt} values
     * in it. But a read does not always end with the last page of one query: the consumer stops after a page (end
     * of a poll), a token expires after 4 hours, a result is capped at 100,000 rows. The next read then starts a
     * new query at {@code updatedAtAfterOrEqualTo} the last delivered {@code updatedAt} and drops the rows at or
     * before the last delivered {@code (updatedAt, id)}; that drop is right only if rows with the same
     * {@code updatedAt} came in {@code id} order, so that every row dropped was delivered before. Without the
     * tie-breaker a prospect sharing the second of the last delivered one, with a lower id but not yet delivered,
     * would be skipped for good.
     */
    public static final String ORDER_BY = "updatedAt,id";
    /** The response header carrying warnings, e.g. {@code 203} when a query passed 100,000 records. */
    public static final String WARNING_HEADER = "Pardot-Warning";

    /** How filter timestamps are written: ISO 8601 with an offset, in UTC, whole seconds. */
    static final DateTimeFormatter FILTER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*){0,2}");
    private static final Pattern PROSPECT_ID = Pattern.compile("[0-9]{1,19}");
    /** Account Engagement's error code for a record that does not exist (saas-apis.md §3.5). */
    private static final int OBJECT_DOES_NOT_EXIST = 192;
    private static final String JSON_TYPE = "application/json";

    private final PardotSettings settings;
    private final CallPolicy policy;
    private final Clock clock;
    private final PardotHttp http;
    private final PardotHttp loginHttp;
    private final RequestAuthenticator tokens;
    private final ObjectMapper json = io.stagesync.connector.VendorJson.mapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** One page of a prospect query: the prospects, the token of the next page (null on the last), the {@code Pardot-Warning} header (nullable). */
    public record ProspectPage(List<Map<String, Object>> values, String nextPageToken, String warning) {
        public ProspectPage {
            values = List.copyOf(values);
        }
    }

    /** One page of a campaign query: the campaigns with the fields asked for, the token of the next page (null on the last). */
    public record CampaignPage(List<Map<String, Object>> values, String nextPageToken) {
        public CampaignPage {
            values = List.copyOf(values);
        }
    }

    /** The prospect an upsert wrote, with the fields asked for, and whether it was created (HTTP 201) rather than updated. */
    public record Upserted(Map<String, Object> prospect, boolean created) {
    }

    /** A client with the system clock. */
    public PardotClient(CamelContext camel, PardotSettings settings, CallPolicy policy) {
        this(camel, settings, policy, Clock.systemUTC());
    }

    /**
     * @param camel    the context whose camel-http component sends the requests
     * @param settings validated settings
     * @param policy   the resilience policy every call runs under
     * @param clock    time for JWT assertions and HTTP-date {@code Retry-After}
     * @throws IllegalArgumentException for jwt when the signing key cannot be read
     */
    public PardotClient(CamelContext camel, PardotSettings settings, CallPolicy policy, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = new PardotHttp(camel, settings.baseUrl(), settings.maxConcurrentCalls(), settings.timeouts());
        this.loginHttp = new PardotHttp(camel, settings.loginUrl(), 1, settings.timeouts());
        this.tokens = new SalesforceTokenSource(settings, loginHttp, clock);
    }

    public PardotSettings settings() {
        return settings;
    }

    /**
     * The first page of a prospect query: {@code GET /api/v5/objects/prospects?fields=…&limit=…
     * &orderBy=updatedAt,id[&updatedAtAfterOrEqualTo=…]}.
     *
     * @param fields        the fields to return, at least one
     * @param updatedAtFrom the earliest {@code updatedAt} wanted (truncated to the second), or null for all
     * @param limit         prospects per page, 1 to 1000
     */
    public ProspectPage queryProspects(List<String> fields, Instant updatedAtFrom, int limit) {
        if (limit < 1 || limit > PardotSettings.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be 1-1000; got " + limit);
        }
        String query = "fields=" + fieldList(fields) + "&limit=" + limit + "&orderBy=" + encode(ORDER_BY)
                + (updatedAtFrom == null ? ""
                : "&updatedAtAfterOrEqualTo=" + encode(FILTER_TIME.format(updatedAtFrom.truncatedTo(ChronoUnit.SECONDS))));
        return page("query prospect", PROSPECTS_PATH, query);
    }

    /**
     * The next page of a query: {@code GET /api/v5/objects/prospects?fields=…&nextPageToken=…}
     * (v5 takes no other parameter with a page token).
     *
     * @throws PardotCallException permanent with code 210 (expired after 4 hours) or 211 (invalid)
     *     when the token is no longer good: start a new query
     */
    public ProspectPage nextProspects(List<String> fields, String nextPageToken) {
        if (nextPageToken == null || nextPageToken.isEmpty()) {
            throw new IllegalArgumentException("a page token must not be empty");
        }
        return page("query prospect", PROSPECTS_PATH, "fields=" + fieldList(fields) + "&nextPageToken="
                + encode(nextPageToken));
    }

    /**
     * A page of campaigns: {@code GET /api/v5/objects/campaigns?fields=…&limit=…}, or with a page token
     * {@code ?fields=…&nextPageToken=…}.
     *
     * @param nextPageToken nullable: null for the first page
     * @param limit         campaigns per page, 1 to 1000 (not sent with a token)
     */
    public CampaignPage queryCampaigns(List<String> fields, String nextPageToken, int limit) {
        if (limit < 1 || limit > PardotSettings.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be 1-1000; got " + limit);
        }
        String query = "fields=" + fieldList(fields) + (nextPageToken == null ? "&limit=" + limit
                : "&nextPageToken=" + encode(nextPageToken));
        ProspectPage page = page("query campaign", CAMPAIGNS_PATH, query);
        return new CampaignPage(page.values(), page.nextPageToken());
    }

    /**
     * {@code POST /api/v5/objects/prospects/do/upsertLatestByEmail} with body
     * {@code {"matchEmail": …, "prospect": {…}, "fields": […]}}: updates the prospect with that
     * e-mail that has the latest activity, or creates one.
     *
     * @param matchEmail the e-mail to match, non-empty
     * @param prospect   the fields to write, v5 names; a null value clears the field
     * @param fields     the fields of the written prospect to return, at least one
     */
    public Upserted upsertLatestByEmail(String matchEmail, Map<String, ?> prospect, List<String> fields) {
        if (matchEmail == null || matchEmail.isBlank()) {
            throw new IllegalArgumentException("matchEmail must not be empty");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("matchEmail", matchEmail);
        body.put("prospect", prospect);
        body.put("fields", List.of(fieldList(fields).split(",")));
        String operation = "upsert prospect";
        PardotHttp.Response response = call(operation, new PardotHttp.Request("POST", UPSERT_LATEST_BY_EMAIL_PATH, null,
                Map.of("Content-Type", JSON_TYPE), write(body)));
        return new Upserted(object(operation, response), response.status() == 201);
    }

    /**
     * {@code PATCH /api/v5/objects/prospects/{id}?fields=…}: changes the given fields of the prospect.
     *
     * @param id     the prospect id, digits
     * @param fields the fields of the updated prospect to return, at least one
     * @return the updated prospect with those fields
     */
    public Map<String, Object> updateProspect(String id, Map<String, ?> prospect, List<String> fields) {
        if (id == null || !PROSPECT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a prospect id is 1-19 digits; got " + id);
        }
        String operation = "update prospect";
        return object(operation, call(operation, new PardotHttp.Request("PATCH", PROSPECTS_PATH + "/" + id,
                "fields=" + fieldList(fields), Map.of("Content-Type", JSON_TYPE), write(prospect))));
    }

    /**
     * {@code GET /api/v5/objects/prospects/{id}?fields=…}: one prospect as it is now.
     *
     * @param id     the prospect id, digits
     * @param fields the fields to return, at least one
     * @return the prospect with those fields, or empty when Account Engagement has no such prospect (error 192,
     *     "object does not exist", e.g. deleted into the recycle bin)
     */
    public java.util.Optional<Map<String, Object>> readProspect(String id, List<String> fields) {
        if (id == null || !PROSPECT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a prospect id is 1-19 digits; got " + id);
        }
        String operation = "read prospect";
        try {
            return java.util.Optional.of(object(operation, call(operation, new PardotHttp.Request("GET",
                    PROSPECTS_PATH + "/" + id, "fields=" + fieldList(fields), Map.of(), null))));
        } catch (PardotCallException e) {
            if (e.pardotCode() != null && e.pardotCode() == OBJECT_DOES_NOT_EXIST) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        http.close();
        loginHttp.close();
    }

    private ProspectPage page(String operation, String path, String query) {
        PardotHttp.Response response;
        try {
            response = call(operation, new PardotHttp.Request("GET", path, query, Map.of(), null));
        } catch (PardotCallException e) {
            // only the query's own answer about the query: a refused token request, an auth or business unit error
            // keep their own advice
            boolean refused = e.status() == 400 && !e.retriable() && operation.equals(e.operation())
                    && PardotErrors.isAboutTheRequest(e.status(), e.pardotCode());
            throw refused ? refusedQuery(operation, path, query, e) : e;
        }
        JsonNode root = read(operation, response);
        JsonNode values = root.get("values");
        if (values == null || !values.isArray()) {
            throw new SystemCallException(PardotHttp.SYSTEM, operation, response.status(), null,
                    "the query response has no values array", PardotErrors.excerpt(response.body()), false, null, null);
        }
        List<Map<String, Object>> rows = new ArrayList<>(values.size());
        for (JsonNode value : values) {
            rows.add(toMap(value));
        }
        JsonNode token = root.get("nextPageToken");
        return new ProspectPage(rows, token == null || token.isNull() || token.asText().isEmpty() ? null : token.asText(),
                response.header(WARNING_HEADER));
    }

    /**
     * A query Account Engagement answered with 400: the same query fails the same way at every poll, so the failure
     * names the query as sent (decoded) and what decides its fields. Code and vendor message are kept (a page token
     * that expired, code 210, is told apart by them).
     */
    private static PardotCallException refusedQuery(String operation, String path, String query,
                                                    PardotCallException e) {
        String said = e.vendorMessage() != null ? e.vendorMessage() : e.getMessage();
        return new PardotCallException(operation, e.status(), e.vendorCode(), e.vendorMessage(),
                "Account Engagement refused the query GET " + path + "?" + URLDecoder.decode(query, StandardCharsets.UTF_8)
                        + ": " + said + (e.vendorCode() == null ? "" : " (code " + e.vendorCode() + ")")
                        + ". It is refused the same way until the query changes: check that every field asked for"
                        + " exists in the business unit (" + PardotSettings.KEY_STAGE_FIELD + ", "
                        + PardotSettings.KEY_SALESFORCE_ID_FIELDS + ", " + PardotSettings.KEY_PROSPECT_FIELDS + ")",
                e.bodyExcerpt(), false, null);
    }

    private PardotHttp.Response call(String operation, PardotHttp.Request request) {
        return policy.execute(operation, () -> attempt(operation, request));
    }

    private PardotHttp.Response attempt(String operation, PardotHttp.Request request) {
        String authorization = tokens.authorization(request.method(), request.path());
        PardotHttp.Response response = send(operation, request, authorization);
        if (response.status() / 100 != 2 && PardotErrors.isAuthFailure(response.status(), PardotErrors.code(response.body()))
                && tokens.renew(authorization)) {
            response = send(operation, request, tokens.authorization(request.method(), request.path()));
        }
        if (response.status() / 100 != 2) {
            throw PardotErrors.fromResponse(operation, response.status(), response.body(), response.header("Retry-After"),
                    clock);
        }
        return response;
    }

    private PardotHttp.Response send(String operation, PardotHttp.Request request, String authorization) {
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put("Authorization", authorization);
        headers.put(BUSINESS_UNIT_HEADER, settings.businessUnitId());
        return http.send(operation, new PardotHttp.Request(request.method(), request.path(), request.query(), headers,
                request.body()));
    }

    private Map<String, Object> object(String operation, PardotHttp.Response response) {
        JsonNode root = read(operation, response);
        if (!root.isObject()) {
            throw new SystemCallException(PardotHttp.SYSTEM, operation, response.status(), null,
                    "the response is not a JSON object", PardotErrors.excerpt(response.body()), false, null, null);
        }
        return toMap(root);
    }

    private JsonNode read(String operation, PardotHttp.Response response) {
        try {
            JsonNode root = json.readTree(response.body());
            if (root == null || root.isMissingNode()) {
                throw new SystemCallException(PardotHttp.SYSTEM, operation, response.status(), null,
                        "the response has no body", null, false, null, null);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new SystemCallException(PardotHttp.SYSTEM, operation, response.status(), null,
                    io.stagesync.connector.VendorJson.problem(e, "the response is not JSON"),
                    PardotErrors.excerpt(response.body()), false, null, e);
        }
    }

    private Map<String, Object> toMap(JsonNode object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json.convertValue(object, LinkedHashMap.class);
        return map;
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the fields cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The fields comma-joined, each checked to be a v5 field name (so nothing else reaches the query). */
    private static String fieldList(List<String> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("v5 requires at least one field to return");
        }
        for (String field : fields) {
            if (field == null || !FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("not a v5 field name: " + field);
            }
        }
        return String.join(",", fields);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
