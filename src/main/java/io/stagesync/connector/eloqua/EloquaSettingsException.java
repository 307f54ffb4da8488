package io.stagesync.connector.eloqua;

import java.util.List;

/** Invalid Eloqua settings: every problem found, each message naming its key. */
public class EloquaSettingsException extends IllegalArgumentException {
    private final List<String> problems;

    public EloquaSettingsException(List<String> problems) {
        super("Invalid Eloqua settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One message per problem, in the order the keys are checked; never empty. */
    public List<String> problems() {
        return problems;
    }
}
