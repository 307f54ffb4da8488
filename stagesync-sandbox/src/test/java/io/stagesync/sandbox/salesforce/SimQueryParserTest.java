package io.stagesync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.sandbox.query.SimQuery;
import io.stagesync.sandbox.query.SimQueryExpr;
import io.stagesync.sandbox.query.SimQueryParser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SOQL/SuiteQL subset: the connectors' own query shapes, literals of each dialect, SQL's three-valued logic. */
class SimQueryParserTest {

    private static SimQueryExpr.Context row(Map<String, Object> values) {
        return new SimQueryExpr.Context() {
            @Override
            public Object column(String name) {
                return values.get(name);
            }

            @Override
            public Object call(String function, List<Object> args) {
                throw new UnsupportedOperationException(function);
            }

            @Override
            public int compare(Object a, Object b) {
                return SoqlEngine.compare(a, b);
            }

            @Override
            public boolean equal(Object a, Object b) {
                return SoqlEngine.equal(a, b);
            }
        };
    }

    @Test
    void theSalesforceChangeQueryParsesWithItsDatetimeLiteralAndEscapedId() {
        SimQuery q = SimQueryParser.parse(SimQueryParser.Dialect.SOQL, "SELECT Id, SystemModstamp, Email FROM Lead"
                + " WHERE SystemModstamp > 2026-11-20T10:00:01.000Z OR (SystemModstamp = 2026-11-20T10:00:01.000Z"
                + " AND Id > '00QXX0000000001AAA') ORDER BY SystemModstamp, Id");

        assertThat(q.from()).isEqualTo("Lead");
        assertThat(q.select()).extracting(SimQuery.SelectItem::name).containsExactly("Id", "SystemModstamp", "Email");
        assertThat(q.orderBy()).hasSize(2);
        Instant at = Instant.parse("2026-11-20T10:00:01Z");
        assertThat(q.where().eval(row(Map.of("SystemModstamp", at, "Id", "00QXX0000000002AAA")))).isEqualTo(true);
        assertThat(q.where().eval(row(Map.of("SystemModstamp", at, "Id", "00QXX0000000001AAA")))).isEqualTo(false);
        assertThat(q.where().eval(row(Map.of("SystemModstamp", at.plusMillis(1), "Id", "00Q")))).isEqualTo(true);
    }

    @Test
    void theNetSuiteChangeQueryParsesWithItsFunctionsAndAlias() {
        SimQuery q = SimQueryParser.parse(SimQueryParser.Dialect.SUITEQL, "SELECT id, title, TO_CHAR(lastmodifieddate,"
                + " 'YYYY-MM-DD HH24:MI:SS') AS modstamp FROM transaction WHERE type = 'Opprtnty' AND (lastmodifieddate >"
                + " TO_TIMESTAMP('2026-11-20 10:00:00', 'YYYY-MM-DD HH24:MI:SS') OR (lastmodifieddate ="
                + " TO_TIMESTAMP('2026-11-20 10:00:00', 'YYYY-MM-DD HH24:MI:SS') AND id > 57)) ORDER BY lastmodifieddate, id");

        assertThat(q.select()).extracting(SimQuery.SelectItem::name).containsExactly("id", "title", "modstamp");
        assertThat(q.select().get(2).expr()).isInstanceOf(SimQueryExpr.Call.class);
        assertThat(q.columns()).contains("type", "lastmodifieddate", "id");
    }

    @Test
    void stringLiteralsFollowEachDialectsEscapes() {
        SimQuery soql = SimQueryParser.parse(SimQueryParser.Dialect.SOQL, "SELECT Id FROM Account WHERE Name = 'O\\'Brien'");
        SimQuery suiteQl = SimQueryParser.parse(SimQueryParser.Dialect.SUITEQL,
                "SELECT id FROM customer WHERE companyname = 'O''Brien'");

        assertThat(((SimQueryExpr.Compare) soql.where()).right()).isEqualTo(new SimQueryExpr.Literal("O'Brien"));
        assertThat(((SimQueryExpr.Compare) suiteQl.where()).right()).isEqualTo(new SimQueryExpr.Literal("O'Brien"));
    }

    @Test
    void aComparisonWithAMissingValueIsUnknownSoNeitherItNorItsNegationSelectsTheRow() {
        SimQuery q = SimQueryParser.parse(SimQueryParser.Dialect.SOQL,
                "SELECT Id FROM Lead WHERE NOT (Lead_Score__c > 50) LIMIT 10 OFFSET 2");
        Map<String, Object> noScore = new HashMap<>();
        noScore.put("Lead_Score__c", null);

        assertThat(q.where().eval(row(noScore))).isNull();
        assertThat(q.where().eval(row(Map.of("Lead_Score__c", new BigDecimal("10"))))).isEqualTo(true);
        assertThat(q.limit()).isEqualTo(10);
        assertThat(q.offset()).isEqualTo(2);
    }

    @Test
    void textThatIsNotAQueryOfTheSubsetSaysWhereItGoesWrong() {
        assertThatThrownBy(() -> SimQueryParser.parse(SimQueryParser.Dialect.SOQL, "SELECT Id FORM Lead"))
                .isInstanceOf(SimQueryParser.MalformedQueryException.class).hasMessageContaining("FROM");
        assertThatThrownBy(() -> SimQueryParser.parse(SimQueryParser.Dialect.SOQL, "SELECT Id FROM Lead WHERE Name = 'x"))
                .hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> SimQueryParser.parse(SimQueryParser.Dialect.SUITEQL, "SELECT id FROM customer;"))
                .hasMessageContaining("unexpected character ';'");
    }
}
