package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The admin API of the real application (camel-main, routes/admin.yaml, platform-http on Vert.x) over a
 * seeded H2 store ({@link AdminSeed}): the token rule, each endpoint's JSON, and its 400s and 404s.
 * These tests only read, so they share one running application.
 */
class AdminApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> PROTECTED = List.of("/api/connectors", "/api/violations", "/api/dead-letters",
            "/api/records/rec-1/history", "/api/kpis", "/metrics");

    @TempDir
    static Path dir;
    static AdminTestBed bed;
    static AdminSeed seed;

    @BeforeAll
    static void start() throws Exception {
        bed = AdminTestBed.withToken(dir);
        seed = AdminSeed.into(bed.store());
        bed.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        return JSON.readTree(response.body());
    }

    static JsonNode ok(String pathAndQuery) throws Exception {
        HttpResponse<String> response = bed.get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
        return json(response);
    }

    static JsonNode error(String pathAndQuery, int status) throws Exception {
        HttpResponse<String> response = bed.get(pathAndQuery);
        assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        return body;
    }

    // --- the token rule -----------------------------------------------------------------------------

    @Test
    void healthNeedsNoTokenAndTellsUpOrDownAndWhatThisInstanceIsNoMore() throws Exception {
        HttpResponse<String> response = bed.get("/api/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(fieldNames(json(response))).containsExactly("status", "store", "instance");
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\",\"store\":\"UP\","
                + "\"instance\":{\"mode\":\"single\",\"queue\":\"memory\"}}");
    }

    @Test
    void everyOtherEndpointAnswers401WithoutATokenWithAWrongOneAndAsAQueryParameter() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String path : PROTECTED) {
            check(failures, path, "none", bed.get(path, null), "missing bearer token");
            check(failures, path, "wrong", bed.get(path, AdminTestBed.TOKEN + "x"), "invalid bearer token");
            check(failures, path, "prefix", bed.get(path, AdminTestBed.TOKEN.substring(0, 10)), "invalid bearer token");
            check(failures, path, "in query", bed.get(path + (path.contains("?") ? "&" : "?")
                    + "Authorization=Bearer%20" + AdminTestBed.TOKEN, null), "missing bearer token");
            check(failures, path, "basic", bed.send(HttpRequest.newBuilder(bed.uri(path))
                    .header("Authorization", "Basic YWRtaW46YWRtaW4="), null), "missing bearer token");
        }
        HttpResponse<String> replay = bed.post("/api/dead-letters/" + seed.first.id() + "/replay", null);
        check(failures, "replay", "none", replay, "missing bearer token");
        assertThat(failures).isEmpty();
    }

    private static void check(List<String> failures, String path, String how, HttpResponse<String> response,
                              String message) throws Exception {
        if (response.statusCode() != 401 || !response.body().contains(message)
                || !"Bearer realm=\"stagesync\"".equals(response.headers().firstValue("www-authenticate").orElse(""))
                || JSON.readTree(response.body()).get("status").asInt() != 401) {
            failures.add(path + " with token " + how + ": " + response.statusCode() + " " + response.body());
        }
    }

    @Test
    void theRightTokenOpensEveryEndpoint() throws Exception {
        for (String path : PROTECTED) {
            assertThat(bed.get(path).statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> lowerCaseScheme = bed.send(HttpRequest.newBuilder(bed.uri("/api/connectors"))
                .header("Authorization", "bearer " + AdminTestBed.TOKEN), null);
        assertThat(lowerCaseScheme.statusCode()).isEqualTo(200);
    }

    @Test
    void noCorsHeadersAndNoEchoOfRequestHeaders() throws Exception {
        HttpResponse<String> response = bed.send(HttpRequest.newBuilder(bed.uri("/api/connectors?"))
                .header("Origin", "https://evil.example").header("X-Probe", "echo-me"), AdminTestBed.TOKEN);
        HttpResponse<String> preflight = bed.send(HttpRequest.newBuilder(bed.uri("/api/connectors"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET"), null);
        for (HttpResponse<String> r : List.of(response, preflight)) {
            assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
            assertThat(r.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("authorization")
                    || h.equalsIgnoreCase("x-probe") || h.equalsIgnoreCase("origin"));
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(preflight.statusCode()).isNotEqualTo(200);
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
    }

    // --- GET /api/connectors -------------------------------------------------------------------------

    @Test
    void connectorsListEverySystemWithWatermarksAndLag() throws Exception {
        JsonNode body = ok("/api/connectors");
        assertThat(fieldNames(body)).containsExactly("now", "connectors");
        JsonNode connectors = body.get("connectors");
        assertThat(connectors).hasSize(2);
        // no connector is configured here, so the systems come from the watermarks, ordered by name
        assertThat(connectors.get(0).get("system").asText()).isEqualTo("netsuite");
        JsonNode salesforce = connectors.get(1);
        assertThat(fieldNames(salesforce)).containsExactly("system", "configured", "lastSuccessfulPoll", "lastError",
                "breaker", "apiQuota", "heldWrites", "objects");
        assertThat(salesforce.get("system").asText()).isEqualTo("salesforce");
        assertThat(salesforce.get("heldWrites").asInt()).isZero();
        assertThat(salesforce.get("configured").asBoolean()).isFalse(); // no connector runs in this test
        assertThat(salesforce.get("breaker").isNull()).isTrue();
        assertThat(salesforce.get("apiQuota").get("available").asBoolean()).isFalse();
        JsonNode contact = salesforce.get("objects").get(0);
        assertThat(contact.get("objectType").asText()).isEqualTo("Contact");
        assertThat(contact.get("watermark").asText()).isEqualTo("2025-03-07T09:00:00Z");
        assertThat(contact.get("lastId").asText()).isEqualTo("003XX0000001");
        // lag = now - watermark: more than the days since 2025-03-07 at 09:00
        double expectedLag = java.time.Duration.between(java.time.Instant.parse("2025-03-07T09:00:00Z"),
                java.time.Instant.parse(body.get("now").asText())).toMillis() / 1000.0;
        assertThat(contact.get("lagSeconds").asDouble()).isEqualTo(expectedLag);
    }

    @Test
    void connectorsCountTheWritesHeldForASystemFailingAsAWhole() throws Exception {
        bed.store().outbox().hold("netsuite", "customer", "c-1", "externalId", "001XX0000000001AAA",
                "netsuite upsert customer failed with HTTP 503");
        bed.store().outbox().hold("netsuite", "customer", "c-2", "externalId", "001XX0000000002AAA",
                "netsuite upsert customer failed with HTTP 503");

        JsonNode netsuite = ok("/api/connectors").get("connectors").get(0);

        assertThat(netsuite.get("system").asText()).isEqualTo("netsuite");
        assertThat(netsuite.get("heldWrites").asInt()).isEqualTo(2);
    }

    // --- GET /api/violations -------------------------------------------------------------------------

    @Test
    void violationsAreTheRefusedMovesOldestFirst() throws Exception {
        JsonNode body = ok("/api/violations");
        assertThat(fieldNames(body)).containsExactly("count", "truncated", "violations");
        assertThat(body.get("count").asInt()).isEqualTo(2);
        assertThat(body.get("truncated").asBoolean()).isFalse();
        JsonNode first = body.get("violations").get(0);
        assertThat(fieldNames(first)).containsExactly("id", "canonicalId", "entityType", "from", "to", "outcome",
                "policy", "sourceSystem", "path", "rules", "reasons", "occurredAt");
        assertThat(first.get("canonicalId").asText()).isEqualTo("rec-1");
        assertThat(first.get("outcome").asText()).isEqualTo("REFUSED_VIOLATED");
        assertThat(first.get("rules").get(0).asText()).isEqualTo("sal-owner");
        assertThat(first.get("occurredAt").asText()).isEqualTo("2025-03-07T09:00:00Z");
        assertThat(body.get("violations").get(1).get("outcome").asText()).isEqualTo("REFUSED_NOT_ALLOWED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "rule=sal-owner, rec-1, 1",
            "system=netsuite, rec-2, 1",
            "stage=SAL, rec-1, 1",
            "since=2025-03-08, rec-2, 1",
            "until=2025-03-08T00:00:00Z, rec-1, 1",
            "limit=1, rec-1, 1",
            "rule=sal-own, -, 0"
    })
    void violationFilters(String query, String firstRecord, int count) throws Exception {
        JsonNode body = ok("/api/violations?" + query);
        assertThat(body.get("count").asInt()).isEqualTo(count);
        if (count > 0) {
            assertThat(body.get("violations").get(0).get("canonicalId").asText()).isEqualTo(firstRecord);
        }
        assertThat(body.get("truncated").asBoolean()).isEqualTo(query.equals("limit=1"));
    }

    @Test
    void violationsNewestFirstKeepTheNewestUnderTheLimit() throws Exception {
        JsonNode newest = ok("/api/violations?order=newest");
        assertThat(newest.get("violations")).extracting(v -> v.get("canonicalId").asText())
                .containsExactly("rec-2", "rec-1");
        JsonNode limited = ok("/api/violations?order=NEWEST&limit=1");
        assertThat(limited.get("violations")).extracting(v -> v.get("occurredAt").asText())
                .containsExactly("2025-03-08T09:00:00Z");
        assertThat(limited.get("truncated").asBoolean()).isTrue();
        assertThat(ok("/api/violations?order=oldest").get("violations").get(0).get("canonicalId").asText())
                .isEqualTo("rec-1");
        assertThat(error("/api/violations?order=latest", 400).get("error").asText())
                .contains("parameter 'order' must be one of newest, oldest, got 'latest'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/violations?stage=MQX | stage | unknown stage 'MQX'",
            "/api/violations?limit=0 | limit | from 1 to 10000",
            "/api/violations?limit=ten | limit | got 'ten'",
            "/api/violations?since=yesterday | since | must be a date",
            "/api/violations?since=2025-03-08&until=2025-03-01 | until | must be after since",
            "/api/violations?stages=SAL | stages | unknown parameter 'stages'",
            "/api/violations?rule=a&rule=b | rule | more than once",
            "/api/dead-letters?status=lost | status | must be one of discarded, open, replaying, resolved",
            "/api/dead-letters?limit=1001 | limit | from 1 to 1000",
            "/api/kpis?period=decade | period | must be one of week, month, quarter, year",
            "/api/kpis?to=2025-04-01 | from | 'to' needs 'from'",
            "/api/kpis?from=2025-04-01&to=2025-03-01 | to | must be after 'from'",
            "/api/kpis?entity=lead | entity | must be one of person, account, deal",
            "/api/connectors?verbose=true | verbose | this endpoint takes none"
    })
    void badParametersAre400sNamingTheParameter(String pathAndQuery, String parameter, String message) throws Exception {
        JsonNode body = error(pathAndQuery, 400);
        assertThat(body.get("parameter").asText()).isEqualTo(parameter);
        assertThat(body.get("error").asText()).contains(message);
    }

    // --- dead letters -------------------------------------------------------------------------------

    @Test
    void deadLettersNewestFirstWithCountsPerStatus() throws Exception {
        JsonNode body = ok("/api/dead-letters");
        assertThat(fieldNames(body)).containsExactly("counts", "count", "deadLetters");
        assertThat(body.get("counts").get("OPEN").asLong()).isEqualTo(2);
        assertThat(body.get("counts").get("DISCARDED").asLong()).isEqualTo(1);
        assertThat(body.get("count").asInt()).isEqualTo(3);
        JsonNode newest = body.get("deadLetters").get(0);
        assertThat(fieldNames(newest)).containsExactly("id", "status", "system", "objectType", "externalId", "error",
                "attempts", "createdAt", "updatedAt", "payload", "resolution");
        assertThat(newest.get("id").asLong()).isEqualTo(seed.discarded.id());

        JsonNode open = ok("/api/dead-letters?status=open&limit=1");
        assertThat(open.get("count").asInt()).isEqualTo(1);
        JsonNode letter = open.get("deadLetters").get(0);
        assertThat(letter.get("id").asLong()).isEqualTo(seed.second.id());
        assertThat(letter.get("status").asText()).isEqualTo("OPEN");
        assertThat(letter.get("externalId").isNull()).isTrue();
        assertThat(letter.get("payload").asText()).isEqualTo("{\"id\":\"812\"}");
        assertThat(letter.get("error").asText()).contains("ambiguous match");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"999999, 404, no dead letter with id 999999", "abc, 400, positive whole number", "-3, 400, got '-3'"})
    void replayOfAnUnknownOrBadIdIs404Or400(String id, int status, String message) throws Exception {
        HttpResponse<String> response = bed.post("/api/dead-letters/" + id + "/replay", AdminTestBed.TOKEN);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response).get("error").asText()).contains(message);
    }

    @Test
    void replayIsAPostOnly() throws Exception {
        assertThat(bed.get("/api/dead-letters/" + seed.first.id() + "/replay").statusCode()).isEqualTo(405);
        assertThat(bed.post("/api/health", null).statusCode()).isEqualTo(405);
    }

    // --- record history -----------------------------------------------------------------------------

    @Test
    void aRecordsHistoryIsItsLinksAndEveryDecision() throws Exception {
        JsonNode body = ok("/api/records/rec-1/history");
        assertThat(fieldNames(body)).containsExactly("canonicalId", "entityType", "stage", "updatedAt", "links",
                "history");
        assertThat(body.get("stage").asText()).isEqualTo("MQL");
        assertThat(body.get("entityType").asText()).isEqualTo("person");
        assertThat(body.get("links")).hasSize(2);
        assertThat(body.get("links").get(0).get("system").asText()).isEqualTo("netsuite");
        assertThat(body.get("links").get(0).get("externalId").asText()).isEqualTo("4711");
        assertThat(body.get("links").get(1).get("objectType").asText()).isEqualTo("Contact");
        List<String> moves = new ArrayList<>();
        body.get("history").forEach(e -> moves.add(e.get("from").asText() + "->" + e.get("to").asText() + " "
                + e.get("outcome").asText()));
        assertThat(moves).containsExactly("null->LEAD ACCEPTED", "LEAD->MQL ACCEPTED", "MQL->SAL REFUSED_VIOLATED");
    }

    @Test
    void aRecordKnownOnlyFromItsHistoryIsFoundAndAnUnknownOneIs404() throws Exception {
        JsonNode rec2 = ok("/api/records/rec-2/history");
        assertThat(rec2.get("stage").isNull()).isTrue();
        assertThat(rec2.get("links")).isEmpty();
        assertThat(rec2.get("history")).hasSize(2);
        JsonNode missing = error("/api/records/no-such-record/history", 404);
        assertThat(missing.get("error").asText()).isEqualTo("no record with canonical id no-such-record");
    }

    // --- KPIs ---------------------------------------------------------------------------------------

    @Test
    void kpisOfMarch2025() throws Exception {
        JsonNode body = ok("/api/kpis?period=month&from=2025-03-01&to=2025-04-01");
        assertThat(fieldNames(body)).containsExactly("from", "to", "asOf", "entityType", "teams", "handoffs",
                "bottleneck", "violations", "recycled", "renewal", "campaignRoi", "historyEntriesRead", "funnel",
                "timeInStage");
        assertThat(body.get("from").asText()).isEqualTo("2025-03-01T00:00:00Z");
        assertThat(body.get("historyEntriesRead").asInt()).isEqualTo(5);
        JsonNode marketing = body.get("teams").get(0);
        // LEAD: rec-1 and rec-2 first seen; rec-1 left for MQL; rec-2 is still there
        JsonNode lead = marketing.get("stages").get(0);
        assertThat(lead.get("stage").asText()).isEqualTo("LEAD");
        assertThat(lead.get("entries").asLong()).isEqualTo(2);
        assertThat(lead.get("firstSeen").asLong()).isEqualTo(2);
        assertThat(lead.get("exits").asLong()).isEqualTo(1);
        assertThat(lead.get("countNow").asLong()).isEqualTo(1);
        // MQL entries 1 against min 400/month
        JsonNode mqlTarget = marketing.get("targets").get(0);
        assertThat(mqlTarget.get("metric").asText()).isEqualTo("entries");
        assertThat(mqlTarget.get("actual").asDouble()).isEqualTo(1.0);
        assertThat(mqlTarget.get("expected").asDouble()).isEqualTo(400.0);
        assertThat(mqlTarget.get("status").asText()).isEqualTo("MISSED");
        // MQL→SAL: rec-1 entered MQL, was held → 0/1, the only measured conversion, so the bottleneck
        JsonNode mqlSal = body.get("handoffs").get(0);
        assertThat(mqlSal.get("entered").asLong()).isEqualTo(1);
        assertThat(mqlSal.get("rate").asDouble()).isEqualTo(0.0);
        assertThat(body.get("bottleneck").get("from").asText()).isEqualTo("MQL");
        assertThat(body.get("bottleneck").get("attainment").asDouble()).isEqualTo(0.0);
        assertThat(body.get("violations").get("total").asLong()).isEqualTo(2);
        assertThat(body.get("violations").get("notAllowed").asLong()).isEqualTo(1);
        assertThat(body.get("violations").get("byRule").get("sal-owner").asLong()).isEqualTo(1);
        // the shipped model declares renewals; the seed has no deal, so there is no rate
        assertThat(body.get("renewal").get("measurable").asBoolean()).isTrue();
        assertThat(body.get("renewal").get("rate").isNull()).isTrue();
        // no deal was won and no campaign cost is stored (CampaignRoiKpiTest has both)
        assertThat(body.get("campaignRoi").get("available").asBoolean()).isTrue();
        assertThat(body.get("campaignRoi").get("wonDeals").asInt()).isZero();
        assertThat(body.get("campaignRoi").get("campaigns")).isEmpty();
        assertThat(body.get("campaignRoi").get("note").asText()).startsWith("no campaign costs stored yet");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"period=quarter&from=2025-01-01", "from=2025-03-01T00:00:00Z&to=2025-03-10T00:00:00Z"})
    void kpiPeriodsFromParameters(String query) throws Exception {
        JsonNode body = ok("/api/kpis?" + query);
        if (query.startsWith("period=quarter")) {
            assertThat(body.get("to").asText()).isEqualTo("2025-04-01T00:00:00Z");
        } else {
            assertThat(body.get("to").asText()).isEqualTo("2025-03-10T00:00:00Z");
        }
        assertThat(body.get("violations").get("total").asLong()).isEqualTo(2);
    }

    @Test
    void kpisDefaultToTheCurrentMonth() throws Exception {
        JsonNode body = ok("/api/kpis");
        java.time.Instant asOf = java.time.Instant.parse(body.get("asOf").asText());
        java.time.Instant from = java.time.Instant.parse(body.get("from").asText());
        assertThat(from).isEqualTo(asOf.atZone(java.time.ZoneOffset.UTC).toLocalDate().withDayOfMonth(1)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        assertThat(body.get("violations").get("total").asLong()).isZero(); // the seed is in 2025
    }

    @Test
    void kpisForOneEntityType() throws Exception {
        JsonNode body = ok("/api/kpis?from=2025-03-01&to=2025-04-01&entity=deal");
        assertThat(body.get("entityType").asText()).isEqualTo("deal");
        assertThat(body.get("violations").get("total").asLong()).isZero();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
