package io.stagesync.stage;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A handoff condition compiled and type-checked once, at load time.
 *
 * <p>Immutable and safe to evaluate from many threads at once.
 */
public final class CompiledCondition {
    private final String expression;
    private final CelRuntime.Program program;
    private final List<String> fields;

    CompiledCondition(String expression, CelRuntime.Program program, List<String> fields) {
        this.expression = Objects.requireNonNull(expression, "expression");
        this.program = Objects.requireNonNull(program, "program");
        this.fields = List.copyOf(fields);
    }

    /** The source text of the expression. */
    public String expression() {
        return expression;
    }

    /** The declared fields the expression reads, in order of first use. */
    public List<String> fields() {
        return fields;
    }

    /**
     * Evaluates the condition.
     *
     * @param values typed field values (see {@link FieldType#coerce}); absent or null means
     *               "no value", which makes the condition fail unless the expression does not
     *               depend on it (e.g. {@code a || b} with {@code b} true)
     * @return the result, never null; evaluation errors become a non-held result with a detail
     */
    public ConditionResult evaluate(Map<String, Object> values) {
        Map<String, Object> used = new LinkedHashMap<>();
        for (String field : fields) {
            used.put(field, values.get(field));
        }
        Map<String, Object> present = new LinkedHashMap<>(used);
        present.values().removeIf(Objects::isNull);
        try {
            Object result = program.eval(present);
            if (result instanceof Boolean b) {
                return new ConditionResult(b, used, null);
            }
            return new ConditionResult(false, used, missingDetail(used));
        } catch (CelEvaluationException e) {
            return new ConditionResult(false, used, "could not be evaluated: " + e.getMessage());
        }
    }

    private static String missingDetail(Map<String, Object> used) {
        String missing = used.entrySet().stream().filter(e -> e.getValue() == null)
                .map(Map.Entry::getKey).collect(Collectors.joining(", "));
        return missing.isEmpty() ? "did not evaluate to a boolean" : "no value for " + missing;
    }

    @Override
    public String toString() {
        return expression;
    }
}
