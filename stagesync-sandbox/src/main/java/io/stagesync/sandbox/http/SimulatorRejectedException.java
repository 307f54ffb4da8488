package io.stagesync.sandbox.http;

import java.util.List;

/**
 * A simulator refused a record written through its Java API, for the reasons the vendor's API would give
 * (e.g. {@code REQUIRED_FIELD_MISSING: Required fields are missing: [LastName]}); nothing was changed.
 */
public final class SimulatorRejectedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> codes;

    /**
     * @param codes   the vendor error codes, at least one
     * @param message the vendor's messages joined into one
     */
    public SimulatorRejectedException(List<String> codes, String message) {
        super(message);
        this.codes = List.copyOf(codes);
    }

    /** The vendor error codes, in the order the vendor would list them. */
    public List<String> codes() {
        return codes;
    }
}
