package io.stagesync.stage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the sync does with a stage move the gate refused. */
public enum ViolationPolicy {
    /** Do not propagate the move; record the violation and show it. */
    HOLD,
    /** Write the canonical (last accepted) stage back to the system the move came from. */
    REVERT,
    /** Propagate the move anyway, but record the violation. */
    FLAG;

    /** The config spelling, e.g. {@code "hold"}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the config spelling (case-insensitive); empty for anything else. */
    public static Optional<ViolationPolicy> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(p -> p.configName().equalsIgnoreCase(text.trim())).findFirst();
    }
}
