package io.stagesync.stage;

import java.util.Objects;

/**
 * Why a handoff condition did not compile.
 *
 * @param kind    what kind of mistake it is
 * @param message a human-readable explanation naming what is wrong (and the column), non-null
 */
public record ConditionProblem(Kind kind, String message) {
    /** The kinds of compile-time mistake, each reported differently to the admin. */
    public enum Kind {
        /** The text is not a valid CEL expression. */
        SYNTAX,
        /** The expression is valid CEL but its types do not fit (or it is not boolean). */
        TYPE,
        /** The expression uses a field that {@code fields:} does not declare. */
        UNDECLARED_FIELD
    }

    public ConditionProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
