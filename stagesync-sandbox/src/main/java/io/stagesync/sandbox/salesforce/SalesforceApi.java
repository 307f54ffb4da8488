package io.stagesync.sandbox.salesforce;

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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST resources of the simulated Salesforce org, in Salesforce's shapes (saas-apis.md §1): the query
 * resource with {@code nextRecordsUrl} paging, sObject Collections create/update/upsert with per-record results,
 * and a single-record GET. Every resource needs {@code Authorization: Bearer <token issued by
 * SalesforceLogin>}; otherwise 401 {@code INVALID_SESSION_ID}. Runs on the server's worker thread; the org and
 * the login synchronize themselves.
 */
final class SalesforceApi {
    private static final String VERSION = "v(\\d{2,3}\\.\\d)";
    private static final String DATA = "/services/data/" + VERSION;
    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize=(\\d+)");
    private static final Pattern LOCATOR = Pattern.compile("(01g[A-Za-z0-9]{15})-(\\d+)");
    private static final int DEFAULT_BATCH = 2000;
    private static final int MIN_BATCH = 200;
    private static final int MAX_BATCH = 2000;

    private final SalesforceOrg org;
    private final SalesforceLogin login;
    private final SalesforceCursors cursors = new SalesforceCursors();
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    SalesforceApi(SalesforceOrg org, SalesforceLogin login) {
        this.org = org;
        this.login = login;
    }

    /** Registers the resources on the server. */
    void register(SimulatorServer server) {
        server.on("GET", DATA + "/(?:query|queryAll)/?", authorized(this::query));
        server.on("GET", DATA + "/query/([^/]+)", authorized(this::queryMore));
        server.on("PATCH", DATA + "/composite/sobjects/([A-Za-z0-9_]+)/([A-Za-z0-9_]+)/?", authorized(this::upsert));
        server.on("PATCH", DATA + "/composite/sobjects/?", authorized(r -> collection(r, SalesforceOrg.Kind.UPDATE)));
        server.on("POST", DATA + "/composite/sobjects/?", authorized(r -> collection(r, SalesforceOrg.Kind.CREATE)));
        server.on("GET", DATA + "/sobjects/([A-Za-z0-9_]+)/describe/?", authorized(this::describe));
        server.on("GET", DATA + "/sobjects/([A-Za-z0-9_]+)/([A-Za-z0-9]{15,18})", authorized(this::getRecord));
        server.on("DELETE", DATA + "/sobjects/([A-Za-z0-9_]+)/([A-Za-z0-9]{15,18})", authorized(this::deleteRecord));
    }

    /**
     * sObject Describe, reduced to what an integration reads: the object's name and its declared fields with
     * their type in Salesforce's spelling. The simulator keeps no picklist values (it accepts any), so every
     * picklist answers {@code picklistValues: []}.
     */
    private SimResponse describe(SimRequest request) {
        SalesforceSchema.SObjectType type = type(request.group(2));
        ObjectNode body = json.createObjectNode();
        body.put("name", type.name());
        body.put("keyPrefix", type.keyPrefix());
        ArrayNode fields = body.putArray("fields");
        for (SalesforceSchema.Field field : type.fields().values()) {
            ObjectNode node = fields.addObject();
            node.put("name", field.name());
            node.put("label", field.label());
            node.put("type", switch (field.type()) {
                case ID -> "id";
                case REFERENCE -> "reference";
                case EMAIL -> "email";
                case PICKLIST -> "picklist";
                case BOOLEAN -> "boolean";
                case INTEGER -> "int";
                case DOUBLE -> "double";
                case DATE -> "date";
                case DATETIME -> "datetime";
                case TEXT, ANY -> "string";
            });
            node.put("custom", field.isCustom());
            node.putArray("picklistValues");
        }
        return SimResponse.json(body.toString());
    }

    private Function<SimRequest, SimResponse> authorized(Function<SimRequest, SimResponse> handler) {
        return request -> {
            if (!login.isValid(request.header("Authorization"))) {
                return errors(401, new SalesforceError("INVALID_SESSION_ID", "Session expired or invalid", List.of()));
            }
            try {
                return handler.apply(request);
            } catch (SalesforceRequestException e) {
                return errors(e.status(), e.error());
            }
        };
    }

    private SimResponse query(SimRequest request) {
        String soql = request.param("q");
        if (soql == null || soql.isBlank()) {
            throw new SalesforceRequestException(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        SimQuery query;
        try {
            query = SimQueryParser.parse(SimQueryParser.Dialect.SOQL, soql);
        } catch (SimQueryParser.MalformedQueryException e) {
            throw new SalesforceRequestException(400, "MALFORMED_QUERY", e.getMessage());
        }
        SalesforceSchema.SObjectType type = type(query.from());
        List<ObjectNode> records = new ArrayList<>();
        boolean withDeleted = request.path().contains("/queryAll");
        for (SoqlEngine.Row row : org.query(query, type, withDeleted)) {
            records.add(render(request.group(1), type, row.id(), row.fields()));
        }
        return page(request.group(1), cursors.open(records), 0, batchSize(request));
    }

    private SimResponse queryMore(SimRequest request) {
        Matcher locator = LOCATOR.matcher(request.group(2));
        Optional<List<ObjectNode>> records = locator.matches() ? cursors.find(locator.group(1)) : Optional.empty();
        if (records.isEmpty()) {
            throw new SalesforceRequestException(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return page(request.group(1), new SalesforceCursors.Cursor(locator.group(1), records.get()),
                Integer.parseInt(locator.group(2)), batchSize(request));
    }

    private SimResponse page(String version, SalesforceCursors.Cursor cursor, int from, int batch) {
        List<ObjectNode> all = cursor.records();
        int to = Math.min(all.size(), from + batch);
        ObjectNode page = json.createObjectNode();
        page.put("totalSize", all.size());
        boolean done = to >= all.size();
        page.put("done", done);
        if (done) {
            cursors.close(cursor.id());
        } else {
            page.put("nextRecordsUrl", "/services/data/v" + version + "/query/" + cursor.id() + "-" + to);
        }
        ArrayNode array = page.putArray("records");
        all.subList(Math.min(from, to), to).forEach(array::add);
        return SimResponse.json(page.toString());
    }

    private SimResponse upsert(SimRequest request) {
        SalesforceSchema.SObjectType type = SalesforceSchema.type(request.group(2)).orElseThrow(() ->
                new SalesforceRequestException(404, "NOT_FOUND", "The requested resource does not exist"));
        String keyName = request.group(3);
        SalesforceSchema.Field key = type.field(keyName)
                .filter(f -> f.isCustom() || f.type() == SalesforceSchema.Type.ID)
                .orElseThrow(() -> new SalesforceRequestException(400, "INVALID_FIELD", "Field name provided, "
                        + keyName + " is not an External ID or indexed field for " + type.name()));
        Body body = body(request);
        List<SalesforceOrg.Write> writes = new ArrayList<>();
        for (Map<String, Object> fields : body.records()) {
            Object keyValue = removeIgnoringCase(fields, key.name());
            String value = keyValue == null ? null : keyValue.toString();
            if (key.type() == SalesforceSchema.Type.ID) {
                writes.add(new SalesforceOrg.Write(value == null ? SalesforceOrg.Kind.CREATE : SalesforceOrg.Kind.UPDATE,
                        type, null, value, fields));
            } else {
                writes.add(new SalesforceOrg.Write(SalesforceOrg.Kind.UPSERT, type, key.name(), value, fields));
            }
        }
        return results(org.apply(writes, body.allOrNone(), SalesforceOrg.INTEGRATION_USER), true);
    }

    private SimResponse collection(SimRequest request, SalesforceOrg.Kind kind) {
        Body body = body(request);
        List<SalesforceOrg.Write> writes = new ArrayList<>();
        for (Map<String, Object> fields : body.records()) {
            Object attributes = fields.remove("attributes");
            Object typeName = attributes instanceof Map<?, ?> a ? a.get("type") : null;
            if (typeName == null) {
                throw new SalesforceRequestException(400, "INVALID_TYPE", "Must send a concrete entity type.");
            }
            SalesforceSchema.SObjectType type = type(typeName.toString());
            if (kind == SalesforceOrg.Kind.UPDATE) {
                Object id = removeIgnoringCase(fields, "Id");
                writes.add(new SalesforceOrg.Write(kind, type, null, id == null ? null : id.toString(), fields));
            } else {
                writes.add(new SalesforceOrg.Write(kind, type, null, null, fields));
            }
        }
        return results(org.apply(writes, body.allOrNone(), SalesforceOrg.INTEGRATION_USER), false);
    }

    private SimResponse getRecord(SimRequest request) {
        SalesforceSchema.SObjectType type = type(request.group(2));
        Map<String, Object> record = org.get(type, request.group(3)).orElseThrow(() ->
                new SalesforceRequestException(404, "NOT_FOUND", "The requested resource does not exist"));
        return SimResponse.json(render(request.group(1), type, record.get("Id").toString(), record).toString());
    }

    /** {@code DELETE /sobjects/{type}/{id}}: 204 with no body; the record goes to the recycle bin. */
    private SimResponse deleteRecord(SimRequest request) {
        org.delete(type(request.group(2)), List.of(request.group(3)), null, SalesforceOrg.INTEGRATION_USER);
        return SimResponse.empty(204);
    }

    private SimResponse results(List<SalesforceOrg.Outcome> outcomes, boolean withCreated) {
        ArrayNode array = json.createArrayNode();
        for (SalesforceOrg.Outcome outcome : outcomes) {
            ObjectNode result = array.addObject();
            if (outcome.id() != null) {
                result.put("id", outcome.id());
            }
            result.put("success", outcome.success());
            ArrayNode errors = result.putArray("errors");
            for (SalesforceError error : outcome.errors()) {
                ObjectNode e = errors.addObject();
                e.put("statusCode", error.code());
                e.put("message", error.message());
                error.fields().forEach(e.putArray("fields")::add);
            }
            if (withCreated) {
                result.put("created", outcome.created());
            }
        }
        return SimResponse.json(array.toString());
    }

    private ObjectNode render(String version, SalesforceSchema.SObjectType type, String id, Map<String, Object> fields) {
        ObjectNode record = json.createObjectNode();
        ObjectNode attributes = record.putObject("attributes");
        attributes.put("type", type.name());
        attributes.put("url", "/services/data/v" + version + "/sobjects/" + type.name() + "/" + id);
        fields.forEach((name, value) -> record.set(name, json.valueToTree(
                SalesforceValues.render(type.field(name).orElseThrow(), value))));
        return record;
    }

    private record Body(boolean allOrNone, List<Map<String, Object>> records) {
    }

    private Body body(SimRequest request) {
        JsonNode root;
        try {
            root = json.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new SalesforceRequestException(400, "JSON_PARSER_ERROR", "Unexpected character: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.path("records").isArray()) {
            throw new SalesforceRequestException(400, "JSON_PARSER_ERROR",
                    "the request must be {\"allOrNone\": …, \"records\": [...]}");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (JsonNode record : root.get("records")) {
            if (!record.isObject()) {
                throw new SalesforceRequestException(400, "JSON_PARSER_ERROR", "each record must be an object");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), json.convertValue(field.getValue(), Object.class));
            }
            records.add(fields);
        }
        return new Body(root.path("allOrNone").asBoolean(false), records);
    }

    private static SalesforceSchema.SObjectType type(String name) {
        return SalesforceSchema.type(name).orElseThrow(() -> new SalesforceRequestException(400, "INVALID_TYPE",
                "sObject type '" + name + "' is not supported. If you are attempting to use a custom object, be sure"
                        + " to append the '__c' after the entity name. Please reference your WSDL or the describe call"
                        + " for the appropriate names."));
    }

    private static Object removeIgnoringCase(Map<String, Object> fields, String name) {
        String key = fields.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
        return key == null ? null : fields.remove(key);
    }

    private static int batchSize(SimRequest request) {
        String options = request.header("Sforce-Query-Options");
        Matcher m = options == null ? null : BATCH_SIZE.matcher(options);
        if (m == null || !m.find()) {
            return DEFAULT_BATCH;
        }
        return Math.max(MIN_BATCH, Math.min(MAX_BATCH, Integer.parseInt(m.group(1))));
    }

    private SimResponse errors(int status, SalesforceError error) {
        ArrayNode array = json.createArrayNode();
        ObjectNode e = array.addObject();
        e.put("message", error.message());
        e.put("errorCode", error.code());
        if (!error.fields().isEmpty()) {
            error.fields().forEach(e.putArray("fields")::add);
        }
        return SimResponse.json(status, array.toString());
    }
}
