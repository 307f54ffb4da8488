package io.stagesync.connector.pardot;

import io.stagesync.settings.SettingProblem;
import java.util.List;

/** Invalid Pardot settings: every problem found, each with the key at fault as data. */
public class PardotSettingsException extends IllegalArgumentException {
    private final List<SettingProblem> problems;

    /** @param problems at least one, in the order the keys are checked */
    public PardotSettingsException(List<SettingProblem> problems) {
        super("Invalid Pardot settings: " + String.join("; ", problems.stream().map(SettingProblem::text).toList()));
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
