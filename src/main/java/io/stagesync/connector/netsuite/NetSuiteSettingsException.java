package io.stagesync.connector.netsuite;

import java.util.List;

/** Invalid NetSuite settings: every problem found, each message naming its key. */
public class NetSuiteSettingsException extends IllegalArgumentException {
    private final List<String> problems;

    public NetSuiteSettingsException(List<String> problems) {
        super("Invalid NetSuite settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One message per problem, in key order of checking; never empty. */
    public List<String> problems() {
        return problems;
    }
}
