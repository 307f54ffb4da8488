package io.stagesync.cli;

/** The CLI's exit codes, as documented in docs/command-line.md. */
public final class ExitCodes {
    /** Success; for {@code gate}: the move is accepted. */
    public static final int OK = 0;
    /** Bad input or invalid configuration (a clear message, no stack trace). */
    public static final int INVALID = 1;
    /** Wrong command-line usage (picocli's convention). */
    public static final int USAGE = 2;
    /** {@code gate}: the move is refused (not allowed, or a handoff rule failed). */
    public static final int REFUSED = 3;
    /** {@code replay}: at least one dead letter failed again and stays OPEN. */
    public static final int NOT_RESOLVED = 4;
    /** {@code reconcile}: a system shows another stage than the canonical one for at least one record (drift). */
    public static final int DRIFT = 5;

    private ExitCodes() {
    }
}
