package io.stagesync.sandbox.pardot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link PardotSimulator}'s own contract, over plain HTTP and its Java API: campaign queries,
 * the v5 error codes for bad auth, headers and queries, and change stamping.
 */
class PardotSimulatorApiTest {
    static final Instant T0 = Instant.parse("2024-05-01T14:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    final HttpClient http = HttpClient.newHttpClient();
    PardotSimulator pardot;
    String token;

    @BeforeEach
    void start() {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        pardot = PardotSimulator.start(PardotSimulator.Options.defaults().withClock(clock));
        token = post(PardotSimulator.TOKEN_PATH, "application/x-www-form-urlencoded",
                "grant_type=password&client_id=sandbox-pardot-app&client_secret=sandbox-pardot-secret"
                        + "&username=marketing.sync%40example.com&password=sandbox-pardot-password")
                .body().get("access_token").asText();
    }

    @AfterEach
    void stop() {
        pardot.close();
    }

    @Test
    void campaignsArePagedWithTheirCost() {
        pardot.addCampaign("Spring webinar", 1500);
        pardot.addCampaign("Trade show", 12000);
        pardot.addCampaign("Newsletter", null);

        Reply first = get(PardotSimulator.CAMPAIGNS + "?fields=id,name,cost&limit=2&orderBy=id", true);
        Reply second = get(PardotSimulator.CAMPAIGNS + "?fields=id,name,cost&nextPageToken="
                + first.body().get("nextPageToken").asText(), true);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("values")).hasSize(2);
        assertThat(first.body().get("values").get(0).toString())
                .isEqualTo("{\"id\":5001,\"name\":\"Spring webinar\",\"cost\":1500}");
        assertThat(first.body().get("nextPageUrl").asText()).startsWith(pardot.baseUrl() + PardotSimulator.CAMPAIGNS
                + "?nextPageToken=");
        assertThat(second.body().get("values")).hasSize(1);
        assertThat(second.body().get("values").get(0).get("cost").isNull()).isTrue();
        assertThat(second.body().get("nextPageToken").isNull()).isTrue();
    }

    @Test
    void aProspectComesBackWithItsCampaignAsANestedRelationshipAndItsZoneOffset() {
        long campaign = pardot.addCampaign("Spring webinar", 1500);
        long id = pardot.createProspect(Map.of("email", "ada@example.com", "campaignId", campaign));

        Reply reply = get(PardotSimulator.PROSPECTS + "/" + id + "?fields=id,email,campaign.name,updatedAt", true);

        assertThat(reply.body().toString()).isEqualTo("{\"id\":" + id + ",\"email\":\"ada@example.com\","
                + "\"campaign\":{\"name\":\"Spring webinar\"},\"updatedAt\":\"2024-05-01T10:00:01-04:00\"}");
    }

    @Test
    void badAuthAndBusinessUnitHeadersGetTheirV5Codes() {
        assertThat(send("GET", PardotSimulator.PROSPECTS + "?fields=id", null, "0UvSB00000000010AA", null).code())
                .isEqualTo(184);
        assertThat(send("GET", PardotSimulator.PROSPECTS + "?fields=id", "not-issued", "0UvSB00000000010AA", null).status())
                .isEqualTo(401);
        assertThat(send("GET", PardotSimulator.PROSPECTS + "?fields=id", token, null, null).code()).isEqualTo(181);
        assertThat(send("GET", PardotSimulator.PROSPECTS + "?fields=id", token, "BU-1", null).code()).isEqualTo(182);
        assertThat(send("GET", PardotSimulator.PROSPECTS + "?fields=id", token, "0UvSB0000000002AAA", null).code())
                .isEqualTo(201);
    }

    @Test
    void badQueriesGetTheirV5Codes() {
        pardot.createProspect(Map.of("email", "a@example.com"));
        pardot.createProspect(Map.of("email", "b@example.com"));
        String token1 = get(PardotSimulator.PROSPECTS + "?fields=id&limit=1", true).body().get("nextPageToken").asText();

        assertThat(get(PardotSimulator.PROSPECTS, true).code()).isEqualTo(13);
        assertThat(get(PardotSimulator.PROSPECTS + "?fields=id,shoeSize", true).code()).isEqualTo(180);
        assertThat(get(PardotSimulator.PROSPECTS + "?fields=id&limit=1001", true).code()).isEqualTo(23);
        assertThat(get(PardotSimulator.PROSPECTS + "?fields=id&orderBy=grade", true).code()).isEqualTo(19);
        assertThat(get(PardotSimulator.PROSPECTS + "?fields=id&updatedAtAfter=yesterday", true).code()).isEqualTo(7);
        assertThat(get(PardotSimulator.PROSPECTS + "?fields=id&idGreaterThan=1&updatedAtAfter=2024-01-01T00:00:00Z"
                + "&createdAtBefore=2030-01-01T00:00:00Z&email=a@example.com", true).code()).isEqualTo(209);
        assertThat(get(PardotSimulator.PROSPECTS + "?fields=id&limit=1&nextPageToken=" + token1, true).code())
                .isEqualTo(13);
        assertThat(get(PardotSimulator.PROSPECTS + "?fields=id&nextPageToken=forged", true).code()).isEqualTo(211);
    }

    @Test
    void aPageTokenExpiresAfterFourHours() {
        pardot.createProspect(Map.of("email", "a@example.com"));
        pardot.createProspect(Map.of("email", "b@example.com"));
        String pageToken = get(PardotSimulator.PROSPECTS + "?fields=id&limit=1", true).body().get("nextPageToken").asText();

        now.set(T0.plus(Duration.ofHours(4)).plusSeconds(1));

        assertThat(get(PardotSimulator.PROSPECTS + "?fields=id&nextPageToken=" + pageToken, true).code()).isEqualTo(210);
    }

    @Test
    void aPageTokenContinuesAfterItsLastRowEvenWhenRowsChangeInBetween() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(pardot.createProspect(Map.of("email", "p" + i + "@example.com")));
        }
        Reply first = get(PardotSimulator.PROSPECTS + "?fields=id&limit=2&orderBy=updatedAt", true);

        pardot.updateProspect(ids.get(0), Map.of("score", 5));
        List<String> rest = new ArrayList<>();
        JsonNode page = first.body();
        while (!page.get("nextPageToken").isNull()) {
            page = get(PardotSimulator.PROSPECTS + "?fields=id&nextPageToken=" + page.get("nextPageToken").asText(), true)
                    .body();
            rest.addAll(page.get("values").findValuesAsText("id"));
        }

        assertThat(first.body().get("values").findValuesAsText("id"))
                .containsExactly(ids.get(0).toString(), ids.get(1).toString());
        assertThat(rest).as("the edited row moved behind the cursor; nothing shifted or repeated")
                .containsExactly(ids.get(2).toString(), ids.get(3).toString(), ids.get(0).toString());
    }

    @Test
    void writesWithBadBodiesGetTheirV5Codes() {
        long id = pardot.createProspect(Map.of("email", "a@example.com"));
        String path = PardotSimulator.PROSPECTS + "/" + id + "?fields=id";

        assertThat(send("PATCH", path, token, "0UvSB00000000010AA", "{not json").code()).isEqualTo(150);
        assertThat(send("PATCH", path, token, "0UvSB00000000010AA", "{\"updatedAt\": \"2024-01-01T00:00:00Z\"}").code())
                .isEqualTo(180);
        assertThat(send("PATCH", path, token, "0UvSB00000000010AA", "{\"salesforceLeadId\": \"00Q1\"}").code())
                .as("set by the Salesforce connector only").isEqualTo(180);
        assertThat(send("PATCH", path, token, "0UvSB00000000010AA", "{\"score\": \"lots\"}").code()).isEqualTo(154);
        assertThat(send("PATCH", path, token, "0UvSB00000000010AA", "{\"grade\": \"Z\"}").code()).isEqualTo(154);
        assertThat(send("PATCH", path, token, "0UvSB00000000010AA", "{\"campaignId\": 77}").code()).isEqualTo(38);
        assertThat(send("POST", PardotSimulator.PROSPECTS + "/do/upsertLatestByEmail", token, "0UvSB00000000010AA",
                "{\"prospect\": {}}").code()).isEqualTo(153);
        assertThat(pardot.prospect(id).orElseThrow().fields()).containsOnlyKeys("email");
    }

    @Test
    void changeTimesAreStrictlyIncreasingWholeSecondsAndOnlyRealChangesMoveThem() {
        long a = pardot.createProspect(Map.of("email", "a@example.com", "score", 1));
        long b = pardot.createProspect(Map.of("email", "b@example.com"));
        PardotProspect unchanged = pardot.updateProspect(a, Map.of("score", 1));
        PardotProspect changed = pardot.updateProspect(a, Map.of("score", 2));

        assertThat(pardot.prospect(a).orElseThrow().createdAt()).isEqualTo(T0);
        assertThat(pardot.prospect(b).orElseThrow().createdAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(unchanged.updatedAt()).isEqualTo(T0);
        assertThat(changed.updatedAt()).isEqualTo(T0.plusSeconds(2));
        now.set(T0.plusSeconds(60));
        assertThat(pardot.updateProspect(b, Map.of("score", 9)).updatedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void theJavaApiRefusesWhatV5Refuses() {
        assertThatThrownBy(() -> pardot.createProspect(Map.of("firstName", "No Email")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email");
        assertThatThrownBy(() -> pardot.createProspect(Map.of("email", "a@example.com", "shoeSize", "44")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shoeSize");
        assertThatThrownBy(() -> pardot.updateProspect(424242, Map.of("score", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("424242");
        assertThat(pardot.prospects()).isEmpty();
    }

    @Test
    void javaCallsFromSeveralThreadsWhileTheApiServesLoseNothing() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Callable<Integer>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            work.add(() -> {
                for (int i = 0; i < 50; i++) {
                    pardot.createProspect(Map.of("email", "t" + thread + "p" + i + "@example.com"));
                }
                return get(PardotSimulator.PROSPECTS + "?fields=id&limit=1000", true).status();
            });
        }
        List<Future<Integer>> done = threads.invokeAll(work);
        threads.shutdown();

        for (Future<Integer> status : done) {
            assertThat(status.get()).isEqualTo(200);
        }
        assertThat(pardot.prospects()).hasSize(200);
        assertThat(pardot.prospects()).extracting(PardotProspect::updatedAt).doesNotHaveDuplicates();
        assertThat(get(PardotSimulator.PROSPECTS + "?fields=id&limit=1000", true).body().get("values")).hasSize(200);
    }

    @Test
    void injectedFailuresAnswerTheGivenErrorThenServeAgain() {
        pardot.failNextCalls(1, 429, 66, "Exceeded concurrent API request limit.");

        assertThat(get(PardotSimulator.PROSPECTS + "?fields=id", true).code()).isEqualTo(66);
        assertThat(get(PardotSimulator.PROSPECTS + "?fields=id", true).status()).isEqualTo(200);
    }

    private record Reply(int status, JsonNode body) {
        int code() {
            return body.path("code").asInt(-1);
        }
    }

    private Reply get(String path, boolean authorized) {
        return send("GET", path, authorized ? token : null, "0UvSB00000000010AA", null);
    }

    private Reply post(String path, String contentType, String body) {
        return exchange(HttpRequest.newBuilder(URI.create(pardot.baseUrl() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply send(String method, String path, String bearer, String businessUnit, String body) {
        String[] parts = path.split("\\?", 2);
        String query = parts.length < 2 ? "" : "?" + encodeQuery(parts[1]);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(pardot.baseUrl() + parts[0] + query))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        if (businessUnit != null) {
            builder.header(PardotSimulator.BUSINESS_UNIT_HEADER, businessUnit);
        }
        return exchange(builder);
    }

    private static String encodeQuery(String query) {
        List<String> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            pairs.add(pair.substring(0, eq + 1) + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }

    private Reply exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body().isEmpty() ? JSON.nullNode()
                    : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
