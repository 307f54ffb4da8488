package io.stagesync.connector.spi;

import io.stagesync.settings.SettingProblem;
import java.util.List;

/** A connector's settings are invalid: every problem found, each with the key at fault as data. */
public final class InvalidSettingsException extends RuntimeException {
    private final List<SettingProblem> problems;

    /** @param problems at least one; none echoes a secret */
    public InvalidSettingsException(List<SettingProblem> problems) {
        super(String.join("; ", requireSome(problems).stream().map(SettingProblem::text).toList()));
        this.problems = List.copyOf(problems);
    }

    private static List<SettingProblem> requireSome(List<SettingProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid settings exception needs at least one problem");
        }
        return problems;
    }

    /** The problems, in the order found. */
    public List<SettingProblem> problems() {
        return problems;
    }
}
