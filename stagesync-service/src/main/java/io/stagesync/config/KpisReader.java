package io.stagesync.config;

import io.stagesync.model.EntityType;
import io.stagesync.stage.FieldDeclaration;
import io.stagesync.stage.FieldType;
import io.stagesync.stage.KpiModel;
import io.stagesync.stage.KpiModel.Role;
import io.stagesync.stage.Stage;
import io.stagesync.stage.Team;
import io.stagesync.stage.Transition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code kpis:} section: the funnel's main line, the stages' KPI roles, the deal fields and which deals
 * are renewals. Everything is optional; what is left out is derived ({@link KpiModel#resolve}). Checks that each
 * named stage and field exists, that the main line's roles lie on it in funnel order and the exits off it, and
 * that the deal and customer stages apply to deals and accounts.
 */
final class KpisReader {
    static final String SECTION = "kpis";
    private static final String MAIN_LINE = "main-line";
    private static final String DEAL_AMOUNT = "deal-amount";
    private static final String DEAL_CLOSE_DATE = "deal-close-date";
    private static final String RENEWAL = "renewal";

    private final Problems problems;
    private final List<Team> teams;
    private final Map<String, Stage> stages;
    private final List<FieldDeclaration> fields;
    private final List<Transition> transitions;

    KpisReader(Problems problems, List<Team> teams, Map<String, Stage> stages, List<FieldDeclaration> fields,
               List<Transition> transitions) {
        this.problems = problems;
        this.teams = teams;
        this.stages = stages;
        this.fields = fields;
        this.transitions = transitions;
    }

    KpiModel.Declared read(YamlNode top) {
        YamlNode section = top.get(SECTION);
        if (section == null || section.isNull() || !problems.isMap(section, SECTION, "'kpis'")) {
            return KpiModel.Declared.none();
        }
        Set<String> keys = new HashSet<>(Set.of(MAIN_LINE, DEAL_AMOUNT, DEAL_CLOSE_DATE, RENEWAL));
        for (Role role : Role.values()) {
            keys.add(role.configName());
        }
        problems.onlyKeys(section, keys, SECTION);
        List<String> mainLine = mainLine(section);
        Map<Role, String> roles = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            String id = stage(section, role.configName());
            if (id != null) {
                roles.put(role, id);
            }
        }
        String amount = field(section, DEAL_AMOUNT, Set.of(FieldType.DOUBLE, FieldType.INT), "a number (double or int)");
        String closeDate = field(section, DEAL_CLOSE_DATE, Set.of(FieldType.TIMESTAMP), "a timestamp");
        KpiModel.RenewalDeclaration renewal = renewal(section);
        KpiModel.Declared declared = new KpiModel.Declared(mainLine, roles, amount, closeDate, renewal);
        check(section, declared);
        return declared;
    }

    private List<String> mainLine(YamlNode section) {
        YamlNode node = section.get(MAIN_LINE);
        if (node == null || node.isNull()) {
            return null;
        }
        String entry = SECTION + "." + MAIN_LINE;
        if (!node.isList()) {
            problems.add(node, entry, "'" + MAIN_LINE + "' must be a list of stages, e.g. [LEAD, MQL, SAL]");
            return null;
        }
        Set<String> line = new LinkedHashSet<>();
        boolean ok = true;
        for (YamlNode item : node.list()) {
            String id = item.isScalar() ? item.scalar().trim() : null;
            if (id == null || !stages.containsKey(id)) {
                problems.add(item, entry, "unknown stage '" + (id == null ? item.kind() : id) + "'");
                ok = false;
            } else if (!line.add(id)) {
                problems.add(item, entry, "stage " + id + " is listed twice");
                ok = false;
            }
        }
        if (ok && line.size() < 2) {
            problems.add(node, entry, "the main line needs at least two stages");
            ok = false;
        }
        return ok ? List.copyOf(line) : null;
    }

    private String stage(YamlNode section, String key) {
        YamlNode node = section.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        String id = node.isScalar() ? node.scalar().trim() : null;
        if (id == null || !stages.containsKey(id)) {
            problems.add(node, SECTION + "." + key, "unknown stage '" + (id == null ? node.kind() : id) + "'");
            return null;
        }
        return id;
    }

    private String field(YamlNode section, String key, Set<FieldType> types, String expected) {
        YamlNode node = section.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        return declaredField(node, SECTION + "." + key, types, expected);
    }

    private String declaredField(YamlNode node, String entry, Set<FieldType> types, String expected) {
        String name = node.isScalar() ? node.scalar().trim() : null;
        FieldDeclaration field = fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        if (field == null) {
            problems.add(node, entry, "'" + (name == null ? node.kind() : name) + "' is not a field declared in "
                    + "'fields'");
            return null;
        }
        if (!types.contains(field.type())) {
            problems.add(node, entry, "field '" + name + "' is declared " + field.type().configName() + "; it must be "
                    + expected);
            return null;
        }
        return name;
    }

    private KpiModel.RenewalDeclaration renewal(YamlNode section) {
        YamlNode node = section.get(RENEWAL);
        String entry = SECTION + "." + RENEWAL;
        if (node == null || node.isNull() || !problems.isMap(node, entry, "'" + RENEWAL + "'")) {
            return null;
        }
        problems.onlyKeys(node, Set.of("field", "values"), entry);
        YamlNode fieldNode = node.get("field");
        String field = null;
        if (fieldNode == null || fieldNode.isNull()) {
            problems.add(node, entry, "missing 'field': the canonical deal field that says what kind of deal it is "
                    + "(e.g. dealType, mapped from Salesforce Opportunity Type)");
        } else {
            field = declaredField(fieldNode, entry + ".field", Set.of(FieldType.STRING), "a string");
        }
        List<String> values = new ArrayList<>();
        YamlNode valuesNode = node.get("values");
        if (valuesNode == null || valuesNode.isNull() || !valuesNode.isList() || valuesNode.list().isEmpty()) {
            problems.add(valuesNode == null ? node : valuesNode, entry + ".values", "'values' must be a non-empty list "
                    + "of the field's values that mark a renewal, e.g. [\"Existing Customer - Renewal\"]");
        } else {
            for (YamlNode item : valuesNode.list()) {
                if (!item.isScalar() || item.scalar().isBlank()) {
                    problems.add(item, entry + ".values", "a renewal value must be a non-blank text");
                } else {
                    values.add(item.scalar());
                }
            }
        }
        return field == null || values.isEmpty() || values.size() != valuesNode.list().size() ? null
                : new KpiModel.RenewalDeclaration(field, values);
    }

    /** Checks the resolved roles: main-line roles on it in order, exits off it, entity types that fit. */
    private void check(YamlNode section, KpiModel.Declared declared) {
        KpiModel kpis = KpiModel.resolve(declared, teams, List.copyOf(stages.values()), transitions, fields);
        List<String> line = kpis.mainLine();
        int previous = -1;
        Role previousRole = null;
        for (Role role : Role.onMainLine()) {
            String stage = kpis.stage(role).orElse(null);
            if (stage == null) {
                continue;
            }
            int at = line.indexOf(stage);
            if (at < 0) {
                problem(section, role, declared, "'" + role.configName() + "' (" + stage + ") is not on the main line ("
                        + String.join(", ", line) + ")");
                continue;
            }
            boolean sameAsLead = role == Role.MQL && previousRole == Role.LEAD && at == previous;
            if (at <= previous && !sameAsLead) {
                problem(section, role, declared, "'" + role.configName() + "' (" + stage + ") must come after '"
                        + previousRole.configName() + "' (" + line.get(previous) + ") on the main line");
            }
            previous = Math.max(previous, at);
            previousRole = role;
        }
        for (Role role : List.of(Role.LOST, Role.CHURNED, Role.RECYCLE)) {
            kpis.stage(role).filter(line::contains).ifPresent(stage -> problem(section, role, declared, "'"
                    + role.configName() + "' (" + stage + ") must not be on the main line (" + String.join(", ", line)
                    + "): records leave the funnel there"));
        }
        for (Role role : List.of(Role.OPPORTUNITY, Role.WON, Role.LOST)) {
            entity(section, role, declared, kpis, EntityType.DEAL);
        }
        for (Role role : List.of(Role.CUSTOMER, Role.CHURNED)) {
            entity(section, role, declared, kpis, EntityType.ACCOUNT);
        }
    }

    private void entity(YamlNode section, Role role, KpiModel.Declared declared, KpiModel kpis, EntityType entity) {
        kpis.stage(role).map(stages::get).filter(s -> !s.appliesTo(entity)).ifPresent(s -> problem(section, role,
                declared, "'" + role.configName() + "' (" + s.id() + ") does not apply to " + entity.configName()
                        + " records (its 'entities'), so no " + entity.configName() + " would ever count there"));
    }

    /** An error at the role's key when declared, else at the main line (or the section) it was derived from. */
    private void problem(YamlNode section, Role role, KpiModel.Declared declared, String message) {
        boolean own = declared.roles().containsKey(role);
        YamlNode at = own ? section.get(role.configName())
                : section.get(MAIN_LINE) != null ? section.get(MAIN_LINE) : section;
        problems.add(at, SECTION + "." + (own ? role.configName() : MAIN_LINE),
                own ? message : message + " (derived: declare '" + role.configName() + "')");
    }
}
