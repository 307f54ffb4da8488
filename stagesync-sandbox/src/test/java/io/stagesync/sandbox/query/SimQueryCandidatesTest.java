package io.stagesync.sandbox.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
    void aConstantIsEvaluatedThroughTheDialect() {
        SimQuery q = SimQueryParser.parse(SimQueryParser.Dialect.SUITEQL,
                "SELECT id FROM customer WHERE id = UPPER('7')");
        SimQueryCandidates hint = SimQueryCandidates.of(q.where(), "id", "lastmodifieddate", e -> new BigDecimal(7));
        assertThat(hint).isEqualTo(new SimQueryCandidates.Keys(List.of(new BigDecimal(7))));
    }
}
