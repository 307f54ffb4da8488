package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and {@code docs/} are the admin's manual: every {@code stagesync.*} setting they name, on any
 * page, is one stagesync reads ({@link AppSettingsLoader#knownKeys()}), so an admin following them never sets
 * a key that does nothing (the runbook once said {@code stagesync.netsuite.sales-order-item-id}; the key is
 * {@code stagesync.sync.sales-order-item-id}). That the configuration page lists every key is
 * {@link ConfigurationDocCoversEverySettingTest}'s subject.
 */
class SettingsNamedInDocsAreReadTest {
    /** A {@code stagesync.} name not inside a path, a class or logger name ({@code io.stagesync.…}) or a file name. */
    private static final Pattern NAME = Pattern.compile("(?<![\\w./-])stagesync(?:\\.[\\w*<>{}-]+)+");
    private static final Set<String> SYSTEMS = Set.of("salesforce", "netsuite", "pardot", "eloqua");
    /** The docs' example of a misspelt key, shown with the error validate prints for it. */
    private static final Set<String> SHOWN_AS_WRONG = Set.of("stagesync.salesforce.auth_type");

    @Test
    void everyStagesyncSettingTheManualNamesIsAKeyStagesyncReads() throws IOException {
        Set<String> known = AppSettingsLoader.knownKeys();
        List<String> unknown = new ArrayList<>();
        int named = 0;
        for (Path page : manualPages()) {
            List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = NAME.matcher(lines.get(i));
                while (m.find()) {
                    String name = m.group();
                    if (isNoSettingKey(name)) {
                        continue;
                    }
                    named++;
                    if (!isKnown(name, known)) {
                        unknown.add(page + ":" + (i + 1) + ": " + name);
                    }
                }
            }
        }
        assertThat(named).as("the manual's configuration reference names settings").isGreaterThan(50);
        assertThat(unknown).as("settings the manual names that stagesync does not read").isEmpty();
    }

    /** README.md and every Markdown page under docs/. */
    static List<Path> manualPages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("README.md"));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertThat(pages).as("the manual's pages").hasSizeGreaterThan(5);
        return pages;
    }

    /** Wildcards ({@code stagesync.*}), test-suite JVM properties and the docs' example of a typo. */
    private static boolean isNoSettingKey(String name) {
        return name.endsWith("*") || name.contains("<") || name.startsWith("stagesync.test.")
                || SHOWN_AS_WRONG.contains(name);
    }

    /**
     * A key stagesync reads, or the prefix of a group of them ({@code stagesync.resilience.netsuite.…});
     * {@code SYSTEM} stands for a connector name.
     */
    private static boolean isKnown(String name, Set<String> known) {
        if (name.contains("SYSTEM")) {
            return SYSTEMS.stream().anyMatch(system -> isKnown(name.replace("SYSTEM", system), known));
        }
        return known.contains(name) || known.stream().anyMatch(k -> k.startsWith(name + "."));
    }
}
