package io.stagesync.stage;

import java.util.List;

/** A record whose values do not fit the declared field types; lists every problem. */
public final class InvalidRecordException extends RuntimeException {
    private final List<String> problems;

    public InvalidRecordException(List<String> problems) {
        super("invalid record: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each naming the field. */
    public List<String> problems() {
        return problems;
    }
}
