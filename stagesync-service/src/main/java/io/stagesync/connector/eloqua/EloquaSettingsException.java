package io.stagesync.connector.eloqua;

import io.stagesync.settings.SettingProblem;
import java.util.List;

/** Invalid Eloqua settings: every problem found, each with the key at fault as data. */
public class EloquaSettingsException extends IllegalArgumentException {
    private final List<SettingProblem> problems;

    /** @param problems at least one, in the order the keys are checked */
    public EloquaSettingsException(List<SettingProblem> problems) {
        super("Invalid Eloqua settings: " + String.join("; ", problems.stream().map(SettingProblem::text).toList()));
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
