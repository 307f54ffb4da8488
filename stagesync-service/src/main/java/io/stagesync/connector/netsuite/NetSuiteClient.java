package io.stagesync.connector.netsuite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.RequestAuthenticator;
import io.stagesync.connector.SystemCallException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;

/**
 * Talks to NetSuite's REST web services: SuiteQL and the record API.
 *
 * <p>Every call runs through the injected {@link CallPolicy}, the only retry owner; one policy
 * attempt sends one HTTP request, plus, when NetSuite answers 401 and the authenticator can get
 * new credentials (OAuth 2.0), one more with them. Each attempt is signed afresh (TBA needs a
 * new nonce). A non-2xx answer becomes a {@link NetSuiteCallException} classified by
 * {@link NetSuiteErrors}; no answer becomes a retriable {@link SystemCallException} with status 0.
 *
 * <p>Record types must look like NetSuite's ({@code customer}, {@code salesOrder},
 * {@code customrecord_x}), internal ids must be digits, external ids may be any non-empty text
 * and are percent-encoded into the path. Thread-safe; {@link #close()} releases the producer
 * template, not the Camel context.
 */
public final class NetSuiteClient implements AutoCloseable {
    public static final String SUITEQL_PATH = "/services/rest/query/v1/suiteql";
    public static final String RECORD_PATH = "/services/rest/record/v1/";

    private static final Pattern RECORD_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern INTERNAL_ID = Pattern.compile("[0-9]{1,20}");
    private static final String JSON_TYPE = "application/json";

    private final NetSuiteSettings settings;
    private final CallPolicy policy;
    private final Clock clock;
    private final NetSuiteHttp http;
    private final RequestAuthenticator auth;
    private final ObjectMapper json = io.stagesync.connector.VendorJson.mapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A client with the system clock and secure random TBA nonces. */
    public NetSuiteClient(CamelContext camel, NetSuiteSettings settings, CallPolicy policy) {
        this(camel, settings, policy, Clock.systemUTC(), TbaSigner.secureRandomNonces());
    }

    /**
     * @param camel       the context whose camel-http component sends the requests
     * @param settings    validated settings
     * @param policy      the resilience policy every call runs under
     * @param clock       time for TBA timestamps, token expiry and HTTP-date {@code Retry-After}
     * @param nonceSource TBA nonces (ignored for OAuth 2.0)
     */
    public NetSuiteClient(CamelContext camel, NetSuiteSettings settings, CallPolicy policy, Clock clock,
                          Supplier<String> nonceSource) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = new NetSuiteHttp(camel, settings.baseUrl(), settings.maxConcurrentCalls(), settings.timeouts());
        this.auth = settings.authType() == NetSuiteSettings.AuthType.TBA
                ? TbaSigner.of(settings, clock, nonceSource)
                : new OAuth2M2mAuthenticator(settings, http, clock);
    }

    public NetSuiteSettings settings() {
        return settings;
    }

    /**
     * Runs one SuiteQL page: {@code POST …/query/v1/suiteql?limit=&offset=} with
     * {@code Prefer: transient} and body {@code {"q": query}}.
     *
     * @param query  the SuiteQL text; every value in it must already be escaped (see {@link SuiteQl})
     * @param limit  rows to ask for, 1 to 1000
     * @param offset rows to skip, at least 0 (NetSuite wants a multiple of {@code limit})
     */
    public SuiteQlPage suiteQl(String query, int limit, int offset) {
        return suiteQl("suiteql", query, limit, offset);
    }

    /** {@link #suiteQl(String, int, int)} under the operation name {@code operation} (e.g. {@code suiteql customer}). */
    SuiteQlPage suiteQl(String operation, String query, int limit, int offset) {
        if (limit < 1 || limit > NetSuiteSettings.MAX_PAGE_SIZE || offset < 0) {
            throw new IllegalArgumentException("limit must be 1-1000 and offset at least 0; got " + limit + ", " + offset);
        }
        byte[] body = write(Map.of("q", Objects.requireNonNull(query, "query")));
        NetSuiteHttp.Response response = call(operation, new NetSuiteHttp.Request("POST", SUITEQL_PATH,
                "limit=" + limit + "&offset=" + offset, Map.of("Prefer", "transient", "Content-Type", JSON_TYPE), body));
        JsonNode root = read(operation, response);
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode item : root.path("items")) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("links")) {
                    row.put(field.getKey().toLowerCase(Locale.ROOT), toJava(field.getValue()));
                }
            }
            items.add(row);
        }
        return new SuiteQlPage(items, root.path("hasMore").asBoolean(false), root.path("offset").asInt(offset),
                root.path("count").asInt(items.size()), root.path("totalResults").asLong(items.size()));
    }

    /**
     * Runs a SuiteQL query page by page ({@code offset} advancing by {@code pageSize}) while
     * NetSuite says {@code hasMore} and the consumer returns true.
     *
     * <p>Offset paging is only stable over rows nobody changes meanwhile; to read changes use
     * {@link NetSuiteChangeReader}, which pages by position instead.
     */
    public void suiteQlPages(String query, int pageSize, Predicate<SuiteQlPage> consumer) {
        int offset = 0;
        while (true) {
            SuiteQlPage page = suiteQl(query, pageSize, offset);
            if (!consumer.test(page) || !page.hasMore() || page.items().isEmpty()) {
                return;
            }
            offset += pageSize;
        }
    }

    /** {@code GET …/record/v1/{type}/{id}}: the record as NetSuite returns it (including its {@code links}). */
    public Map<String, Object> getRecord(String type, String id) {
        return get("get " + type, recordPath(type) + "/" + internalId(id));
    }

    /** {@code GET …/record/v1/{type}/eid:{externalId}}. */
    public Map<String, Object> getRecordByExternalId(String type, String externalId) {
        return get("get " + type, recordPath(type) + "/" + eid(externalId));
    }

    /**
     * {@code POST …/record/v1/{type}}: creates a record (NetSuite takes one per call).
     *
     * @return the new internal id, the last segment of the {@code Location} NetSuite answers with
     * @throws SystemCallException permanent when NetSuite gave no usable {@code Location}
     */
    public String createRecord(String type, Map<String, ?> fields) {
        String operation = "create " + type;
        NetSuiteHttp.Response response = call(operation, jsonRequest("POST", recordPath(type), fields));
        String id = idFromLocation(response.header("Location"));
        if (id == null) {
            throw new SystemCallException(NetSuiteHttp.SYSTEM, operation, response.status(), null,
                    "NetSuite created the record but gave no Location with its id: " + response.header("Location"),
                    NetSuiteErrors.excerpt(response.body()), false, null, null);
        }
        return id;
    }

    /** {@code PATCH …/record/v1/{type}/{id}}: changes the given fields only. */
    public void updateRecord(String type, String id, Map<String, ?> fields) {
        call("update " + type, jsonRequest("PATCH", recordPath(type) + "/" + internalId(id), fields));
    }

    /**
     * {@code PUT …/record/v1/{type}/eid:{externalId}}: creates the record with that external id
     * or updates it. NetSuite answers 204 either way and does not say which.
     *
     * @return the internal id: from the {@code Location} header when NetSuite sent one, else read
     *     back with one {@code GET …/{type}/eid:{externalId}}
     */
    public String upsertByExternalId(String type, String externalId, Map<String, ?> fields) {
        String path = recordPath(type) + "/" + eid(externalId);
        NetSuiteHttp.Response response = call("upsert " + type, jsonRequest("PUT", path, fields));
        String id = idFromLocation(response.header("Location"));
        if (id != null) {
            return id;
        }
        String operation = "upsert " + type + " read-back";
        Object readBack = get(operation, path).get("id");
        if (readBack == null || !INTERNAL_ID.matcher(readBack.toString()).matches()) {
            throw new SystemCallException(NetSuiteHttp.SYSTEM, operation, 200, null,
                    "the record read back by external id has no internal id", null, false, null, null);
        }
        return readBack.toString();
    }

    @Override
    public void close() {
        http.close();
    }

    private Map<String, Object> get(String operation, String path) {
        JsonNode root = read(operation, call(operation, new NetSuiteHttp.Request("GET", path, null, Map.of(), null)));
        @SuppressWarnings("unchecked")
        Map<String, Object> record = json.convertValue(root, LinkedHashMap.class);
        return record;
    }

    private NetSuiteHttp.Request jsonRequest(String method, String path, Map<String, ?> fields) {
        return new NetSuiteHttp.Request(method, path, null, Map.of("Content-Type", JSON_TYPE), write(fields));
    }

    private NetSuiteHttp.Response call(String operation, NetSuiteHttp.Request request) {
        return policy.execute(operation, () -> attempt(operation, request));
    }

    private NetSuiteHttp.Response attempt(String operation, NetSuiteHttp.Request request) {
        String authorization = auth.authorization(request.method(), http.url(request));
        NetSuiteHttp.Response response = sendAuthorized(operation, request, authorization);
        if (response.status() == 401 && auth.renew(authorization)) {
            response = sendAuthorized(operation, request, auth.authorization(request.method(), http.url(request)));
        }
        if (response.status() / 100 != 2) {
            throw NetSuiteErrors.fromResponse(operation, response.status(), response.body(),
                    response.header("Retry-After"), settings.authType(), clock);
        }
        return response;
    }

    private NetSuiteHttp.Response sendAuthorized(String operation, NetSuiteHttp.Request request, String authorization) {
        Map<String, String> headers = new HashMap<>(request.headers());
        headers.put("Authorization", authorization);
        return http.send(operation, new NetSuiteHttp.Request(request.method(), request.path(), request.query(),
                headers, request.body()));
    }

    private JsonNode read(String operation, NetSuiteHttp.Response response) {
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new SystemCallException(NetSuiteHttp.SYSTEM, operation, response.status(), null,
                    io.stagesync.connector.VendorJson.problem(e, "the response is not JSON"),
                    NetSuiteErrors.excerpt(response.body()), false, null, e);
        }
    }

    private byte[] write(Map<String, ?> value) {
        try {
            return json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the fields cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Object toJava(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        return json.convertValue(value, Object.class);
    }

    private static String recordPath(String type) {
        if (type == null || !RECORD_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("not a NetSuite record type: " + type);
        }
        return RECORD_PATH + type;
    }

    private static String internalId(String id) {
        if (id == null || !INTERNAL_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a NetSuite internal id is 1-20 digits; got " + id);
        }
        return id;
    }

    private static String eid(String externalId) {
        if (externalId == null || externalId.isEmpty()) {
            throw new IllegalArgumentException("an external id must not be empty");
        }
        return "eid:" + Rfc3986.encode(externalId);
    }

    /** The internal id at the end of a record URL, or null when there is none. */
    static String idFromLocation(String location) {
        if (location == null) {
            return null;
        }
        String path = location.strip();
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return INTERNAL_ID.matcher(last).matches() ? last : null;
    }
}
