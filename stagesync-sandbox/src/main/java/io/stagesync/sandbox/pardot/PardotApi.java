package io.stagesync.sandbox.pardot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesync.sandbox.http.SimRequest;
import io.stagesync.sandbox.http.SimResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The request handlers of the {@link PardotSimulator} behind its auth check: the token endpoint,
 * prospect and campaign queries and reads, prospect updates and upserts, in v5's JSON shapes
 * (dotted relationship fields nested, date-times with the zone's offset, errors as
 * {@code {"code", "message"}}). Bodies must be {@code application/json} objects (else 151, 152, 150);
 * a read or write without {@code fields} returns {@code id} only. Stateless apart from the store,
 * tokens and page tokens it is given.
 */
final class PardotApi {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final PardotStore store;
    private final PardotTokens tokens;
    private final PardotQuery query;
    private final Clock clock;
    private final DateTimeFormatter time;
    private final Supplier<String> baseUrl;
    private final PardotQuery.Collection prospectCollection;
    private final PardotQuery.Collection campaignCollection;

    /** @param baseUrl the simulator's base URL (known once its server is bound) */
    PardotApi(PardotStore store, PardotProspectFields schema, PardotTokens tokens, Clock clock, ZoneId zone,
              Supplier<String> baseUrl) {
        this.store = store;
        this.tokens = tokens;
        this.query = new PardotQuery(clock);
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(zone);
        this.baseUrl = baseUrl;
        this.prospectCollection = new PardotQuery.Collection(PardotSimulator.PROSPECTS,
                Map.of("id", PardotQuery.FilterType.ID, "createdAt", PardotQuery.FilterType.DATETIME,
                        "updatedAt", PardotQuery.FilterType.DATETIME, "email", PardotQuery.FilterType.TEXT),
                Set.of("id", "createdAt", "updatedAt", "email", "score", "lastActivityAt"), schema::readable);
        Set<String> campaignFields = Set.of("id", "name", "cost", "createdAt", "updatedAt", "isDeleted");
        this.campaignCollection = new PardotQuery.Collection(PardotSimulator.CAMPAIGNS,
                Map.of("id", PardotQuery.FilterType.ID, "createdAt", PardotQuery.FilterType.DATETIME,
                        "updatedAt", PardotQuery.FilterType.DATETIME, "name", PardotQuery.FilterType.TEXT),
                Set.of("id", "name", "createdAt", "updatedAt"), campaignFields::contains);
    }

    /** {@code POST /services/oauth2/token}. */
    SimResponse token(SimRequest request) {
        Map<String, String> form = SimRequest.parseQuery(request.body());
        try {
            String token = tokens.issue(form);
            ObjectNode body = JSON.createObjectNode();
            body.put("access_token", token);
            body.put("instance_url", baseUrl.get());
            body.put("id", baseUrl.get() + "/id/00DSB0000000001EAA/005SB0000000001AAA");
            body.put("token_type", "Bearer");
            body.put("issued_at", Long.toString(clock.millis()));
            body.put("signature", "c2FuZGJveC1zaWduYXR1cmU=");
            body.put("scope", "pardot_api api");
            return SimResponse.json(body.toString());
        } catch (PardotTokens.RefusalException e) {
            ObjectNode body = JSON.createObjectNode();
            body.put("error", e.refusal().error());
            body.put("error_description", e.refusal().description());
            return SimResponse.json(400, body.toString());
        }
    }

    SimResponse queryProspects(SimRequest request) {
        return page(PardotSimulator.PROSPECTS, query.run(prospectCollection, request.query(), store.prospectRows()));
    }

    SimResponse queryCampaigns(SimRequest request) {
        return page(PardotSimulator.CAMPAIGNS, query.run(campaignCollection, request.query(), store.campaignRows()));
    }

    SimResponse readProspect(SimRequest request) {
        List<String> fields = fields(request, prospectCollection);
        PardotProspect prospect = store.prospect(Long.parseLong(request.group(1)))
                .orElseThrow(() -> new PardotFault(404, 192, "Object specified does not exist"));
        return SimResponse.json(render(fields, store.row(prospect)).toString());
    }

    SimResponse readCampaign(SimRequest request) {
        List<String> fields = fields(request, campaignCollection);
        PardotCampaign campaign = store.campaign(Long.parseLong(request.group(1)))
                .orElseThrow(() -> new PardotFault(404, 192, "Object specified does not exist"));
        return SimResponse.json(render(fields, PardotStore.row(campaign)).toString());
    }

    SimResponse updateProspect(SimRequest request) {
        List<String> fields = fields(request, prospectCollection);
        Map<String, Object> values = values(jsonObject(request), "the prospect");
        PardotProspect updated = store.update(Long.parseLong(request.group(1)), values, true);
        return SimResponse.json(render(fields, store.row(updated)).toString());
    }

    SimResponse upsert(SimRequest request) {
        JsonNode body = jsonObject(request);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("matchEmail", "prospect", "fields").contains(name)) {
                throw PardotFault.badRequest(154, "Invalid property in request: " + name);
            }
        }
        JsonNode matchEmail = body.get("matchEmail");
        JsonNode prospect = body.get("prospect");
        JsonNode fieldsNode = body.get("fields");
        if (matchEmail == null || !matchEmail.isTextual() || prospect == null || !prospect.isObject()
                || fieldsNode == null || !fieldsNode.isArray() || fieldsNode.isEmpty()) {
            throw PardotFault.badRequest(153, "Missing required property in request: matchEmail (text), prospect"
                    + " (object) and fields (non-empty list) are required");
        }
        List<String> fields = new ArrayList<>();
        fieldsNode.forEach(f -> fields.add(f.asText()));
        List<String> unknown = fields.stream().filter(f -> !prospectCollection.readable().test(f)).toList();
        if (!unknown.isEmpty()) {
            throw PardotFault.badRequest(PardotProspectFields.INVALID_FIELDS, "One or more of the specified fields are"
                    + " invalid: " + String.join(", ", unknown));
        }
        PardotStore.Upserted upserted = store.upsertLatestByEmail(matchEmail.asText(), values(prospect, "prospect"));
        SimResponse response = SimResponse.json(upserted.created() ? 201 : 200,
                render(fields, store.row(upserted.prospect())).toString());
        if (!upserted.created()) {
            return response;
        }
        return response.withHeader("Location", baseUrl.get() + PardotSimulator.PROSPECTS + "/" + upserted.prospect().id());
    }

    private SimResponse page(String path, PardotQuery.Page page) {
        ObjectNode body = JSON.createObjectNode();
        if (page.nextPageToken() == null) {
            body.putNull("nextPageToken");
            body.putNull("nextPageUrl");
        } else {
            body.put("nextPageToken", page.nextPageToken());
            body.put("nextPageUrl", baseUrl.get() + path + "?nextPageToken=" + page.nextPageToken());
        }
        var values = body.putArray("values");
        for (Map<String, Object> row : page.rows()) {
            values.add(render(page.fields(), row));
        }
        return SimResponse.json(body.toString());
    }

    private List<String> fields(SimRequest request, PardotQuery.Collection collection) {
        String value = request.param("fields");
        List<String> fields = value == null || value.isBlank() ? List.of("id") : List.of(value.split(","));
        List<String> unknown = fields.stream().filter(f -> !collection.readable().test(f)).toList();
        if (!unknown.isEmpty()) {
            throw PardotFault.badRequest(PardotProspectFields.INVALID_FIELDS, "One or more of the specified fields are"
                    + " invalid: " + String.join(", ", unknown));
        }
        return fields;
    }

    /** The row's fields as v5 writes them: dotted names nested, date-times with the zone's offset. */
    private ObjectNode render(List<String> fields, Map<String, Object> row) {
        ObjectNode node = JSON.createObjectNode();
        for (String field : fields) {
            Object value = row.get(field);
            ObjectNode target = node;
            String name = field;
            int dot = field.indexOf('.');
            if (dot > 0) {
                JsonNode existing = node.get(field.substring(0, dot));
                target = existing instanceof ObjectNode o ? o : node.putObject(field.substring(0, dot));
                name = field.substring(dot + 1);
            }
            target.set(name, value instanceof Instant at ? JSON.getNodeFactory().textNode(time.format(at))
                    : JSON.valueToTree(value));
        }
        return node;
    }

    private static JsonNode jsonObject(SimRequest request) {
        String type = request.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw PardotFault.badRequest(151, "Unsupported content-type: " + type);
        }
        if (request.body().isBlank()) {
            throw PardotFault.badRequest(152, "Request body can't be empty");
        }
        try {
            JsonNode body = JSON.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw PardotFault.badRequest(150, "Input needs to be valid JSON: a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw PardotFault.badRequest(150, "Input needs to be valid JSON");
        }
    }

    private static Map<String, Object> values(JsonNode object, String what) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw PardotFault.badRequest(154, "Invalid property in request: " + field.getKey() + " of " + what
                        + " must be a scalar");
            }
            values.put(field.getKey(), JSON.convertValue(value, Object.class));
        }
        return values;
    }

    static SimResponse error(PardotFault fault) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", fault.code());
        body.put("message", fault.getMessage());
        return SimResponse.json(fault.status(), body.toString());
    }
}
