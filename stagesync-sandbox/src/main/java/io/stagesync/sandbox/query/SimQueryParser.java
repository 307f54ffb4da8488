package io.stagesync.sandbox.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the subset of SOQL and SuiteQL the simulators answer:
 * <pre>
 * SELECT expr [[AS] alias], … FROM name [WHERE condition] [ORDER BY expr [ASC|DESC] [NULLS FIRST|LAST], …]
 *     [LIMIT n] [OFFSET n]
 * condition: condition OR condition | condition AND condition | NOT condition | ( condition )
 *     | expr op expr | expr IS [NOT] NULL | expr [NOT] IN (expr, …) | expr [NOT] LIKE expr
 * expr: name | literal | name(expr, …)
 * </pre>
 * Literals: strings in single quotes (SOQL escapes with a backslash, SuiteQL doubles the quote), numbers,
 * {@code TRUE}/{@code FALSE}/{@code NULL}, and in SOQL the unquoted date ({@code 2026-01-02}) and datetime
 * ({@code 2026-01-02T03:04:05.000Z} or with an offset) literals, read as {@link LocalDate} and {@link Instant}.
 * No joins, sub-queries, aggregates or arithmetic. Stateless and thread-safe.
 */
public final class SimQueryParser {

    /** Which language's lexical rules apply. */
    public enum Dialect { SOQL, SUITEQL }

    /** The text is not a query of the supported subset; the message says where and why. */
    public static final class MalformedQueryException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedQueryException(String message) {
            super(message);
        }
    }

    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "ORDER", "BY",
            "ASC", "DESC", "LIMIT", "OFFSET", "AS", "NULL", "TRUE", "FALSE", "IN", "LIKE", "IS", "NULLS", "FIRST", "LAST");
    private static final Pattern SOQL_DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern SOQL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?![T\\d])");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final DateTimeFormatter SOQL_DATETIME_FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd().toFormatter(Locale.ROOT);

    private enum Kind { NAME, STRING, NUMBER, DATETIME, DATE, SYMBOL, END }

    private record Token(Kind kind, String text, Object value, int at) {
        boolean is(String word) {
            return (kind == Kind.NAME || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
        }
    }

    private final Dialect dialect;
    private final String text;
    private final List<Token> tokens;
    private int next;

    private SimQueryParser(Dialect dialect, String text) {
        this.dialect = dialect;
        this.text = text;
        this.tokens = lex();
    }

    /**
     * @throws MalformedQueryException when the text is not a query of the subset
     */
    public static SimQuery parse(Dialect dialect, String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedQueryException("the query is empty");
        }
        return new SimQueryParser(dialect, text).query();
    }

    private SimQuery query() {
        expect("SELECT");
        List<SimQuery.SelectItem> select = new ArrayList<>();
        do {
            int start = peek().at();
            SimQueryExpr expr = operand();
            String name = text.substring(start, peek().at()).trim();
            if (accept("AS")) {
                name = name();
            } else if (peek().kind() == Kind.NAME && !isReserved(peek())) {
                name = name();
            }
            select.add(new SimQuery.SelectItem(expr, name));
        } while (accept(","));
        expect("FROM");
        String from = name();
        SimQueryExpr where = accept("WHERE") ? condition() : null;
        List<SimQuery.OrderItem> orderBy = new ArrayList<>();
        if (accept("ORDER")) {
            expect("BY");
            do {
                SimQueryExpr expr = operand();
                boolean descending = accept("DESC");
                if (!descending) {
                    accept("ASC");
                }
                Boolean nullsFirst = null;
                if (accept("NULLS")) {
                    nullsFirst = accept("FIRST");
                    if (!nullsFirst) {
                        expect("LAST");
                    }
                }
                orderBy.add(new SimQuery.OrderItem(expr, descending, nullsFirst));
            } while (accept(","));
        }
        Integer limit = accept("LIMIT") ? count() : null;
        Integer offset = accept("OFFSET") ? count() : null;
        if (peek().kind() != Kind.END) {
            throw unexpected(peek());
        }
        return new SimQuery(select, from, where, orderBy, limit, offset);
    }

    private SimQueryExpr condition() {
        SimQueryExpr left = conjunction();
        while (accept("OR")) {
            left = new SimQueryExpr.Or(left, conjunction());
        }
        return left;
    }

    private SimQueryExpr conjunction() {
        SimQueryExpr left = negation();
        while (accept("AND")) {
            left = new SimQueryExpr.And(left, negation());
        }
        return left;
    }

    private SimQueryExpr negation() {
        if (accept("NOT")) {
            return new SimQueryExpr.Not(negation());
        }
        if (accept("(")) {
            SimQueryExpr inner = condition();
            expect(")");
            return inner;
        }
        return predicate();
    }

    private SimQueryExpr predicate() {
        SimQueryExpr left = operand();
        Token t = peek();
        if (t.kind() == Kind.SYMBOL && Set.of("=", "!=", "<>", "<", "<=", ">", ">=").contains(t.text())) {
            next++;
            return new SimQueryExpr.Compare(t.text(), left, operand());
        }
        if (accept("IS")) {
            boolean negated = accept("NOT");
            expect("NULL");
            return new SimQueryExpr.IsNull(left, negated);
        }
        boolean negated = accept("NOT");
        if (accept("IN")) {
            expect("(");
            List<SimQueryExpr> values = new ArrayList<>();
            do {
                values.add(operand());
            } while (accept(","));
            expect(")");
            return new SimQueryExpr.In(left, values, negated);
        }
        if (accept("LIKE")) {
            return new SimQueryExpr.Like(left, operand(), negated);
        }
        throw unexpected(peek());
    }

    private SimQueryExpr operand() {
        Token t = peek();
        switch (t.kind()) {
            case STRING, NUMBER, DATETIME, DATE -> {
                next++;
                return new SimQueryExpr.Literal(t.value());
            }
            case NAME -> {
                if (t.is("NULL") || t.is("TRUE") || t.is("FALSE")) {
                    next++;
                    return new SimQueryExpr.Literal(t.is("NULL") ? null : Boolean.valueOf(t.is("TRUE")));
                }
                if (isReserved(t)) {
                    throw unexpected(t);
                }
                next++;
                if (accept("(")) {
                    List<SimQueryExpr> args = new ArrayList<>();
                    if (!accept(")")) {
                        do {
                            args.add(operand());
                        } while (accept(","));
                        expect(")");
                    }
                    return new SimQueryExpr.Call(t.text().toUpperCase(Locale.ROOT), args);
                }
                return new SimQueryExpr.Column(t.text());
            }
            default -> throw unexpected(t);
        }
    }

    private String name() {
        Token t = peek();
        if (t.kind() != Kind.NAME || isReserved(t)) {
            throw unexpected(t);
        }
        next++;
        return t.text();
    }

    private int count() {
        Token t = peek();
        if (t.kind() != Kind.NUMBER || !t.text().matches("\\d+")) {
            throw unexpected(t);
        }
        next++;
        return Integer.parseInt(t.text());
    }

    private static boolean isReserved(Token t) {
        return t.kind() == Kind.NAME && RESERVED.contains(t.text().toUpperCase(Locale.ROOT));
    }

    private Token peek() {
        return tokens.get(next);
    }

    private boolean accept(String word) {
        if (peek().is(word)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String word) {
        if (!accept(word)) {
            throw new MalformedQueryException("expected " + word + " at position " + peek().at() + " but found "
                    + describe(peek()));
        }
    }

    private MalformedQueryException unexpected(Token t) {
        return new MalformedQueryException("unexpected token: " + describe(t) + " at position " + t.at());
    }

    private static String describe(Token t) {
        return t.kind() == Kind.END ? "end of query" : "'" + t.text() + "'";
    }

    private List<Token> lex() {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                i = string(i, out);
            } else if (Character.isDigit(c) || c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                i = numberOrDate(i, out);
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                        || text.charAt(end) == '.')) {
                    end++;
                }
                out.add(new Token(Kind.NAME, text.substring(i, end), null, i));
                i = end;
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (Set.of("<=", ">=", "!=", "<>").contains(two)) {
                    out.add(new Token(Kind.SYMBOL, two, null, i));
                    i += 2;
                } else if ("=<>(),*".indexOf(c) >= 0) {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(c), null, i));
                    i++;
                } else {
                    throw new MalformedQueryException("unexpected character '" + c + "' at position " + i);
                }
            }
        }
        out.add(new Token(Kind.END, "", null, text.length()));
        return out;
    }

    private int string(int start, List<Token> out) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'') {
                if (dialect == Dialect.SUITEQL && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                out.add(new Token(Kind.STRING, text.substring(start, i + 1), value.toString(), start));
                return i + 1;
            }
            if (c == '\\' && dialect == Dialect.SOQL) {
                if (i + 1 >= text.length()) {
                    break;
                }
                char e = text.charAt(i + 1);
                switch (e) {
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case '\\', '\'', '"', '_', '%' -> value.append(e);
                    default -> throw new MalformedQueryException("invalid escape sequence \\" + e + " at position " + i);
                }
                i += 2;
                continue;
            }
            value.append(c);
            i++;
        }
        throw new MalformedQueryException("unterminated string literal at position " + start);
    }

    private int numberOrDate(int start, List<Token> out) {
        String rest = text.substring(start);
        if (dialect == Dialect.SOQL) {
            Matcher datetime = SOQL_DATETIME.matcher(rest);
            if (datetime.lookingAt()) {
                String literal = datetime.group();
                try {
                    Instant at = OffsetDateTime.parse(literal, SOQL_DATETIME_FORMAT).toInstant();
                    out.add(new Token(Kind.DATETIME, literal, at, start));
                } catch (DateTimeParseException e) {
                    throw new MalformedQueryException("invalid datetime literal " + literal + " at position " + start);
                }
                return start + literal.length();
            }
            Matcher date = SOQL_DATE.matcher(rest);
            if (date.lookingAt()) {
                String literal = date.group();
                try {
                    out.add(new Token(Kind.DATE, literal, LocalDate.parse(literal), start));
                } catch (DateTimeParseException e) {
                    throw new MalformedQueryException("invalid date literal " + literal + " at position " + start);
                }
                return start + literal.length();
            }
        }
        Matcher number = NUMBER.matcher(rest);
        if (!number.lookingAt()) {
            throw new MalformedQueryException("unexpected character at position " + start);
        }
        String literal = number.group();
        out.add(new Token(Kind.NUMBER, literal, new BigDecimal(literal), start));
        return start + literal.length();
    }
}
