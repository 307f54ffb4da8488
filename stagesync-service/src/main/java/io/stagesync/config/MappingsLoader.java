package io.stagesync.config;

import io.stagesync.connector.spi.SystemConnector;
import io.stagesync.connector.spi.SystemConnectors;
import io.stagesync.mapping.CreateRule;
import io.stagesync.mapping.FieldMapping;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.OwnershipRule;
import io.stagesync.mapping.PersonPreference;
import io.stagesync.mapping.SalesOrderTarget;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.model.EntityType;
import io.stagesync.model.SystemObject;
import io.stagesync.stage.StageModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code mappings/<system>.yaml} (one per system: its objects, fields, references and
 * links; in at most one of them, {@code sales-orders}: where won deals' sales orders go) and
 * {@code mappings/ownership.yaml} (which system's value wins per canonical field, and which person wins a match
 * by email among several), validating everything and reporting every error with file, line and entry. A missing
 * system file means that system maps nothing. Stateless and thread-safe.
 */
public final class MappingsLoader {
    /** The directory inside the config directory. */
    public static final String DIR = "mappings";
    /** A field API name in a filter (letters, digits, underscores; no relationship paths). */
    private static final java.util.regex.Pattern FIELD_API_NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** The key of a system file declaring it the order system. */
    static final String SALES_ORDERS = "sales-orders";
    /** The key of ownership.yaml ordering the objects a person matched by email prefers. */
    static final String SAME_EMAIL = "same-email";

    private final java.util.Set<String> systems;
    private final SystemConnectors connectors;

    /** A loader of the mappings of the connectors this build holds. */
    public MappingsLoader() {
        this(SystemConnectors.installed());
    }

    /**
     * A loader of the mappings of these connectors: their {@code SYSTEM.yaml} files are read, links, rules and
     * ownership may name them, and each one says whether its objects may be filtered and how a value set for its
     * fields is checked.
     */
    public MappingsLoader(SystemConnectors connectors) {
        this.systems = java.util.Set.copyOf(connectors.names());
        this.connectors = connectors;
    }

    /**
     * @param errors receives every error found
     * @return the mappings (partial when errors were added; the caller refuses to start then)
     */
    public SyncMappings load(Path configDir, List<ConfigError> errors) {
        return load(configDir, null, errors);
    }

    /**
     * Also checks the mappings against the stage model's field declarations (a negated field must
     * carry a {@code bool} canonical field).
     *
     * @param model the validated stage model, or null when it failed (those checks are skipped)
     */
    public SyncMappings load(Path configDir, StageModel model, List<ConfigError> errors) {
        Path dir = configDir.resolve(DIR);
        List<ObjectMapping> objects = new ArrayList<>();
        SalesOrderTarget salesOrders = null;
        String salesOrdersFile = null;
        for (String system : systems.stream().sorted().toList()) {
            Path file = dir.resolve(system + ".yaml");
            Optional<YamlNode> root = read(file, errors);
            if (root.isEmpty()) {
                continue;
            }
            Problems problems = new Problems(file.toString(), errors);
            List<ObjectMapping> own = objects(system, root.get(), model, problems);
            objects.addAll(own);
            Optional<SalesOrderTarget> declared = salesOrders(system, root.get(), own, problems);
            if (declared.isPresent() && salesOrders != null) {
                problems.add(root.get().keyLine(SALES_ORDERS), SALES_ORDERS, "sales orders go to one system only; "
                        + salesOrdersFile + " declares '" + SALES_ORDERS + "' already");
            } else if (declared.isPresent()) {
                salesOrders = declared.get();
                salesOrdersFile = file.toString();
            }
        }
        Map<EntityType, Map<String, OwnershipRule>> ownership = new EnumMap<>(EntityType.class);
        OwnershipRule[] defaultRule = {OwnershipRule.NEWEST};
        PersonPreference[] preference = {PersonPreference.none()};
        Path ownershipFile = dir.resolve("ownership.yaml");
        read(ownershipFile, errors).ifPresent(root -> ownership(root, new Problems(ownershipFile.toString(), errors),
                ownership, defaultRule, objects, preference));
        return new SyncMappings(objects, ownership, defaultRule[0], salesOrders, preference[0]);
    }

    /**
     * The {@code sales-orders} entry of a system file: {@code object} (the record type created for each won deal,
     * not one of the objects the file maps) and {@code customer} (an account object of the file: its record is
     * the order's customer). Empty when absent or wrong (errors added).
     */
    private static Optional<SalesOrderTarget> salesOrders(String system, YamlNode root, List<ObjectMapping> own,
                                                          Problems problems) {
        YamlNode node = root.isMap() ? root.get(SALES_ORDERS) : null;
        if (node == null || node.isNull() || !problems.isMap(node, SALES_ORDERS, "'" + SALES_ORDERS + "'")) {
            return Optional.empty();
        }
        problems.onlyKeys(node, Set.of("object", "customer"), SALES_ORDERS);
        String object = problems.required(node, "object", SALES_ORDERS);
        String customer = problems.required(node, "customer", SALES_ORDERS);
        boolean ok = object != null && customer != null;
        if (object != null && own.stream().anyMatch(m -> m.object().equals(object))) {
            problems.add(node.get("object"), SALES_ORDERS + ".object", "'" + object + "' is an object this file "
                    + "maps under 'objects'; a sales order is a record type of its own (e.g. salesOrder)");
            ok = false;
        }
        if (customer != null) {
            Optional<ObjectMapping> mapped = own.stream().filter(m -> m.object().equals(customer)).findFirst();
            if (mapped.isEmpty() || mapped.get().entity() != EntityType.ACCOUNT) {
                List<String> accounts = own.stream().filter(m -> m.entity() == EntityType.ACCOUNT)
                        .map(ObjectMapping::object).toList();
                problems.add(node.get("customer"), SALES_ORDERS + ".customer", "'" + customer + "' is not an account "
                        + "object this file maps (" + (accounts.isEmpty() ? "it maps none"
                        : "its account objects: " + String.join(", ", accounts)) + ")");
                ok = false;
            }
        }
        return ok ? Optional.of(new SalesOrderTarget(system, object, customer)) : Optional.empty();
    }

    private static Optional<YamlNode> read(Path file, List<ConfigError> errors) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return new YamlReader(file.toString()).read(Files.readString(file, StandardCharsets.UTF_8), errors)
                    .filter(root -> !root.isNull());
        } catch (IOException e) {
            errors.add(new ConfigError(file.toString(), 0, "", "cannot read: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private List<ObjectMapping> objects(String system, YamlNode root, StageModel model, Problems problems) {
        List<ObjectMapping> out = new ArrayList<>();
        if (!problems.isMap(root, "", "a mapping file")) {
            return out;
        }
        problems.onlyKeys(root, Set.of("objects", SALES_ORDERS), "");
        YamlNode objects = root.get("objects");
        if (objects == null || !problems.isMap(objects, "objects", "'objects'")) {
            return out;
        }
        for (var e : objects.map().entrySet()) {
            String entry = "objects." + e.getKey();
            YamlNode node = e.getValue();
            if (!problems.isMap(node, entry, "an object mapping")) {
                continue;
            }
            problems.onlyKeys(node, Set.of("entity", "fields", "links", "create", "on-create", "create-key", "filter"),
                    entry);
            String entityText = problems.required(node, "entity", entry);
            Optional<EntityType> entity = Optional.ofNullable(entityText).flatMap(EntityType::parse);
            if (entityText != null && entity.isEmpty()) {
                problems.add(node.get("entity"), entry, "unknown entity '" + entityText + "' (expected: "
                        + EntityType.allNames() + ")");
            }
            List<FieldMapping> fields = fields(node, entry, objects.map().keySet(), model, problems);
            Map<String, String> links = links(system, node, entry, problems);
            CreateRule create = createRule(node, entry, problems);
            Map<String, String> fixed = onCreate(system, node, entry, problems);
            String createKey = node.text("create-key");
            if (createKey != null && fields.stream().noneMatch(f -> f.canonicalField().equals(createKey))) {
                problems.add(node.get("create-key"), entry + ".create-key", "'" + createKey
                        + "' is not a canonical field this object maps");
            }
            Map<String, Object> filter = filter(system, node, entry, problems);
            entity.ifPresent(type -> out.add(new ObjectMapping(system, e.getKey(), type, fields, links, create, fixed,
                    createKey, filter)));
        }
        return out;
    }

    private List<FieldMapping> fields(YamlNode object, String entry, Set<String> objectsOfSystem, StageModel model,
                                      Problems problems) {
        List<FieldMapping> fields = new ArrayList<>();
        YamlNode node = object.get("fields");
        if (node == null || node.isNull() || !problems.isMap(node, entry + ".fields", "'fields'")) {
            return fields;
        }
        for (var f : node.map().entrySet()) {
            String fieldEntry = entry + ".fields." + f.getKey();
            YamlNode value = f.getValue();
            String named = value.isScalar() ? value.scalar().trim() : value.isMap() ? value.text("canonical") : null;
            if (named != null && named.startsWith(CanonicalRecord.RESERVED_PREFIX)) {
                problems.add(value, fieldEntry, "canonical field '" + named + "': a canonical field name must not start"
                        + " with '" + CanonicalRecord.RESERVED_PREFIX + "' (reserved for the engine's bookkeeping)");
            } else if (value.isScalar() && !value.scalar().isBlank()) {
                fields.add(new FieldMapping(f.getKey(), value.scalar().trim(), null));
            } else if (value.isMap()) {
                problems.onlyKeys(value, Set.of("canonical", "ref", "read-only", "negate"), fieldEntry);
                String canonical = problems.required(value, "canonical", fieldEntry);
                String ref = value.text("ref");
                boolean negate = "true".equals(value.text("negate"));
                if (ref != null && !objectsOfSystem.contains(ref)) {
                    problems.add(value.get("ref"), fieldEntry, "reference to unknown object '" + ref
                            + "' (objects of this system: " + String.join(", ", objectsOfSystem) + ")");
                } else if (negate && (ref != null || !isBool(model, canonical))) {
                    problems.add(value.get("negate"), fieldEntry, "negate needs a bool canonical field (declared as"
                            + " bool under fields in stage-model.yaml), not " + (ref != null ? "a reference"
                            : "'" + canonical + "'"));
                } else if (canonical != null) {
                    fields.add(new FieldMapping(f.getKey(), canonical, ref, "true".equals(value.text("read-only")),
                            negate));
                }
            } else {
                problems.add(value, fieldEntry, "must name a canonical field, or be {canonical: NAME, ref: OBJECT}");
            }
        }
        return fields;
    }

    /** Whether a canonical field is declared bool (true when the model is not known: checked with it). */
    private static boolean isBool(StageModel model, String canonical) {
        return canonical != null && (model == null || model.field(canonical)
                .map(f -> f.type() == io.stagesync.stage.FieldType.BOOL).orElse(false));
    }

    private CreateRule createRule(YamlNode object, String entry, Problems problems) {
        YamlNode node = object.get("create");
        if (node == null || node.isNull()) {
            return CreateRule.ALWAYS;
        }
        if (node.isScalar()) {
            if (node.scalar().trim().equals("never")) {
                return new CreateRule(true, Set.of(), null);
            }
            if (node.scalar().trim().equals("always")) {
                return CreateRule.ALWAYS;
            }
            problems.add(node, entry + ".create", "expected always, never, or {stages: [...], requires: SYSTEM OBJECT,"
                    + " unless: SYSTEM OBJECT}");
            return CreateRule.ALWAYS;
        }
        if (!problems.isMap(node, entry + ".create", "'create'")) {
            return CreateRule.ALWAYS;
        }
        problems.onlyKeys(node, Set.of("stages", "requires", "unless"), entry + ".create");
        Set<String> stages = new java.util.LinkedHashSet<>();
        problems.list(node, "stages", entry + ".create").forEach(s -> {
            if (s.isScalar()) {
                stages.add(s.scalar().trim());
            }
        });
        String requires = systemObject(node, "requires", entry, problems);
        String unless = systemObject(node, "unless", entry, problems);
        return new CreateRule(false, stages, requires, unless);
    }

    /** A {@code SYSTEM Object} value of a create rule ({@code requires}, {@code unless}), or null. */
    private String systemObject(YamlNode create, String key, String entry, Problems problems) {
        String value = create.text(key);
        if (value != null && (value.split(" ").length != 2 || !systems.contains(value.split(" ")[0]))) {
            problems.add(create.get(key), entry + ".create." + key, "expected 'SYSTEM Object', e.g. 'salesforce Contact'");
            return null;
        }
        return value;
    }

    private Map<String, String> onCreate(String system, YamlNode object, String entry, Problems problems) {
        YamlNode node = object.get("on-create");
        Map<String, String> fixed = new LinkedHashMap<>();
        if (node == null || node.isNull() || !problems.isMap(node, entry + ".on-create", "'on-create'")) {
            return fixed;
        }
        node.map().forEach((field, value) -> {
            if (value.isScalar()) {
                fixed.put(field, value.scalar());
                checkValue(system, field, value, entry + ".on-create." + field, problems);
            } else {
                problems.add(value, entry + ".on-create." + field, "must be a single value");
            }
        });
        return fixed;
    }

    /** A value set in config for a field of {@code system}, checked as that system's connector checks such values. */
    private void checkValue(String system, String field, YamlNode value, String entry, Problems problems) {
        connectors.get(system).flatMap(c -> c.mappedValueProblem(field, value.scalar().trim()))
                .ifPresent(problem -> problems.add(value, entry, problem));
    }

    /**
     * The {@code filter} of an object of a system whose query applies filters (Salesforce's SOQL): field API name to {@code true}, {@code false} or a text
     * value the record must have to be synced at all (e.g. Lead {@code IsConverted: false}).
     */
    private Map<String, Object> filter(String system, YamlNode object, String entry, Problems problems) {
        Map<String, Object> filter = new LinkedHashMap<>();
        YamlNode node = object.get("filter");
        if (node == null || node.isNull()) {
            return filter;
        }
        if (!connectors.get(system).map(SystemConnector::filtersInQuery).orElse(false)) {
            List<String> filtering = connectors.all().stream().filter(SystemConnector::filtersInQuery)
                    .map(SystemConnector::name).toList();
            problems.add(node, entry + ".filter", "only objects of a system whose query applies filters can be filtered"
                    + (filtering.isEmpty() ? " (no configured system's does)" : " (" + String.join(", ", filtering) + ")"));
            return filter;
        }
        if (!problems.isMap(node, entry + ".filter", "'filter'")) {
            return filter;
        }
        node.map().forEach((field, value) -> {
            String fieldEntry = entry + ".filter." + field;
            if (!FIELD_API_NAME.matcher(field).matches()) {
                problems.add(node.keyLine(field), fieldEntry, "'" + field + "' is not a field API name");
            } else if (!value.isScalar()) {
                problems.add(value, fieldEntry, "must be true, false or a text value (the record is synced only"
                        + " when the field equals it)");
            } else {
                String text = value.scalar().trim();
                filter.put(field, text.equals("true") || text.equals("false") ? Boolean.valueOf(text) : text);
                checkValue(system, field, value, fieldEntry, problems);
            }
        });
        return filter;
    }

    private Map<String, String> links(String system, YamlNode object, String entry, Problems problems) {
        Map<String, String> links = new LinkedHashMap<>();
        YamlNode node = object.get("links");
        if (node == null || node.isNull() || !problems.isMap(node, entry + ".links", "'links'")) {
            return links;
        }
        for (var l : node.map().entrySet()) {
            if (!systems.contains(l.getKey()) || l.getKey().equals(system)) {
                problems.add(node.keyLine(l.getKey()), entry + ".links", "'" + l.getKey()
                        + "' is not another system (expected one of: " + String.join(", ", new java.util.TreeSet<>(systems)) + ", not "
                        + system + ")");
            } else if (!l.getValue().isScalar() || l.getValue().scalar().isBlank()) {
                problems.add(l.getValue(), entry + ".links." + l.getKey(), "must name the field holding the "
                        + l.getKey() + " id");
            } else {
                links.put(l.getKey(), l.getValue().scalar().trim());
            }
        }
        return links;
    }

    private void ownership(YamlNode root, Problems problems, Map<EntityType, Map<String, OwnershipRule>> out,
                           OwnershipRule[] defaultRule, List<ObjectMapping> objects, PersonPreference[] preference) {
        if (!problems.isMap(root, "", "the ownership file")) {
            return;
        }
        for (var e : root.map().entrySet()) {
            if (e.getKey().equals("default")) {
                rule(e.getValue(), "default", problems).ifPresent(r -> defaultRule[0] = r);
                continue;
            }
            if (e.getKey().equals(SAME_EMAIL)) {
                preference[0] = personPreference(e.getValue(), objects, problems);
                continue;
            }
            Optional<EntityType> entity = EntityType.parse(e.getKey());
            if (entity.isEmpty()) {
                problems.add(root.keyLine(e.getKey()), "", "unknown entity '" + e.getKey() + "' (expected default, "
                        + SAME_EMAIL + ", " + EntityType.allNames() + ")");
                continue;
            }
            if (e.getValue().isNull()) {
                continue;
            }
            if (!problems.isMap(e.getValue(), e.getKey(), "an entity's ownership")) {
                continue;
            }
            Map<String, OwnershipRule> rules = new LinkedHashMap<>();
            for (var f : e.getValue().map().entrySet()) {
                rule(f.getValue(), e.getKey() + "." + f.getKey(), problems).ifPresent(r -> rules.put(f.getKey(), r));
            }
            out.put(entity.get(), rules);
        }
    }

    /**
     * The {@code same-email} list: person objects as {@code SYSTEM Object}, in order of preference, each mapped in
     * its system's file. None declared (null) = an empty preference.
     */
    private static PersonPreference personPreference(YamlNode node, List<ObjectMapping> objects, Problems problems) {
        if (node == null || node.isNull()) {
            return PersonPreference.none();
        }
        if (!node.isList()) {
            problems.add(node, SAME_EMAIL, "'" + SAME_EMAIL + "' must be a list of person objects as 'SYSTEM Object', "
                    + "e.g. [salesforce Contact, salesforce Lead]");
            return PersonPreference.none();
        }
        List<SystemObject> out = new ArrayList<>();
        for (YamlNode item : node.list()) {
            String[] parts = item.isScalar() ? item.scalar().trim().split("\\s+") : new String[0];
            Optional<ObjectMapping> mapped = parts.length != 2 ? Optional.empty()
                    : objects.stream().filter(m -> m.system().equals(parts[0]) && m.object().equals(parts[1])
                            && m.entity() == EntityType.PERSON).findFirst();
            if (mapped.isEmpty()) {
                problems.add(item, SAME_EMAIL, "'" + (item.isScalar() ? item.scalar().trim() : item.kind())
                        + "' is not a person object of a mapping file (expected 'SYSTEM Object', one of: "
                        + String.join(", ", objects.stream().filter(m -> m.entity() == EntityType.PERSON)
                        .map(m -> m.system() + " " + m.object()).toList()) + ")");
            } else if (out.contains(new SystemObject(parts[0], parts[1]))) {
                problems.add(item, SAME_EMAIL, "'" + parts[0] + " " + parts[1] + "' is listed twice");
            } else {
                out.add(new SystemObject(parts[0], parts[1]));
            }
        }
        return new PersonPreference(out);
    }

    private Optional<OwnershipRule> rule(YamlNode node, String entry, Problems problems) {
        String text = node.isScalar() ? node.scalar().trim() : "";
        if (text.equals("newest")) {
            return Optional.of(OwnershipRule.NEWEST);
        }
        if (text.equals("only-if-blank")) {
            return Optional.of(OwnershipRule.ONLY_IF_BLANK);
        }
        if (systems.contains(text)) {
            return Optional.of(OwnershipRule.owner(text));
        }
        problems.add(node, entry, "unknown ownership rule '" + text
                + "' (expected a system name, newest or only-if-blank)");
        return Optional.empty();
    }
}
