package io.stagesync.settings;

import java.util.List;

/**
 * A system's settings are invalid: every problem found, each with the key at fault as data, thrown by each
 * connector's settings reader ({@code PardotSettings.from} and the like) with the system's name.
 */
public class SettingsException extends IllegalArgumentException {
    private final List<SettingProblem> problems;

    /**
     * @param system   the system's display name, e.g. {@code Pardot}
     * @param problems at least one, in the order the keys are checked; none echoes a secret
     */
    public SettingsException(String system, List<SettingProblem> problems) {
        super("Invalid " + system + " settings: "
                + String.join("; ", problems.stream().map(SettingProblem::text).toList()));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per problem ({@code "KEY MESSAGE"}), in the order the keys are checked; never empty. */
    public List<String> problems() {
        return problems.stream().map(SettingProblem::text).toList();
    }

    /** The problems with their keys, in the order the keys are checked; never empty. */
    public List<SettingProblem> settingProblems() {
        return problems;
    }
}
