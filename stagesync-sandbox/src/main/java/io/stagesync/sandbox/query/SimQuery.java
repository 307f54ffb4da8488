package io.stagesync.sandbox.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code SELECT … FROM … [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n]} of the SOQL or SuiteQL subset
 * the simulators answer (see {@link SimQueryParser}). Immutable.
 *
 * @param select  the selected expressions in order, at least one
 * @param from    the object (SOQL) or table (SuiteQL) name as written
 * @param where   the filter, or null for all rows
 * @param orderBy the sort keys in order, possibly empty (then rows come in the order the simulator keeps them)
 * @param limit   at most this many rows, or null
 * @param offset  rows to skip, or null
 */
public record SimQuery(List<SelectItem> select, String from, SimQueryExpr where, List<OrderItem> orderBy, Integer limit,
                Integer offset) {

    public SimQuery {
        select = List.copyOf(select);
        orderBy = List.copyOf(orderBy);
    }

    /** One selected expression and the name it is returned under (its alias, else its text). */
    public record SelectItem(SimQueryExpr expr, String name) {
    }

    /**
     * One sort key.
     *
     * @param nullsFirst null for the dialect's default
     */
    public record OrderItem(SimQueryExpr expr, boolean descending, Boolean nullsFirst) {
    }

    /** Every column name the query refers to (select, where, order by), in order of appearance. */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        select.forEach(s -> s.expr().collectColumns(out));
        if (where != null) {
            where.collectColumns(out);
        }
        orderBy.forEach(o -> o.expr().collectColumns(out));
        return out;
    }
}
