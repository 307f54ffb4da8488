package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.store.StoreSettings;
import io.stagesync.testing.KpiRecomputation;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every team KPI the admin API serves can be traced to the records and stage history entries it is made of: for each
 * KPI of {@link TeamKpiSeed}, {@code /api/kpis} and {@code /api/kpis/{kpi}/entries} agree, and both agree with a
 * recomputation from the raw {@code stage_history} and {@code canonical_record} rows read with SQL
 * ({@link KpiRecomputation}) and with the values computed by hand; {@code /api/kpis/trend} serves the same values.
 */
class KpiTraceRecomputationTest {
    @TempDir
    static Path dir;
    static AdminTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = AdminTestBed.withToken(dir);
        TeamKpiSeed.into(bed.store());
        bed.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @Test
    void eachTeamKpiEqualsItsRecomputationFromTheRawRowsAndItsTraceListsExactlyTheRecordsAndEntries() throws Exception {
        JsonNode kpis = ok("/api/kpis?" + TeamKpiSeed.MARCH);
        Instant asOf = Instant.parse(kpis.get("asOf").asText());
        StoreSettings db = bed.store().settings();
        Map<String, KpiRecomputation.Kpi> recomputed = KpiRecomputation.compute(
                KpiRecomputation.rows(db.jdbcUrl(), db.username(), db.password()),
                KpiRecomputation.deals(db.jdbcUrl(), db.username(), db.password()),
                Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-04-01T00:00:00Z"), asOf);
        Map<String, JsonNode> served = teamKpis(kpis);
        assertThat(served.keySet()).containsExactlyElementsOf(TeamKpiSeed.expected().keySet());

        for (Map.Entry<String, Double> expected : TeamKpiSeed.expected().entrySet()) {
            String name = expected.getKey();
            JsonNode kpi = served.get(name);
            assertThat(kpi.get("value").asDouble()).as(name + " by hand").isCloseTo(expected.getValue(), within(1e-9));
            assertThat(kpi.get("value").asDouble()).as(name + " recomputed from the rows")
                    .isCloseTo(recomputed.get(name).value(), within(1e-9));

            JsonNode trace = ok(kpi.get("entries").asText());
            assertThat(trace.get("kpi").asText()).isEqualTo(name);
            assertThat(trace.get("value").asDouble()).as(name + " traced").isCloseTo(expected.getValue(), within(1e-9));
            assertThat(KpiTraces.records(trace)).as(name + " records").isEqualTo(recomputed.get(name).records());
            Map<Long, JsonNode> entries = new HashMap<>();
            trace.get("entries").forEach(e -> entries.put(e.get("id").asLong(), e));
            for (JsonNode record : trace.get("records")) {
                for (JsonNode id : record.get("entryIds")) {
                    assertThat(entries).as(name + ": entry " + id + " listed").containsKey(id.asLong());
                    assertThat(entries.get(id.asLong()).get("canonicalId").asText())
                            .isEqualTo(record.get("canonicalId").asText());
                }
            }
        }
    }

    @Test
    void theTraceOfADealKpiCarriesTheDealsAmountsCloseDatesAndKinds() throws Exception {
        JsonNode renewal = ok("/api/kpis/renewal-rate/entries?" + TeamKpiSeed.MARCH);
        assertThat(renewal.get("team").asText()).isEqualTo("CUSTOMER_SUCCESS");
        assertThat(renewal.get("parts").toString()).isEqualTo("{\"won\":1,\"lost\":1,\"due\":1,\"closedOrDue\":3}");
        List<String> deals = new ArrayList<>();
        renewal.get("deals").forEach(d -> deals.add(d.get("canonicalId").asText() + " " + d.get("renewal").asBoolean()
                + " " + d.get("closeDate").asText()));
        assertThat(deals).containsExactlyInAnyOrder("D2 true null", "D5 true null", "D6 true 2025-03-20T00:00:00Z");
        JsonNode amount = ok("/api/kpis/won-amount/entries?" + TeamKpiSeed.MARCH + "&team=FIELD_SALES");
        assertThat(amount.get("parts").get("wonAmount").decimalValue()).isEqualByComparingTo("4500");
    }

    @Test
    void theTrendServesTheSameValuesAsEachMonthsKpis() throws Exception {
        JsonNode trend = ok("/api/kpis/trend?period=month&count=3&at=2025-03-15");
        assertThat(trend.get("periods")).extracting(p -> p.get("from").asText()).containsExactly(
                "2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            JsonNode month = ok("/api/kpis?period=month&from=" + trend.get("periods").get(i).get("from").asText());
            Map<String, JsonNode> served = teamKpis(month);
            for (JsonNode team : trend.get("teams")) {
                for (JsonNode kpi : team.get("kpis")) {
                    JsonNode value = kpi.get("values").get(i);
                    JsonNode same = served.get(kpi.get("kpi").asText());
                    assertThat(same.get("team").asText()).isEqualTo(team.get("team").asText());
                    assertThat(value.isNull() ? null : value.asDouble()).as(kpi.get("kpi").asText() + " month " + i)
                            .isEqualTo(same.get("value").isNull() ? null : same.get("value").asDouble());
                }
            }
        }
        JsonNode february = teamKpis(ok("/api/kpis?period=month&from=2025-02-01")).get("churn");
        assertThat(february.get("value").asDouble()).as("A5 churned 02-15").isEqualTo(1.0);
    }

    @Test
    void aKpiTheApiDoesNotKnowOrAWrongTeamIsSaidPlainly() throws Exception {
        HttpResponse<String> unknown = bed.get("/api/kpis/conversions/entries");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(AdminApiTest.JSON.readTree(unknown.body()).get("error").asText())
                .startsWith("no KPI 'conversions'; the team KPIs are: leads-created, mqls, mql-to-sal");
        HttpResponse<String> team = bed.get("/api/kpis/wins/entries?" + TeamKpiSeed.MARCH + "&team=MARKETING");
        assertThat(team.statusCode()).isEqualTo(400);
        assertThat(AdminApiTest.JSON.readTree(team.body()).get("error").asText())
                .isEqualTo("KPI 'wins' belongs to team FIELD_SALES, not 'MARKETING'");
        HttpResponse<String> quarter = bed.get("/api/kpis/trend?period=quarter");
        assertThat(quarter.statusCode()).isEqualTo(400);
        assertThat(AdminApiTest.JSON.readTree(quarter.body()).get("parameter").asText()).isEqualTo("period");
        assertThat(bed.get("/api/kpis/trend", null).statusCode()).as("no token").isEqualTo(401);
        assertThat(bed.get("/api/kpis/wins/entries", null).statusCode()).as("no token").isEqualTo(401);
    }

    static Map<String, JsonNode> teamKpis(JsonNode kpis) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        for (JsonNode team : kpis.get("teams")) {
            for (JsonNode kpi : team.get("kpis")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) kpi).put("team", team.get("team").asText());
                out.put(kpi.get("kpi").asText(), kpi);
            }
        }
        return out;
    }

    private static JsonNode ok(String pathAndQuery) throws Exception {
        HttpResponse<String> response = bed.get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
        return AdminApiTest.JSON.readTree(response.body());
    }
}
