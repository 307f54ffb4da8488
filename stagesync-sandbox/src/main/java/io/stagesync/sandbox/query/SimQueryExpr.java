package io.stagesync.sandbox.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An expression of a parsed query, evaluated against one row through a {@link Context} that the simulator of
 * each dialect supplies (column values, functions, comparison rules). Predicates answer {@link Boolean#TRUE},
 * {@link Boolean#FALSE} or null (SQL's "unknown", e.g. a comparison with a null), and {@code AND}/{@code OR}/
 * {@code NOT} follow SQL's three-valued logic; a row is selected only when its filter is TRUE.
 */
public sealed interface SimQueryExpr {

    /** What evaluation needs from the simulator. */
    interface Context {
        /** The value of a column of the current row (null when the row has none). */
        Object column(String name);

        /** The result of a function call with evaluated arguments. */
        Object call(String function, List<Object> args);

        /** Orders two non-null values. */
        int compare(Object a, Object b);

        /** Whether two non-null values are equal under the dialect's rules. */
        boolean equal(Object a, Object b);
    }

    Object eval(Context context);

    /** Adds the column names this expression reads to {@code out}. */
    void collectColumns(List<String> out);

    /** A column (field) reference. */
    record Column(String name) implements SimQueryExpr {
        @Override
        public Object eval(Context context) {
            return context.column(name);
        }

        @Override
        public void collectColumns(List<String> out) {
            out.add(name);
        }
    }

    /** A literal: String, BigDecimal, Boolean, null, or a date/time value of the dialect. */
    record Literal(Object value) implements SimQueryExpr {
        @Override
        public Object eval(Context context) {
            return value;
        }

        @Override
        public void collectColumns(List<String> out) {
        }
    }

    /** A function call such as {@code TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS')}. */
    record Call(String function, List<SimQueryExpr> args) implements SimQueryExpr {
        @Override
        public Object eval(Context context) {
            List<Object> values = new ArrayList<>(args.size());
            args.forEach(a -> values.add(a.eval(context)));
            return context.call(function, values);
        }

        @Override
        public void collectColumns(List<String> out) {
            args.forEach(a -> a.collectColumns(out));
        }
    }

    /** {@code left op right} with op one of {@code = != <> < <= > >=}. */
    record Compare(String op, SimQueryExpr left, SimQueryExpr right) implements SimQueryExpr {
        @Override
        public Object eval(Context context) {
            Object a = left.eval(context);
            Object b = right.eval(context);
            if (a == null || b == null) {
                // SOQL compares with null as a value (Field = null); SQL leaves it unknown
                return switch (op) {
                    case "=" -> a == null && b == null ? Boolean.TRUE : null;
                    case "!=", "<>" -> a == null && b == null ? Boolean.FALSE : null;
                    default -> null;
                };
            }
            return switch (op) {
                case "=" -> context.equal(a, b);
                case "!=", "<>" -> !context.equal(a, b);
                case "<" -> context.compare(a, b) < 0;
                case "<=" -> context.compare(a, b) <= 0;
                case ">" -> context.compare(a, b) > 0;
                case ">=" -> context.compare(a, b) >= 0;
                default -> throw new IllegalStateException("unknown operator " + op);
            };
        }

        @Override
        public void collectColumns(List<String> out) {
            left.collectColumns(out);
            right.collectColumns(out);
        }
    }

    /** {@code a AND b}. */
    record And(SimQueryExpr left, SimQueryExpr right) implements SimQueryExpr {
        @Override
        public Object eval(Context context) {
            Object a = left.eval(context);
            if (Boolean.FALSE.equals(a)) {
                return Boolean.FALSE;
            }
            Object b = right.eval(context);
            if (Boolean.FALSE.equals(b)) {
                return Boolean.FALSE;
            }
            return Boolean.TRUE.equals(a) && Boolean.TRUE.equals(b) ? Boolean.TRUE : null;
        }

        @Override
        public void collectColumns(List<String> out) {
            left.collectColumns(out);
            right.collectColumns(out);
        }
    }

    /** {@code a OR b}. */
    record Or(SimQueryExpr left, SimQueryExpr right) implements SimQueryExpr {
        @Override
        public Object eval(Context context) {
            Object a = left.eval(context);
            if (Boolean.TRUE.equals(a)) {
                return Boolean.TRUE;
            }
            Object b = right.eval(context);
            if (Boolean.TRUE.equals(b)) {
                return Boolean.TRUE;
            }
            return Boolean.FALSE.equals(a) && Boolean.FALSE.equals(b) ? Boolean.FALSE : null;
        }

        @Override
        public void collectColumns(List<String> out) {
            left.collectColumns(out);
            right.collectColumns(out);
        }
    }

    /** {@code NOT a}. */
    record Not(SimQueryExpr operand) implements SimQueryExpr {
        @Override
        public Object eval(Context context) {
            Object a = operand.eval(context);
            return a == null ? null : !Boolean.TRUE.equals(a);
        }

        @Override
        public void collectColumns(List<String> out) {
            operand.collectColumns(out);
        }
    }

    /** {@code a IS [NOT] NULL}. */
    record IsNull(SimQueryExpr operand, boolean negated) implements SimQueryExpr {
        @Override
        public Object eval(Context context) {
            return (operand.eval(context) == null) != negated;
        }

        @Override
        public void collectColumns(List<String> out) {
            operand.collectColumns(out);
        }
    }

    /** {@code a [NOT] IN (v, …)}. */
    record In(SimQueryExpr operand, List<SimQueryExpr> values, boolean negated) implements SimQueryExpr {
        @Override
        public Object eval(Context context) {
            Object a = operand.eval(context);
            if (a == null) {
                return null;
            }
            for (SimQueryExpr value : values) {
                Object b = value.eval(context);
                if (b != null && context.equal(a, b)) {
                    return !negated;
                }
            }
            return negated;
        }

        @Override
        public void collectColumns(List<String> out) {
            operand.collectColumns(out);
            values.forEach(v -> v.collectColumns(out));
        }
    }

    /** {@code a [NOT] LIKE 'pattern'} with {@code %} and {@code _} wildcards, case-insensitive. */
    record Like(SimQueryExpr operand, SimQueryExpr pattern, boolean negated) implements SimQueryExpr {
        @Override
        public Object eval(Context context) {
            Object a = operand.eval(context);
            Object p = pattern.eval(context);
            if (a == null || p == null) {
                return null;
            }
            StringBuilder regex = new StringBuilder();
            for (char c : p.toString().toCharArray()) {
                switch (c) {
                    case '%' -> regex.append(".*");
                    case '_' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            boolean matches = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
                    .matcher(a.toString()).matches();
            return matches != negated;
        }

        @Override
        public void collectColumns(List<String> out) {
            operand.collectColumns(out);
            pattern.collectColumns(out);
        }
    }
}
