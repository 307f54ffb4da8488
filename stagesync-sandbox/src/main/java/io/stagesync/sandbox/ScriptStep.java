package io.stagesync.sandbox;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One change of the sandbox story, as a user of one system would make it.
 *
 * @param description what happens, for the log ("Pardot: Dana Kettering downloads the pricing guide ...")
 * @param action      makes the change and returns true; returns false when what it acts on is not there yet
 *                    (e.g. the Salesforce Lead the handoff will create), so the player tries again next tick
 */
public record ScriptStep(String description, BooleanSupplier action) {
    public ScriptStep {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(action, "action");
    }
}
