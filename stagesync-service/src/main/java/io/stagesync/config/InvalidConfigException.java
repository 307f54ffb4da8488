package io.stagesync.config;

import java.util.List;
import java.util.stream.Collectors;

/** Configuration that failed validation; carries every error found, not just the first. */
public final class InvalidConfigException extends RuntimeException {
    private final List<ConfigError> errors;

    public InvalidConfigException(List<ConfigError> errors) {
        super(errors.size() + " configuration error(s):\n" + errors.stream().map(ConfigError::toString)
                .collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid configuration has at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** Every error, in file order. */
    public List<ConfigError> errors() {
        return errors;
    }
}
