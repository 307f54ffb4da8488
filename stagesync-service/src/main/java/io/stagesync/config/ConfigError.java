package io.stagesync.config;

import java.util.Objects;

/**
 * One configuration mistake, located precisely enough for an admin to fix it.
 *
 * @param file    the file, as the admin named it (e.g. {@code config/stage-model.yaml})
 * @param line    the 1-based line, or 0 when the mistake has no single line
 * @param entry   the entry at fault (e.g. {@code transitions[2] MQL->SAL}), or empty
 * @param message what is wrong, non-blank
 */
public record ConfigError(String file, int line, String entry, String message) {
    public ConfigError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: entry: message}, the format editors and CI logs link to. */
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return entry.isEmpty() ? where + ": " + message : where + ": " + entry + ": " + message;
    }
}
