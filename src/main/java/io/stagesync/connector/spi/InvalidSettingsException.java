package io.stagesync.connector.spi;

import java.util.List;

/** A connector's settings are invalid: every problem found, each starting with the key at fault. */
public final class InvalidSettingsException extends RuntimeException {
    private final List<String> problems;

    /** @param problems at least one; each message starts with the key at fault and echoes no secret */
    public InvalidSettingsException(List<String> problems) {
        super(String.join("; ", requireSome(problems)));
        this.problems = List.copyOf(problems);
    }

    private static List<String> requireSome(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid settings exception needs at least one problem");
        }
        return problems;
    }

    /** The problems, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
