package io.stagesync.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Parses YAML text into {@link YamlNode}s that keep line numbers.
 *
 * <p>Syntax errors and duplicate keys are reported as {@link ConfigError}s with their line;
 * aliases ({@code *name}) resolve to the anchored value. Stateless and thread-safe.
 */
public final class YamlReader {
    private final String file;

    /** @param file the file name used in error messages */
    public YamlReader(String file) {
        this.file = file;
    }

    /**
     * Parses one YAML document.
     *
     * @param text   the YAML source
     * @param errors receives syntax errors and duplicate keys
     * @return the root node, or empty when the text is not valid YAML (an error was added)
     */
    public Optional<YamlNode> read(String text, List<ConfigError> errors) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(true).build();
        try {
            Optional<Node> root = new Compose(settings).composeString(text);
            return Optional.of(root.map(node -> convert(node, errors)).orElse(new YamlNode(null, null, null, 1)));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            errors.add(new ConfigError(file, line, "", "YAML syntax error: " + problem + context));
            return Optional.empty();
        } catch (YamlEngineException e) {
            errors.add(new ConfigError(file, 0, "", "YAML syntax error: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private YamlNode convert(Node node, List<ConfigError> errors) {
        int line = node.getStartMark().map(Mark::getLine).orElse(0) + 1;
        if (node instanceof ScalarNode scalar) {
            return Tag.NULL.equals(scalar.getTag()) ? new YamlNode(null, null, null, line)
                    : new YamlNode(scalar.getValue(), null, null, line);
        }
        if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>();
            sequence.getValue().forEach(item -> items.add(convert(item, errors)));
            return new YamlNode(null, null, items, line);
        }
        MappingNode mapping = (MappingNode) node;
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            YamlNode key = convert(tuple.getKeyNode(), errors);
            String name = key.isScalar() ? key.scalar() : "";
            if (entries.containsKey(name)) {
                errors.add(new ConfigError(file, key.line(), "", "duplicate key '" + name + "' (first at line "
                        + keyLines.get(name) + ")"));
                continue;
            }
            entries.put(name, convert(tuple.getValueNode(), errors));
            keyLines.put(name, key.line());
        }
        return new YamlNode(null, entries, null, line, keyLines);
    }
}
