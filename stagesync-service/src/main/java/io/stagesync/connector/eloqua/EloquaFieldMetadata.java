package io.stagesync.connector.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.connector.SystemCallException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Eloqua's contact fields: internal name ⇄ field id, the key between the engine's field names and
 * the {@code fieldValues} of the Application API (which name fields by numeric id only).
 *
 * <p>Resolved once, on first use, from {@code GET /api/REST/1.0/assets/contact/fields?depth=complete
 * &count=1000&page=n} (saas-apis.md §2.3, list envelope §2.4: pages until {@code page * pageSize >= total}
 * or a short page), then cached for the life of this object: a field created later is seen after a
 * restart. Every field the settings name ({@link EloquaSettings#requiredContactFields()}: the
 * lead-stage field and {@code contact-fields}) must exist; if one does not, every use fails with
 * the same permanent {@link SystemCallException} naming the field and its key, never a silent
 * skip. Thread-safe.
 */
public final class EloquaFieldMetadata {
    static final String FIELDS_PATH = EloquaClient.REST + "/assets/contact/fields";
    static final String OPERATION = "contact fields";
    static final int PAGE_SIZE = 1000;
    private static final int MAX_PAGES = 100;

    /**
     * One contact field.
     *
     * @param id           Eloqua's numeric field id, as a string
     * @param internalName e.g. {@code C_EmailAddress}
     * @param name         the display name, or null
     * @param dataType     e.g. {@code text}, {@code date}, or null
     * @param readOnly     whether Eloqua marks it read-only
     */
    public record ContactField(String id, String internalName, String name, String dataType, boolean readOnly) {
    }

    private final EloquaClient client;
    private final int pageSize;
    private Map<String, ContactField> byName;
    private Map<String, ContactField> byId;
    private SystemCallException missing;

    public EloquaFieldMetadata(EloquaClient client) {
        this(client, PAGE_SIZE);
    }

    /** @param pageSize fields per request, 1 to 1000 */
    EloquaFieldMetadata(EloquaClient client, int pageSize) {
        this.client = Objects.requireNonNull(client, "client");
        if (pageSize < 1 || pageSize > PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1 to 1000; got " + pageSize);
        }
        this.pageSize = pageSize;
    }

    /**
     * Resolves the fields if not done yet and checks the configured ones.
     *
     * @throws SystemCallException the call's failure, or a permanent one naming every configured
     *     field Eloqua does not have
     */
    public void verify() {
        resolve();
    }

    /** The field with this internal name (exact, case-sensitive), if Eloqua has it. */
    public Optional<ContactField> byInternalName(String internalName) {
        return Optional.ofNullable(resolve().get(internalName));
    }

    /** The field with this id, if Eloqua has it. */
    public synchronized Optional<ContactField> byId(String id) {
        resolve();
        return Optional.ofNullable(byId.get(id));
    }

    /** Every field by internal name, in Eloqua's order; immutable. */
    public Map<String, ContactField> fields() {
        return resolve();
    }

    private synchronized Map<String, ContactField> resolve() {
        if (byName == null) {
            load();
            missing = checkConfigured();
        }
        if (missing != null) {
            throw missing;
        }
        return byName;
    }

    private void load() {
        Map<String, ContactField> names = new LinkedHashMap<>();
        Map<String, ContactField> ids = new LinkedHashMap<>();
        for (int page = 1; ; page++) {
            if (page > MAX_PAGES) {
                throw EloquaErrors.unusable(OPERATION, 200, "more than " + MAX_PAGES + " pages of contact fields;"
                        + " Eloqua does not seem to honour page", null, null);
            }
            JsonNode root = client.get(OPERATION, FIELDS_PATH,
                    UrlQuery.of("depth", "complete", "count", pageSize, "page", page));
            JsonNode elements = root.path("elements");
            for (JsonNode element : elements) {
                String id = text(element, "id");
                String internalName = text(element, "internalName");
                if (id != null && internalName != null) {
                    ContactField field = new ContactField(id, internalName, text(element, "name"),
                            text(element, "dataType"), "true".equalsIgnoreCase(text(element, "isReadOnly")));
                    names.put(internalName, field);
                    ids.put(id, field);
                }
            }
            long total = root.path("total").asLong(-1);
            if (elements.size() < pageSize || total >= 0 && (long) page * pageSize >= total) {
                break;
            }
        }
        byName = Collections.unmodifiableMap(names);
        byId = Collections.unmodifiableMap(ids);
    }

    private SystemCallException checkConfigured() {
        EloquaSettings settings = client.settings();
        List<String> problems = new ArrayList<>();
        for (String field : settings.requiredContactFields()) {
            if (!byName.containsKey(field)) {
                String key = field.equals(settings.leadStageField()) ? EloquaSettings.KEY_LEAD_STAGE_FIELD
                        : EloquaSettings.KEY_CONTACT_FIELDS;
                String similar = byName.keySet().stream().filter(n -> n.equalsIgnoreCase(field)).findFirst()
                        .map(n -> " (internal names are case-sensitive; Eloqua has " + n + ")").orElse("");
                problems.add("contact field " + field + " (" + key + ") does not exist in Eloqua" + similar);
            }
        }
        if (problems.isEmpty()) {
            return null;
        }
        return new SystemCallException(EloquaHttp.SYSTEM, OPERATION, 0, "UNKNOWN_FIELD", String.join("; ", problems)
                + ". Check the internal name under Settings > Fields & Views > Contact Fields", null, false, null, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
