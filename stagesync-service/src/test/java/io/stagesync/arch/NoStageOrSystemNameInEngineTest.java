package io.stagesync.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.stage.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine, the KPIs, the stage model, config, app, metrics and admin name no stage and no system: what needs one (the won deal, the customer
 * stage, the order system, the same-email preference) reads it from stage-model.yaml or the mappings. Scans the
 * Java sources of those packages for a string literal equal to a stage id of the shipped model, a system name or
 * an object the shipped mappings name. Comments and javadoc are not code and are skipped.
 */
class NoStageOrSystemNameInEngineTest {
    private static final List<Path> ENGINE = List.of(Path.of("stagesync-service/src/main/java/io/stagesync/sync"),
            Path.of("stagesync-service/src/main/java/io/stagesync/kpi"),
            Path.of("stagesync-service/src/main/java/io/stagesync/stage"),
            Path.of("stagesync-service/src/main/java/io/stagesync/config"),
            Path.of("stagesync-service/src/main/java/io/stagesync/app"),
            Path.of("stagesync-service/src/main/java/io/stagesync/metrics"),
            Path.of("stagesync-service/src/main/java/io/stagesync/admin"));

    /**
     * Words of stagesync's own config schema that happen to equal a shipped name: the {@code customer} key of a
     * mappings file's {@code sales-orders} entry (which names the account object), not NetSuite's object.
     */
    private static final Map<String, Set<String>> SCHEMA_WORDS = Map.of("MappingsLoader.java", Set.of("customer"));

    /** Stage ids, system names and the system objects the shipped config names. */
    private static Set<String> shippedNames() {
        StagesyncConfig config = StagesyncConfig.load(Path.of("config"), Map.of());
        Set<String> names = new TreeSet<>(StagesyncConfig.AVAILABLE_CONNECTORS);
        config.model().stages().stream().map(Stage::id).forEach(names::add);
        config.mappings().objects().stream().map(ObjectMapping::object).forEach(names::add);
        config.mappings().salesOrders().ifPresent(orders -> {
            names.add(orders.object());
            names.add(orders.customerObject());
        });
        return names;
    }

    @Test
    void noSourceOfTheEngineKpisOrStageModelHasANameOfTheShippedConfigAsAStringLiteral() throws IOException {
        Set<String> names = shippedNames();
        assertThat(names).contains("WON", "CUSTOMER", "NURTURE", "netsuite", "salesforce", "salesOrder", "Contact");
        List<String> found = new ArrayList<>();
        int files = 0;
        for (Path dir : ENGINE) {
            try (Stream<Path> sources = Files.walk(dir)) {
                for (Path file : sources.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    files++;
                    String code = Files.readString(file, StandardCharsets.UTF_8);
                    for (Literal literal : literals(code)) {
                        if (names.contains(literal.text()) && !SCHEMA_WORDS.getOrDefault(file.getFileName().toString(),
                                Set.of()).contains(literal.text())) {
                            found.add(file + ":" + literal.line() + " \"" + literal.text() + "\"");
                        }
                    }
                }
            }
        }
        assertThat(files).as("sources scanned").isGreaterThan(50);
        assertThat(found).as("stage or system names in engine code: read them from stage-model.yaml or the mappings")
                .isEmpty();
    }

    @Test
    void theScanFindsALiteralInCodeAndIgnoresCommentsAndJavadoc() {
        String code = """
                /** A deal at {@code "WON"} sets off an order in "netsuite". */
                final class Example {
                    // "CUSTOMER" is where the account goes
                    /* "salesOrder" */
                    static final String STAGE = "WON";
                    String system() { return "net" + "suite" + "\\"quoted\\"" + '"'; }
                    String slashes() { return "http://example/*not a comment*/"; }
                }
                """;

        assertThat(literals(code)).containsExactly(new Literal(5, "WON"), new Literal(6, "net"), new Literal(6, "suite"),
                new Literal(6, "\"quoted\""), new Literal(7, "http://example/*not a comment*/"));
    }

    /** A string literal's line and its text (escapes resolved for quotes and backslashes only). */
    record Literal(int line, String text) {
    }

    /** The string literals of Java source, outside comments; text blocks are taken as one literal. */
    static List<Literal> literals(String code) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (code.startsWith("//", i)) {
                while (i < code.length() && code.charAt(i) != '\n') {
                    i++;
                }
            } else if (code.startsWith("/*", i)) {
                int end = code.indexOf("*/", i + 2);
                end = end < 0 ? code.length() : end + 2;
                line += count(code, i, end);
                i = end;
            } else if (code.startsWith("\"\"\"", i)) {
                int end = code.indexOf("\"\"\"", i + 3);
                end = end < 0 ? code.length() : end;
                out.add(new Literal(line, code.substring(i + 3, end).strip()));
                line += count(code, i, end);
                i = Math.min(code.length(), end + 3);
            } else if (c == '"' || c == '\'') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < code.length() && code.charAt(j) != c && code.charAt(j) != '\n') {
                    if (code.charAt(j) == '\\' && j + 1 < code.length()) {
                        j++;
                    }
                    text.append(code.charAt(j));
                    j++;
                }
                if (c == '"') {
                    out.add(new Literal(line, text.toString()));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int count(String code, int from, int to) {
        int lines = 0;
        for (int k = from; k < to; k++) {
            if (code.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
