package io.stagesync.sandbox.eloqua;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesync.sandbox.http.SimRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Application API endpoints of the Eloqua simulator (saas-apis.md §2.3, §2.4): contact field
 * metadata, contacts, accounts (1.0) and campaigns (2.0), in Eloqua's JSON shapes (ids and Unix
 * seconds as strings, {@code "true"}/{@code "false"}, custom fields in {@code fieldValues} by id,
 * an empty field without {@code value}).
 *
 * <p>Writes: {@code POST /data/contact} creates (201), {@code PUT /data/contact/{id}} updates.
 * As Eloqua documents, a PUT that leaves out a profile property
 * ({@link EloquaContactSchema#CLEARED_WHEN_MISSING}) blanks it, while fields left out of
 * {@code fieldValues} keep their values; properties Eloqua sets itself are ignored, and so are
 * unknown ones. Refusals are 400 validation lists (e.g. {@code EmailAddressRequirement}), 409 for
 * an address another contact has, 404 for an unknown id. Stateless apart from the store.
 */
final class EloquaApplicationApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EloquaStore store;
    private final ZoneId zone;
    private final String user;

    EloquaApplicationApi(EloquaStore store, ZoneId zone, String user) {
        this.store = store;
        this.zone = zone;
        this.user = user;
    }

    /** {@code GET /api/REST/1.0/assets/contact/fields}. */
    ObjectNode contactFields(SimRequest request) {
        List<Map<String, Object>> rows = store.schema().fields().stream().map(f -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", Long.parseLong(f.id()));
            row.put("name", f.name());
            row.put("internalName", f.internalName());
            row.put("createdAt", Instant.ofEpochSecond(1577836800L));
            row.put("updatedAt", Instant.ofEpochSecond(1577836800L));
            return row;
        }).toList();
        EloquaListQuery.Page page = EloquaListQuery.run(request.query(), rows,
                term -> List.of("id", "name", "internalName", "createdAt", "updatedAt").contains(term) ? term : null, zone);
        return envelope(page, row -> store.schema().toJson(store.schema().byId(row.get("id").toString()).orElseThrow()));
    }

    /** {@code GET /api/REST/1.0/data/contacts}. */
    ObjectNode contacts(SimRequest request) {
        List<Map<String, Object>> rows = store.contacts().stream().map(EloquaApplicationApi::row).toList();
        EloquaListQuery.Page page = EloquaListQuery.run(request.query(), rows, this::contactTerm, zone);
        return envelope(page, row -> contact(store.contact((Long) row.get("id")).orElseThrow(), page.depth()));
    }

    /** {@code GET /api/REST/1.0/data/contact/{id}}. */
    ObjectNode contact(SimRequest request) {
        long id = Long.parseLong(request.group(1));
        EloquaContact contact = store.contact(id).orElseThrow(() -> EloquaFault.notFound("contact " + id));
        return contact(contact, request.query().getOrDefault("depth", "complete"));
    }

    /** {@code POST /api/REST/1.0/data/contact}. */
    ObjectNode createContact(SimRequest request) {
        JsonNode body = object(request);
        return contact(store.createContact(contactChanges(body, null)), "complete");
    }

    /** {@code PUT /api/REST/1.0/data/contact/{id}}. */
    ObjectNode updateContact(SimRequest request) {
        long id = Long.parseLong(request.group(1));
        store.contact(id).orElseThrow(() -> EloquaFault.notFound("contact " + id));
        return contact(store.updateContact(id, contactChanges(object(request), id)), "complete");
    }

    /** {@code GET /api/REST/1.0/data/accounts}. */
    ObjectNode accounts(SimRequest request) {
        List<Map<String, Object>> rows = store.accounts().stream().map(a -> {
            Map<String, Object> row = new LinkedHashMap<>(a.fields());
            row.put("id", a.id());
            row.put("createdAt", a.createdAt());
            row.put("updatedAt", a.updatedAt());
            return row;
        }).toList();
        EloquaListQuery.Page page = EloquaListQuery.run(request.query(), rows, term -> term.equals("id")
                || term.equals("createdAt") || term.equals("updatedAt") || EloquaStore.ACCOUNT_PROPERTIES.contains(term)
                ? term : null, zone);
        return envelope(page, row -> account(store.account((Long) row.get("id")).orElseThrow(), page.depth()));
    }

    /** {@code GET /api/REST/1.0/data/account/{id}}. */
    ObjectNode account(SimRequest request) {
        long id = Long.parseLong(request.group(1));
        EloquaAccount account = store.account(id).orElseThrow(() -> EloquaFault.notFound("account " + id));
        return account(account, request.query().getOrDefault("depth", "complete"));
    }

    /** {@code POST /api/REST/1.0/data/account}. */
    ObjectNode createAccount(SimRequest request) {
        return account(store.createAccount(accountChanges(object(request))), "complete");
    }

    /** {@code PUT /api/REST/1.0/data/account/{id}}: properties left out keep their values. */
    ObjectNode updateAccount(SimRequest request) {
        long id = Long.parseLong(request.group(1));
        return account(store.updateAccount(id, accountChanges(object(request))), "complete");
    }

    /** {@code GET /api/REST/2.0/assets/campaigns}. */
    ObjectNode campaigns(SimRequest request) {
        List<Map<String, Object>> rows = store.campaigns().stream().map(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", c.id());
            row.put("name", c.name());
            row.put("createdAt", c.createdAt());
            row.put("updatedAt", c.updatedAt());
            return row;
        }).toList();
        EloquaListQuery.Page page = EloquaListQuery.run(request.query(), rows,
                term -> List.of("id", "name", "createdAt", "updatedAt").contains(term) ? term : null, zone);
        return envelope(page, row -> campaign(store.campaign((Long) row.get("id")).orElseThrow(), page.depth()));
    }

    /** {@code GET /api/REST/2.0/assets/campaign/{id}}. */
    ObjectNode campaign(SimRequest request) {
        long id = Long.parseLong(request.group(1));
        EloquaCampaign campaign = store.campaign(id).orElseThrow(() -> EloquaFault.notFound("campaign " + id));
        return campaign(campaign, request.query().getOrDefault("depth", "complete"));
    }

    /** A contact in the Application API 1.0 shape at the given depth. */
    ObjectNode contact(EloquaContact c, String depth) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "Contact");
        node.put("currentStatus", "Awaiting action");
        node.put("id", Long.toString(c.id()));
        node.put("createdAt", seconds(c.createdAt()));
        node.put("depth", depth);
        node.put("name", c.email());
        node.put("updatedAt", seconds(c.updatedAt()));
        if (depth.equals("minimal")) {
            return node;
        }
        for (String property : EloquaContactSchema.PROPERTIES) {
            String value = c.get(property);
            if (value != null) {
                node.put(property, value);
            }
        }
        ArrayNode fieldValues = node.putArray("fieldValues");
        for (EloquaContactSchema.Field field : store.schema().fields()) {
            String value = switch (field.internalName()) {
                case EloquaContactSchema.DATE_CREATED -> seconds(c.createdAt());
                case EloquaContactSchema.DATE_MODIFIED -> seconds(c.updatedAt());
                default -> c.get(field.key());
            };
            ObjectNode entry = fieldValues.addObject().put("type", "FieldValue").put("id", field.id());
            if (value != null) {
                entry.put("value", value);
            }
        }
        return node;
    }

    private ObjectNode account(EloquaAccount a, String depth) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "Account");
        node.put("id", Long.toString(a.id()));
        node.put("createdAt", seconds(a.createdAt()));
        node.put("depth", depth);
        node.put("name", a.name());
        node.put("updatedAt", seconds(a.updatedAt()));
        if (!depth.equals("minimal")) {
            a.fields().forEach((k, v) -> {
                if (!k.equals("name")) {
                    node.put(k, v);
                }
            });
            node.putArray("fieldValues");
        }
        return node;
    }

    private ObjectNode campaign(EloquaCampaign c, String depth) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "Campaign");
        node.put("currentStatus", "Active");
        node.put("id", Long.toString(c.id()));
        node.put("createdAt", seconds(c.createdAt()));
        node.put("createdBy", user);
        node.put("depth", depth);
        node.put("name", c.name());
        node.put("updatedAt", seconds(c.updatedAt()));
        node.put("updatedBy", user);
        if (!depth.equals("minimal") && c.actualCost() != null) {
            node.put("actualCost", c.actualCost().toPlainString());
        }
        return node;
    }

    /** The contact value changes a POST or PUT body asks for (null clears), keyed as the store keeps them. */
    private Map<String, String> contactChanges(JsonNode body, Long id) {
        JsonNode bodyId = body.get("id");
        if (id != null && bodyId != null && !bodyId.isNull() && !bodyId.asText().equals(id.toString())) {
            throw EloquaFault.validation(400, "Contact", id, "id", "IdRequirement", bodyId.asText());
        }
        Map<String, String> changes = new LinkedHashMap<>();
        if (id != null) {
            EloquaContactSchema.CLEARED_WHEN_MISSING.forEach(p -> changes.put(p, null));
        }
        for (String property : EloquaContactSchema.PROPERTIES) {
            if (body.has(property)) {
                changes.put(property, scalar(body.get(property), property));
            }
        }
        JsonNode fieldValues = body.get("fieldValues");
        if (fieldValues != null && !fieldValues.isNull()) {
            if (!fieldValues.isArray()) {
                throw EloquaFault.serialization("fieldValues must be a list of {\"id\", \"value\"}");
            }
            for (JsonNode entry : fieldValues) {
                String fieldId = entry.path("id").asText("");
                EloquaContactSchema.Field field = store.schema().byId(fieldId).orElseThrow(() ->
                        EloquaFault.validation(400, "Contact", id, "fieldValues", "IdRequirement", fieldId));
                if (field.readOnly()) {
                    throw EloquaFault.validation(400, "Contact", id, field.internalName(), "ImmutabilityRequirement",
                            entry.path("value").asText(null));
                }
                changes.put(field.key(), scalar(entry.get("value"), field.internalName()));
            }
        }
        return changes;
    }

    private static Map<String, String> accountChanges(JsonNode body) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (String property : EloquaStore.ACCOUNT_PROPERTIES) {
            if (body.has(property)) {
                changes.put(property, scalar(body.get(property), property));
            }
        }
        return changes;
    }

    private static String scalar(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            throw EloquaFault.serialization(name + " must be a text value");
        }
        return value.asText();
    }

    private static JsonNode object(SimRequest request) {
        try {
            JsonNode body = request.body().isBlank() ? null : JSON.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw EloquaFault.serialization("the body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw EloquaFault.serialization("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static ObjectNode envelope(EloquaListQuery.Page page, java.util.function.Function<Map<String, Object>,
            ObjectNode> render) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode elements = node.putArray("elements");
        page.rows().forEach(row -> elements.add(render.apply(row)));
        node.put("page", page.page());
        node.put("pageSize", page.pageSize());
        node.put("total", page.total());
        return node;
    }

    private String contactTerm(String term) {
        if (term.equals("id") || term.equals("createdAt") || term.equals("updatedAt")
                || EloquaContactSchema.PROPERTIES.contains(term)) {
            return term;
        }
        if (term.equals("name")) {
            return "emailAddress";
        }
        return store.schema().byInternalName(term).map(f -> switch (f.internalName()) {
            case EloquaContactSchema.DATE_CREATED -> "createdAt";
            case EloquaContactSchema.DATE_MODIFIED -> "updatedAt";
            default -> f.key();
        }).orElse(null);
    }

    private static Map<String, Object> row(EloquaContact c) {
        Map<String, Object> row = new LinkedHashMap<>(c.fields());
        row.put("id", c.id());
        row.put("createdAt", c.createdAt());
        row.put("updatedAt", c.updatedAt());
        return row;
    }

    private static String seconds(Instant at) {
        return Long.toString(at.getEpochSecond());
    }
}
