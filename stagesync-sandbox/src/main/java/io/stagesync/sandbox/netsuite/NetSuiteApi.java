package io.stagesync.sandbox.netsuite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesync.sandbox.http.SimRequest;
import io.stagesync.sandbox.http.SimResponse;
import io.stagesync.sandbox.http.SimulatorServer;
import io.stagesync.sandbox.query.SimQuery;
import io.stagesync.sandbox.query.SimQueryParser;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The REST web services of the simulated NetSuite account, in NetSuite's shapes (saas-apis.md §4): SuiteQL
 * ({@code POST /services/rest/query/v1/suiteql?limit=&offset=}, answered {@code {links, count, hasMore, items,
 * offset, totalResults}} with {@code links: []} on each item) and the record API (create 204 + {@code Location},
 * upsert by {@code eid:} 204 + {@code Location}, PATCH 204, GET). Every request needs a valid TBA header
 * ({@link NetSuiteTbaVerifier}), else 401 {@code INVALID_LOGIN}. Errors come as
 * {@code {type, title, status, o:errorDetails[{detail, o:errorCode, o:errorPath}]}}.
 */
final class NetSuiteApi {
    private static final String RECORD = "/services/rest/record/v1/";
    private static final int MAX_LIMIT = 1000;

    private final NetSuiteAccount account;
    private final NetSuiteTbaVerifier verifier;
    private final Supplier<String> baseUrl;
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    NetSuiteApi(NetSuiteAccount account, NetSuiteTbaVerifier verifier, Supplier<String> baseUrl) {
        this.account = account;
        this.verifier = verifier;
        this.baseUrl = baseUrl;
    }

    void register(SimulatorServer server) {
        server.on("POST", "/services/rest/query/v1/suiteql", authorized(this::suiteQl));
        server.on("POST", RECORD + "([A-Za-z]+)/?", authorized(this::create));
        server.on("PUT", RECORD + "([A-Za-z]+)/eid:(.+)", authorized(this::upsert));
        server.on("PATCH", RECORD + "([A-Za-z]+)/(\\d{1,20})", authorized(this::update));
        server.on("GET", RECORD + "([A-Za-z]+)/(eid:.+|\\d{1,20})", authorized(this::get));
    }

    private Function<SimRequest, SimResponse> authorized(Function<SimRequest, SimResponse> handler) {
        return request -> {
            try {
                if (!verifier.accepts(request)) {
                    throw new NetSuiteRequestException(401, "INVALID_LOGIN", "Invalid login attempt. For more details,"
                            + " see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management >"
                            + " View Login Audit Trail.", null);
                }
                return handler.apply(request);
            } catch (NetSuiteRequestException e) {
                return error(e);
            }
        };
    }

    private SimResponse suiteQl(SimRequest request) {
        int limit = integer(request, "limit", MAX_LIMIT);
        int offset = integer(request, "offset", 0);
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new NetSuiteRequestException(400, "INVALID_PARAMETER", "The limit must be 1 to " + MAX_LIMIT
                    + " and the offset at least 0.", limit < 1 || limit > MAX_LIMIT ? "limit" : "offset");
        }
        JsonNode q = readBody(request).path("q");
        if (!q.isTextual()) {
            throw new NetSuiteRequestException(400, "INVALID_PARAMETER", "The request body must be {\"q\": \"…\"}.", "q");
        }
        SimQuery query;
        try {
            query = SimQueryParser.parse(SimQueryParser.Dialect.SUITEQL, q.asText());
        } catch (SimQueryParser.MalformedQueryException e) {
            throw SuiteQlEngine.invalidQuery(e.getMessage());
        }
        List<Map<String, Object>> rows = account.query(query);
        List<Map<String, Object>> page = rows.subList(Math.min(offset, rows.size()), Math.min(rows.size(), offset + limit));
        boolean hasMore = offset + page.size() < rows.size();
        ObjectNode body = json.createObjectNode();
        ArrayNode links = body.putArray("links");
        if (hasMore) {
            links.addObject().put("rel", "next").put("href", suiteQlUrl(limit, offset + limit));
        }
        links.addObject().put("rel", "self").put("href", suiteQlUrl(limit, offset));
        body.put("count", page.size());
        body.put("hasMore", hasMore);
        ArrayNode items = body.putArray("items");
        for (Map<String, Object> row : page) {
            ObjectNode item = items.addObject();
            item.putArray("links");
            row.forEach((column, value) -> item.set(column, json.valueToTree(value)));
        }
        body.put("offset", offset);
        body.put("totalResults", rows.size());
        return SimResponse.json(body.toString());
    }

    private SimResponse create(SimRequest request) {
        NetSuiteSchema.RecordType type = type(request.group(1));
        String id = account.create(type, fields(request));
        return created(type, id);
    }

    private SimResponse upsert(SimRequest request) {
        NetSuiteSchema.RecordType type = type(request.group(1));
        return created(type, account.upsertByExternalId(type, request.group(2), fields(request)).id());
    }

    private SimResponse update(SimRequest request) {
        account.update(type(request.group(1)), request.group(2), fields(request));
        return SimResponse.empty(204);
    }

    private SimResponse get(SimRequest request) {
        NetSuiteSchema.RecordType type = type(request.group(1));
        String key = request.group(2);
        Map<String, Object> record = (key.startsWith("eid:") ? account.getByExternalId(type, key.substring(4))
                : account.get(type, key)).orElseThrow(() -> new NetSuiteRequestException(404, "NONEXISTENT_ID",
                "The record instance does not exist. Provide a valid record instance ID.", null));
        ObjectNode body = json.createObjectNode();
        body.putArray("links").addObject().put("rel", "self").put("href", recordUrl(type.name(), record.get("id")));
        record.forEach((name, value) -> body.set(name, json.valueToTree(renderField(type, name, value))));
        return SimResponse.json(body.toString());
    }

    /** A stored value as the record API shows it: references with links and names, dates in ISO form. */
    private Object renderField(NetSuiteSchema.RecordType type, String name, Object value) {
        if (value instanceof Instant at) {
            return at.toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        NetSuiteSchema.Field field = type.field(name).orElse(null);
        String refId = NetSuiteValues.referenceId(value);
        if (field != null && field.type() == NetSuiteSchema.Type.REFERENCE && refId != null) {
            String refType = field.refTo() == null ? name.toLowerCase(Locale.ROOT) : field.refTo();
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("links", List.of(Map.of("rel", "self", "href", recordUrl(refType, refId))));
            ref.put("id", refId);
            String refName = refName(field, refId);
            if (refName != null) {
                ref.put("refName", refName);
            }
            return ref;
        }
        return value;
    }

    private String refName(NetSuiteSchema.Field field, String id) {
        if (NetSuiteSchema.CUSTOMER_STATUS.equals(field.refTo())) {
            return NetSuiteSchema.CUSTOMER_STATUSES.get(id);
        }
        if (field.refTo() != null) {
            return account.get(NetSuiteSchema.type(field.refTo()).orElseThrow(), id)
                    .map(r -> String.valueOf(r.get("entityId"))).orElse(null);
        }
        return null;
    }

    private SimResponse created(NetSuiteSchema.RecordType type, String id) {
        return SimResponse.empty(204).withHeader("Location", recordUrl(type.name(), id));
    }

    private String recordUrl(String type, Object id) {
        return baseUrl.get() + RECORD + type + "/" + id;
    }

    private String suiteQlUrl(int limit, int offset) {
        return baseUrl.get() + "/services/rest/query/v1/suiteql?limit=" + limit + "&offset=" + offset;
    }

    private Map<String, Object> fields(SimRequest request) {
        JsonNode body = readBody(request);
        if (!body.isObject()) {
            throw new NetSuiteRequestException(400, "INVALID_CONTENT", "The request body must be a JSON object.", null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = json.convertValue(body, LinkedHashMap.class);
        return fields;
    }

    private JsonNode readBody(SimRequest request) {
        try {
            JsonNode body = json.readTree(request.body());
            if (body == null) {
                throw new NetSuiteRequestException(400, "INVALID_CONTENT", "The request body is empty.", null);
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new NetSuiteRequestException(400, "INVALID_CONTENT", "Invalid JSON in the request body: "
                    + e.getOriginalMessage(), null);
        }
    }

    private static NetSuiteSchema.RecordType type(String name) {
        return NetSuiteSchema.type(name).orElseThrow(() -> new NetSuiteRequestException(400, "INVALID_RCRD_TYPE",
                "The record type '" + name + "' is not valid here; the sandbox keeps " + NetSuiteSchema.typeNames() + ".",
                null));
    }

    private static int integer(SimRequest request, String name, int otherwise) {
        String value = request.param(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new NetSuiteRequestException(400, "INVALID_PARAMETER", "The value of '" + name
                    + "' must be a number.", name);
        }
    }

    private SimResponse error(NetSuiteRequestException e) {
        ObjectNode body = json.createObjectNode();
        String[] title = switch (e.status()) {
            case 401 -> new String[] {"15.5.2", "Unauthorized"};
            case 404 -> new String[] {"15.5.5", "Not Found"};
            default -> new String[] {"15.5.1", "Bad Request"};
        };
        body.put("type", "https://www.rfc-editor.org/rfc/rfc9110.html#section-" + title[0]);
        body.put("title", title[1]);
        body.put("status", e.status());
        ObjectNode detail = body.putArray("o:errorDetails").addObject();
        detail.put("detail", e.getMessage());
        if (e.path() != null) {
            detail.put("o:errorPath", e.path());
        }
        detail.put("o:errorCode", e.errorCode());
        return SimResponse.json(e.status(), body.toString());
    }
}
