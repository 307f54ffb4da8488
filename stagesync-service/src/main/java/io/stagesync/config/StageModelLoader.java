package io.stagesync.config;

import io.stagesync.model.EntityType;
import io.stagesync.stage.ConditionCompiler;
import io.stagesync.stage.FieldDeclaration;
import io.stagesync.stage.FieldType;
import io.stagesync.stage.Stage;
import io.stagesync.stage.StageModel;
import io.stagesync.stage.Team;
import io.stagesync.stage.Transition;
import io.stagesync.stage.ViolationPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates {@code stage-model.yaml} into a {@link StageModel}.
 *
 * <p>Validation reports every error at once, each naming the file, the line, the entry and the
 * reason; a model is returned only when there is none. Stateless and thread-safe.
 */
public final class StageModelLoader {
    /** The file name inside the config directory. */
    public static final String FILE_NAME = "stage-model.yaml";

    private static final Set<String> TOP_KEYS = Set.of("version", "teams", "fields", "stages", "defaults",
            "transitions", "targets", "kpis", "mappings");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Set<String> systems;

    /** A loader whose stage mappings may name the connectors this build holds. */
    public StageModelLoader() {
        this(io.stagesync.connector.spi.SystemConnectors.installed().names());
    }

    /** @param systems the systems the stage mappings ({@code mappings:}) may name */
    public StageModelLoader(Set<String> systems) {
        this.systems = Set.copyOf(systems);
    }

    /**
     * Loads {@code stage-model.yaml} from a config directory.
     *
     * @throws InvalidConfigException with every error found, including a missing or unreadable file
     */
    public StageModel load(Path configDir) {
        Path file = configDir.resolve(FILE_NAME);
        String label = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException(List.of(new ConfigError(label, 0, "",
                    "cannot read the stage model: " + (Files.exists(file) ? e.getMessage() : "file not found"))));
        }
        return parse(label, text);
    }

    /**
     * Parses and validates stage-model YAML.
     *
     * @param file the file name to use in error messages
     * @param text the YAML source
     * @throws InvalidConfigException with every error found
     */
    public StageModel parse(String file, String text) {
        List<ConfigError> errors = new ArrayList<>();
        Optional<YamlNode> root = new YamlReader(file).read(text, errors);
        Problems problems = new Problems(file, errors);
        if (root.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        if (!problems.isMap(root.get(), "", "the stage model")) {
            throw new InvalidConfigException(errors);
        }
        YamlNode top = root.get();
        problems.onlyKeys(top, TOP_KEYS, "");
        List<Team> teams = teams(top, problems);
        List<FieldDeclaration> fields = fields(top, problems);
        List<Stage> stages = stages(top, teams, problems);
        ViolationPolicy policy = defaultPolicy(top, problems);
        Map<String, Stage> stageIndex = stages.stream()
                .collect(Collectors.toMap(Stage::id, s -> s, (a, b) -> a, LinkedHashMap::new));
        ConditionCompiler compiler = new ConditionCompiler(fields);
        List<Transition> transitions = new TransitionsReader(problems, stageIndex, compiler, policy).read(top);
        checkReachable(top, stages, transitions, problems);
        var targets = new TargetsReader(problems, teams, stageIndex).read(top);
        var mappings = new MappingsReader(problems, stageIndex, systems).read(top);
        var kpis = new KpisReader(problems, teams, stageIndex, fields, transitions).read(top);
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(ConfigError::line));
            throw new InvalidConfigException(errors);
        }
        return new StageModel(teams, stages, fields, transitions, policy, targets, mappings, kpis);
    }

    private List<Team> teams(YamlNode top, Problems problems) {
        List<Team> teams = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<YamlNode> items = problems.list(top, "teams", "teams");
        if (items.isEmpty()) {
            problems.add(top, "teams", "at least one team is required");
        }
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String entry = "teams[" + i + "]";
            if (!problems.isMap(item, entry, "a team")) {
                continue;
            }
            problems.onlyKeys(item, Set.of("id", "name"), entry);
            String id = problems.required(item, "id", entry);
            if (id == null) {
                continue;
            }
            if (seen.containsKey(id)) {
                problems.add(item, entry + " " + id, "duplicate team '" + id + "' (first at line " + seen.get(id) + ")");
                continue;
            }
            seen.put(id, item.line());
            String name = item.text("name");
            teams.add(new Team(id, name == null || name.isBlank() ? id : name));
        }
        return teams;
    }

    private List<FieldDeclaration> fields(YamlNode top, Problems problems) {
        List<FieldDeclaration> fields = new ArrayList<>();
        YamlNode node = top.get("fields");
        if (node == null || node.isNull()) {
            return fields;
        }
        if (!problems.isMap(node, "fields", "'fields'")) {
            return fields;
        }
        for (var e : node.map().entrySet()) {
            String entry = "fields." + e.getKey();
            if (!IDENTIFIER.matcher(e.getKey()).matches()) {
                problems.add(e.getValue(), entry, "a field name must be an identifier (letters, digits, _)");
                continue;
            }
            String typeText = e.getValue().isScalar() ? e.getValue().scalar() : null;
            Optional<FieldType> type = FieldType.parse(typeText);
            if (type.isEmpty()) {
                problems.add(e.getValue(), entry, "unknown type '" + (typeText == null ? e.getValue().kind() : typeText)
                        + "' (expected one of: " + FieldType.allNames() + ")");
                continue;
            }
            fields.add(new FieldDeclaration(e.getKey(), type.get()));
        }
        return fields;
    }

    private List<Stage> stages(YamlNode top, List<Team> teams, Problems problems) {
        Set<String> teamIds = teams.stream().map(Team::id).collect(Collectors.toSet());
        List<Stage> stages = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<YamlNode> items = problems.list(top, "stages", "stages");
        if (items.isEmpty()) {
            problems.add(top, "stages", "at least one stage is required");
        }
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String entry = "stages[" + i + "]";
            if (!problems.isMap(item, entry, "a stage")) {
                continue;
            }
            problems.onlyKeys(item, Set.of("id", "team", "initial", "entities", "description"), entry);
            String id = problems.required(item, "id", entry);
            if (id == null) {
                continue;
            }
            entry += " " + id;
            if (seen.containsKey(id)) {
                problems.add(item, entry, "duplicate stage '" + id + "' (first at line " + seen.get(id) + ")");
                continue;
            }
            seen.put(id, item.line());
            String team = item.text("team");
            if (team == null || team.isBlank()) {
                problems.add(item, entry, "stage " + id + " has no team (every stage is owned by a team)");
                team = "";
            } else if (!teamIds.contains(team)) {
                problems.add(item.get("team"), entry, "unknown team '" + team + "' (teams: "
                        + String.join(", ", teamIds.stream().sorted().toList()) + ")");
            }
            stages.add(new Stage(id, team, "true".equalsIgnoreCase(item.text("initial")), entities(item, entry, problems)));
        }
        return stages;
    }

    private Set<EntityType> entities(YamlNode stage, String entry, Problems problems) {
        YamlNode node = stage.get("entities");
        if (node == null || node.isNull()) {
            return EnumSet.allOf(EntityType.class);
        }
        List<YamlNode> items = node.isList() ? node.list() : List.of(node);
        Set<EntityType> entities = EnumSet.noneOf(EntityType.class);
        for (YamlNode item : items) {
            Optional<EntityType> entity = EntityType.parse(item.scalar());
            if (entity.isEmpty()) {
                problems.add(item, entry, "unknown entity '" + item.scalar() + "' (expected: " + EntityType.allNames() + ")");
            } else {
                entities.add(entity.get());
            }
        }
        return entities.isEmpty() ? EnumSet.allOf(EntityType.class) : entities;
    }

    private ViolationPolicy defaultPolicy(YamlNode top, Problems problems) {
        YamlNode defaults = top.get("defaults");
        if (defaults == null || defaults.isNull() || !problems.isMap(defaults, "defaults", "'defaults'")) {
            return ViolationPolicy.HOLD;
        }
        problems.onlyKeys(defaults, Set.of("policy"), "defaults");
        String text = defaults.text("policy");
        if (text == null) {
            return ViolationPolicy.HOLD;
        }
        return ViolationPolicy.parse(text).orElseGet(() -> {
            problems.add(defaults.get("policy"), "defaults.policy", "unknown policy '" + text
                    + "' (expected hold, revert or flag)");
            return ViolationPolicy.HOLD;
        });
    }

    private void checkReachable(YamlNode top, List<Stage> stages, List<Transition> transitions, Problems problems) {
        List<String> initial = stages.stream().filter(Stage::initial).map(Stage::id).toList();
        if (initial.isEmpty()) {
            if (!stages.isEmpty()) {
                problems.add(top.get("stages"), "stages", "no stage is marked 'initial: true', so no record can enter the model");
            }
            return;
        }
        Set<String> reached = new HashSet<>(initial);
        ArrayDeque<String> queue = new ArrayDeque<>(initial);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (Transition t : transitions) {
                if (t.from().equals(at) && reached.add(t.to())) {
                    queue.add(t.to());
                }
            }
        }
        List<YamlNode> items = problems.list(top, "stages", "stages");
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            if (!reached.contains(stage.id())) {
                YamlNode at = items.stream().filter(n -> stage.id().equals(n.text("id"))).findFirst().orElse(null);
                problems.add(at, "stage " + stage.id(), "unreachable: no chain of transitions leads to it from an "
                        + "initial stage (" + String.join(", ", initial) + ")");
            }
        }
    }
}
