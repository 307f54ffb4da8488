package io.stagesync.sandbox.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which rows a filter can select at most, read from its shape, so a simulator can look them up in an index instead
 * of evaluating the filter on every row of the table. It is a superset: the simulator still evaluates the whole
 * filter on each candidate, so a hint only ever saves work and never changes an answer.
 *
 * <p>Recognised, with {@code v} any expression without columns (a literal, or a call on literals such as
 * {@code TO_TIMESTAMP('…', '…')}): {@code key = v} and {@code key IN (v, …)} give {@link Keys};
 * {@code stamp > v}, {@code stamp >= v} and {@code stamp = v} (either side) give {@link AtLeast}. {@code a AND b}
 * takes a hint of either side (keys first); {@code a OR b} keeps a hint only when both sides give one of the same
 * kind (the union: all keys, the lowest bound). Anything else, or a constant that evaluates to null or fails, is
 * {@link All}.
 *
 * <p>One difference from evaluating every row remains, by choice: a filter that fails on some row (a simulator
 * error such as text compared with a number) fails only when such a row is among the candidates. The vendors reject
 * such queries before reading any row; the simulators' row-by-row failure was never part of their contract.
 */
public sealed interface SimQueryCandidates {

    /** Every row may match. */
    record All() implements SimQueryCandidates {
    }

    /** Only rows whose key column equals one of these values (non-null, in the order written) may match. */
    record Keys(List<Object> values) implements SimQueryCandidates {
        public Keys {
            values = List.copyOf(values);
        }
    }

    /** Only rows whose stamp column is at least the lowest of these values (non-null) may match. */
    record AtLeast(List<Object> bounds) implements SimQueryCandidates {
        public AtLeast {
            bounds = List.copyOf(bounds);
        }
    }

    /**
     * @param where     the filter, null for none
     * @param keyColumn the column a keyed index holds (case-insensitive), or null
     * @param stamp     the column a stamp-ordered index holds (case-insensitive), or null
     * @param constant  evaluates a column-free expression as the dialect does (it may throw the dialect's error)
     */
    static SimQueryCandidates of(SimQueryExpr where, String keyColumn, String stamp,
                                 Function<SimQueryExpr, Object> constant) {
        if (where == null) {
            return new All();
        }
        if (where instanceof SimQueryExpr.And and) {
            SimQueryCandidates left = of(and.left(), keyColumn, stamp, constant);
            SimQueryCandidates right = of(and.right(), keyColumn, stamp, constant);
            return left instanceof Keys || right instanceof All ? left : right;
        }
        if (where instanceof SimQueryExpr.Or or) {
            return union(of(or.left(), keyColumn, stamp, constant), of(or.right(), keyColumn, stamp, constant));
        }
        if (where instanceof SimQueryExpr.Compare compare) {
            return compared(compare, keyColumn, stamp, constant);
        }
        if (where instanceof SimQueryExpr.In in && !in.negated() && named(in.operand(), keyColumn)) {
            List<Object> values = new ArrayList<>();
            for (SimQueryExpr value : in.values()) {
                Object v = constantOrNull(value, constant);
                if (v == null) {
                    return new All();
                }
                values.add(v);
            }
            return new Keys(values);
        }
        return new All();
    }

    private static SimQueryCandidates union(SimQueryCandidates left, SimQueryCandidates right) {
        if (left instanceof Keys a && right instanceof Keys b) {
            List<Object> values = new ArrayList<>(a.values());
            values.addAll(b.values());
            return new Keys(values);
        }
        if (left instanceof AtLeast a && right instanceof AtLeast b) {
            List<Object> bounds = new ArrayList<>(a.bounds());
            bounds.addAll(b.bounds());
            return new AtLeast(bounds);
        }
        return new All();
    }

    private static SimQueryCandidates compared(SimQueryExpr.Compare compare, String keyColumn, String stamp,
                                               Function<SimQueryExpr, Object> constant) {
        SimQueryExpr column;
        SimQueryExpr other;
        String op = compare.op();
        if (compare.left() instanceof SimQueryExpr.Column) {
            column = compare.left();
            other = compare.right();
        } else if (compare.right() instanceof SimQueryExpr.Column) {
            column = compare.right();
            other = compare.left();
            op = switch (op) {
                case "<" -> ">";
                case "<=" -> ">=";
                case ">" -> "<";
                case ">=" -> "<=";
                default -> op;
            };
        } else {
            return new All();
        }
        boolean key = op.equals("=") && named(column, keyColumn);
        boolean since = (op.equals("=") || op.equals(">") || op.equals(">=")) && named(column, stamp);
        if (!key && !since) {
            return new All();
        }
        Object value = constantOrNull(other, constant);
        if (value == null) {
            return new All();
        }
        return key ? new Keys(List.of(value)) : new AtLeast(List.of(value));
    }

    private static boolean named(SimQueryExpr expr, String name) {
        return name != null && expr instanceof SimQueryExpr.Column c && c.name().equalsIgnoreCase(name);
    }

    /** The value of a column-free expression, or null when it reads a column or evaluates to null. */
    private static Object constantOrNull(SimQueryExpr expr, Function<SimQueryExpr, Object> constant) {
        List<String> columns = new ArrayList<>();
        expr.collectColumns(columns);
        if (!columns.isEmpty()) {
            return null;
        }
        try {
            return constant.apply(expr);
        } catch (RuntimeException e) {
            // a constant the filter may never evaluate (short-circuit, empty table) must not fail the query here
            return null;
        }
    }
}
