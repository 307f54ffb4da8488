package io.stagesync.sandbox.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hints a filter's shape gives: only ever a superset of the rows it selects. */
class SimQueryCandidatesTest {
    private static SimQueryCandidates hint(String where) {
        SimQuery q = SimQueryParser.parse(SimQueryParser.Dialect.SOQL, "SELECT Id FROM Lead WHERE " + where);
        return SimQueryCandidates.of(q.where(), "Id", "SystemModstamp", e -> e.eval(null));
    }

    @Test
    void theChangeReadersPositionGivesTheLowerOfItsTwoBounds() {
        assertThat(hint("SystemModstamp > 2026-11-20T10:00:01.000Z OR (SystemModstamp = 2026-11-20T10:00:01.000Z"
                + " AND Id > '00Q000000000001AAA')"))
                .isEqualTo(new SimQueryCandidates.AtLeast(List.of(Instant.parse("2026-11-20T10:00:01Z"),
                        Instant.parse("2026-11-20T10:00:01Z"))));
        assertThat(hint("Company = 'Acme' AND SystemModstamp >= 2026-11-20T10:00:01.000Z"))
                .isEqualTo(new SimQueryCandidates.AtLeast(List.of(Instant.parse("2026-11-20T10:00:01Z"))));
        assertThat(hint("2026-11-20T10:00:01.000Z < SystemModstamp"))
                .isEqualTo(new SimQueryCandidates.AtLeast(List.of(Instant.parse("2026-11-20T10:00:01Z"))));
    }

    @Test
    void anIdOrIdListGivesKeysAndWinsOverABoundInAConjunction() {
        assertThat(hint("Id = '00Q000000000001AAA'")).isEqualTo(new SimQueryCandidates.Keys(List.of("00Q000000000001AAA")));
        assertThat(hint("Id IN ('a', 'b') AND SystemModstamp > 2026-11-20T10:00:01.000Z"))
                .isEqualTo(new SimQueryCandidates.Keys(List.of("a", "b")));
        assertThat(hint("Id = 'a' OR Id = 'b'")).isEqualTo(new SimQueryCandidates.Keys(List.of("a", "b")));
    }

    @Test
    void whatCouldSelectAnyRowGivesNoHint() {
        assertThat(hint("SystemModstamp < 2026-11-20T10:00:01.000Z")).isInstanceOf(SimQueryCandidates.All.class);
        assertThat(hint("Id != 'a'")).isInstanceOf(SimQueryCandidates.All.class);
        assertThat(hint("Id NOT IN ('a')")).isInstanceOf(SimQueryCandidates.All.class);
        assertThat(hint("NOT (Id = 'a')")).isInstanceOf(SimQueryCandidates.All.class);
        assertThat(hint("Id = 'a' OR Company = 'Acme'")).isInstanceOf(SimQueryCandidates.All.class);
        assertThat(hint("Id = 'a' OR SystemModstamp > 2026-11-20T10:00:01.000Z"))
                .isInstanceOf(SimQueryCandidates.All.class);
        assertThat(hint("Id = null")).isInstanceOf(SimQueryCandidates.All.class);
        assertThat(hint("Id = Company")).isInstanceOf(SimQueryCandidates.All.class);
    }

    @Test
    void aConstantIsEvaluatedThroughTheDialectAndOneThatFailsGivesNoHint() {
        SimQueryExpr.Context upper = new SimQueryExpr.Context() {
            @Override
            public Object column(String name) {
                throw new AssertionError("a constant reads no column");
            }

            @Override
            public Object call(String function, List<Object> args) {
                if (!function.equals("UPPER")) {
                    throw new IllegalArgumentException("no function " + function);
                }
                return args.get(0).toString().toUpperCase(java.util.Locale.ROOT);
            }

            @Override
            public int compare(Object a, Object b) {
                return a.toString().compareTo(b.toString());
            }

            @Override
            public boolean equal(Object a, Object b) {
                return a.equals(b);
            }
        };
        SimQuery upperKey = SimQueryParser.parse(SimQueryParser.Dialect.SUITEQL,
                "SELECT id FROM customer WHERE id = UPPER('a7')");
        SimQuery failing = SimQueryParser.parse(SimQueryParser.Dialect.SUITEQL,
                "SELECT id FROM customer WHERE 1 = 1 OR id = LOWER('A7')");
        SimQuery failingKey = SimQueryParser.parse(SimQueryParser.Dialect.SUITEQL,
                "SELECT id FROM customer WHERE id = LOWER('A7')");

        assertThat(SimQueryCandidates.of(upperKey.where(), "id", "lastmodifieddate", e -> e.eval(upper)))
                .isEqualTo(new SimQueryCandidates.Keys(List.of("A7")));
        assertThat(SimQueryCandidates.of(failing.where(), "id", "lastmodifieddate", e -> e.eval(upper)))
                .isInstanceOf(SimQueryCandidates.All.class);
        assertThat(SimQueryCandidates.of(failingKey.where(), "id", "lastmodifieddate", e -> e.eval(upper)))
                .isInstanceOf(SimQueryCandidates.All.class);
    }

    @Test
    void aQuotedTextIsABoundOnlyWhereTheDialectSaysSo() {
        assertThat(hint("'2026-03-01T10:00:00Z' < SystemModstamp"))
                .isEqualTo(new SimQueryCandidates.AtLeast(List.of("2026-03-01T10:00:00Z")));
    }
}
