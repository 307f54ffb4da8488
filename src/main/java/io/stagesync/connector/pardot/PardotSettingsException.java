package io.stagesync.connector.pardot;

import java.util.List;

/** Invalid Account Engagement (Pardot) settings: every problem found, each message naming its key. */
public class PardotSettingsException extends IllegalArgumentException {
    private final List<String> problems;

    public PardotSettingsException(List<String> problems) {
        super("Invalid Pardot settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One message per problem, in the order the keys are checked; never empty. */
    public List<String> problems() {
        return problems;
    }
}
