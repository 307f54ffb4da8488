package io.stagesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.sandbox.SampleCompany.Deal;
import io.stagesync.sandbox.SampleCompany.Home;
import io.stagesync.sandbox.SampleCompany.Person;
import io.stagesync.store.DeadLetter;
import io.stagesync.testing.HeadlessChromium;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The sandbox as a newcomer runs it (shipped stage model, mappings and routes; all four simulators; H2), one
 * round of its story played fast: it prints where the dashboard is and the token, the story plays to the end,
 * and the KPIs the admin API serves show what the story did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxRunsItsStoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SampleCompany company = SampleCompany.generate(SampleCompany.DEFAULT_SEED);
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    static Path dir;
    private Sandbox sandbox;
    private final StringWriter out = new StringWriter();
    private int port;

    @BeforeAll
    void startAndPlayOneRound() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        sandbox = Sandbox.start(new SandboxOptions(port, 10, 1, Path.of("config"), Path.of("routes"),
                dir.resolve("sandbox")), new PrintWriter(out, true));
        assertThat(sandbox.player().awaitDone(180, TimeUnit.SECONDS)).as("story done").isTrue();
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void it_prints_the_dashboard_address_and_a_generated_token_that_the_admin_api_accepts() throws Exception {
        assertThat(out.toString()).contains("Dashboard: http://127.0.0.1:" + port + "/\n")
                .contains("Admin token: " + sandbox.token() + "\n");
        assertThat(sandbox.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(get("/api/kpis", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/kpis", sandbox.token()).statusCode()).isEqualTo(200);
        assertThat(get("/", null).body()).contains("<html");
    }

    @Test
    void the_story_plays_every_step_because_each_thing_it_acts_on_was_synced() {
        assertThat(sandbox.player().skipped()).isEmpty();
        assertThat(sandbox.player().played()).hasSize(14)
                .anyMatch(s -> s.contains("the handoff needs score >= 50, so stagesync holds it"))
                .anyMatch(s -> s.contains("is Closed Won"));
    }

    @Test
    void the_kpis_show_the_handoffs_the_held_violation_the_recycling_and_the_won_deal() {
        int recycledBySeed = company.people(Home.SALESFORCE_LEAD, "DISQUALIFIED").size();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode kpis = JSON.readTree(get("/api/kpis", sandbox.token()).body());
            assertThat(handoff(kpis, "MQL", "SAL").path("converted").asLong()).as("reps accepted 2 MQLs")
                    .isGreaterThanOrEqualTo(2);
            assertThat(handoff(kpis, "SAL", "SQL").path("converted").asLong()).as("one qualified").isEqualTo(1);
            assertThat(handoff(kpis, "SQL", "OPPORTUNITY").path("converted").asLong()).as("one taken over")
                    .isEqualTo(1);
            assertThat(handoff(kpis, "OPPORTUNITY", "WON").path("converted").asLong()).as("deals won")
                    .isGreaterThanOrEqualTo(1);
            assertThat(kpis.path("violations").path("byRule").path("mql-score").asLong())
                    .as("the low-score lead moved to SAL").isEqualTo(1);
            assertThat(kpis.path("recycled").asLong()).as("seeded disqualified leads + the one disqualified")
                    .isEqualTo(recycledBySeed + 1);
        });
    }

    @Test
    void campaign_roi_attributes_the_won_deal_to_its_buyers_first_touch_campaign_against_the_tools_costs() {
        Deal won = SandboxStory.openDeals(company).get(0);
        Person buyer = company.people(Home.SALESFORCE_CONTACT, "OPPORTUNITY").stream()
                .filter(p -> p.company().equals(won.company())).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode roi = JSON.readTree(get("/api/kpis", sandbox.token()).body()).path("campaignRoi");
            assertThat(roi.path("available").asBoolean()).isTrue();
            JsonNode row = null;
            for (JsonNode campaign : roi.path("campaigns")) {
                if (buyer.campaign().name().equals(campaign.path("name").asText())) {
                    row = campaign;
                }
            }
            assertThat(row).as("the buyer's campaign %s in %s", buyer.campaign().name(), roi).isNotNull();
            assertThat(row.path("wonAmount").decimalValue()).isGreaterThanOrEqualTo(won.amount());
            assertThat(row.path("cost").decimalValue()).isEqualByComparingTo(buyer.campaign().cost());
        });
    }

    @Test
    void the_renewal_rate_is_a_number_because_the_story_wins_renewal_deals_salesforce_types_as_renewals() {
        long renewalsWonByTheStory = 1; // round 0 wins one renewal (SandboxStory)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode kpis = JSON.readTree(get("/api/kpis", sandbox.token()).body());
            assertThat(kpis.path("renewal").path("measurable").asBoolean()).isTrue();
            assertThat(kpis.path("renewal").path("rate").isNumber()).as("renewal rate in %s", kpis.path("renewal"))
                    .isTrue();
            JsonNode renewal = teamKpi(kpis, "renewal-rate");
            assertThat(renewal.path("value").asDouble()).isEqualTo(kpis.path("renewal").path("rate").asDouble())
                    .isGreaterThan(0.0);
            assertThat(renewal.path("parts").path("won").asLong()).isGreaterThanOrEqualTo(renewalsWonByTheStory);
        });
    }

    @Test
    void every_team_kpi_of_the_sandbox_equals_its_recomputation_from_the_raw_history_rows() {
        var db = sandbox.store().settings();
        // the sync keeps polling: compare once an answer of the API and the rows read after it agree
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode kpis = JSON.readTree(get("/api/kpis", sandbox.token()).body());
            java.time.Instant asOf = java.time.Instant.parse(kpis.path("asOf").asText());
            var recomputed = io.stagesync.testing.KpiRecomputation.compute(
                    io.stagesync.testing.KpiRecomputation.rows(db.jdbcUrl(), db.username(), db.password()),
                    io.stagesync.testing.KpiRecomputation.deals(db.jdbcUrl(), db.username(), db.password()),
                    java.time.Instant.parse(kpis.path("from").asText()), java.time.Instant.parse(kpis.path("to")
                            .asText()), asOf);
            assertThat(recomputed).hasSize(14);
            for (var kpi : recomputed.entrySet()) {
                JsonNode served = teamKpi(kpis, kpi.getKey());
                Double value = served.path("value").isNull() ? null : served.path("value").asDouble();
                if (kpi.getValue().value() == null) {
                    assertThat(value).as(kpi.getKey()).isNull();
                } else {
                    assertThat(value).as(kpi.getKey()).isCloseTo(kpi.getValue().value(),
                            org.assertj.core.api.Assertions.within(1e-9));
                }
            }
            for (var kpi : recomputed.entrySet()) {
                JsonNode trace = JSON.readTree(get(teamKpi(kpis, kpi.getKey()).path("entries").asText(),
                        sandbox.token()).body());
                assertThat(io.stagesync.admin.KpiTraces.records(trace)).as(kpi.getKey() + " records")
                        .isEqualTo(kpi.getValue().records());
            }
        });
    }

    @Test
    void the_connectors_wrote_what_the_story_implies_into_the_simulators() {
        Person disqualified = SandboxStory.disqualifiable(company.people(Home.SALESFORCE_LEAD, "SAL")).get(0);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(sandbox.world().pardot().prospectsByEmail(disqualified.email())).singleElement()
                    .satisfies(p -> assertThat(p.get("Lifecycle_Stage__c")).isEqualTo("Nurture"));
            assertThat(sandbox.world().netsuite().list("salesOrder")).isNotEmpty();
            List<DeadLetter> dead = sandbox.store().deadLetters().list(DeadLetter.Status.OPEN, 10);
            assertThat(dead).singleElement().satisfies(d -> assertThat(d.error())
                    .contains("stage value 'Recycled' of salesforce Lead.Status is not mapped"));
        });
        Person held = company.people(Home.SALESFORCE_LEAD, "LEAD").get(0);
        assertThat(sandbox.world().salesforce().find("Lead", "Email", held.email())).singleElement()
                .satisfies(lead -> assertThat(lead).containsEntry("Status", "Working - Contacted"));
    }

    /** Needs Debian's chromium and chromium-driver: see {@link HeadlessChromium}. */
    @Test
    void the_dashboard_in_a_real_browser_shows_the_sandboxs_funnel_with_the_kpi_apis_numbers(@TempDir Path profile) {
        HeadlessChromium.requireInstalled();
        ChromeDriver browser = HeadlessChromium.open(profile);
        try {
            browser.get(sandbox.adminUrl() + "/#token=" + sandbox.token());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(browser.findElement(
                    By.cssSelector("#status")).getDomAttribute("data-state")).isEqualTo("ok"));
            // the sync keeps polling and the page re-renders every 5 s (elements go stale): compare once a
            // refresh of the page and the API agree
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptionsInstanceOf(StaleElementReferenceException.class).untilAsserted(() -> {
                JsonNode kpis = JSON.readTree(get("/api/kpis", sandbox.token()).body());
                for (JsonNode h : kpis.path("handoffs")) {
                    String row = "#handoffs tr[data-from='" + h.path("from").asText() + "'][data-to='"
                            + h.path("to").asText() + "'] ";
                    assertThat(browser.findElement(By.cssSelector(row + "[data-field=entered]")).getText())
                            .isEqualTo(String.valueOf(h.path("entered").asLong()));
                    assertThat(browser.findElement(By.cssSelector(row + "[data-field=converted]")).getText())
                            .isEqualTo(String.valueOf(h.path("converted").asLong()));
                }
                assertThat(browser.findElements(By.cssSelector("#handoffs tr[data-bottleneck=true]"))).hasSize(1);
                JsonNode campaigns = kpis.path("campaignRoi").path("campaigns");
                assertThat(campaigns).isNotEmpty();
                for (JsonNode c : campaigns) {
                    String row = "#campaign-roi tr[data-campaign='" + c.path("campaignId").asText() + "'] ";
                    assertThat(new java.math.BigDecimal(browser.findElement(By.cssSelector(
                            row + "[data-field=wonAmount]")).getDomAttribute("data-value")))
                            .isEqualByComparingTo(c.path("wonAmount").decimalValue());
                    assertThat(new java.math.BigDecimal(browser.findElement(By.cssSelector(
                            row + "[data-field=cost]")).getDomAttribute("data-value")))
                            .isEqualByComparingTo(c.path("cost").decimalValue());
                }
            });
            await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                    .untilAsserted(() -> assertThat(browser.findElement(By.cssSelector(
                            "#handoffs tr[data-from='MQL'][data-to='SAL'] [data-field=converted]")).getText())
                            .isNotEqualTo("0"));
            // the pictures and every team's KPIs: each bar and cell carries the API's number
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptionsInstanceOf(StaleElementReferenceException.class).untilAsserted(() -> {
                JsonNode kpis = JSON.readTree(get("/api/kpis", sandbox.token()).body());
                for (JsonNode stage : kpis.path("funnel")) {
                    assertThat(browser.findElement(By.cssSelector("#funnel-chart rect[data-stage='"
                            + stage.path("stage").asText() + "']")).getDomAttribute("data-value"))
                            .isEqualTo(String.valueOf(stage.path("entries").asLong()));
                }
                JsonNode buckets = kpis.path("timeInStage").path("buckets");
                assertThat(buckets).hasSize(9);
                for (int i = 0; i < buckets.size(); i++) {
                    assertThat(browser.findElement(By.cssSelector("#time-in-stage-chart rect[data-bucket='" + i
                            + "']")).getDomAttribute("data-value"))
                            .isEqualTo(String.valueOf(buckets.get(i).path("count").asLong()));
                }
                int shown = 0;
                for (JsonNode team : kpis.path("teams")) {
                    for (JsonNode kpi : team.path("kpis")) {
                        String cell = "#team-kpis section[data-team='" + team.path("team").asText()
                                + "'] table.kpis tr[data-kpi='" + kpi.path("kpi").asText() + "'] [data-field=value]";
                        String shownValue = browser.findElement(By.cssSelector(cell)).getDomAttribute("data-value");
                        if (kpi.path("value").isNull()) {
                            assertThat(shownValue).as(cell).isEqualTo("null");
                        } else {
                            assertThat(Double.parseDouble(shownValue)).as(cell).isEqualTo(kpi.path("value").asDouble());
                        }
                        shown++;
                    }
                }
                assertThat(shown).as("the seed's KPIs of all four teams").isEqualTo(14);
                assertThat(browser.findElements(By.cssSelector("#team-kpis section[data-team] svg[data-kpi]")))
                        .hasSize(14);
                assertThat(browser.findElement(By.cssSelector("#handoffs tr[data-handoff=renewal] [data-field=rate]"))
                        .getText()).endsWith(" %");
            });
        } finally {
            browser.quit();
        }
    }

    private static JsonNode teamKpi(JsonNode kpis, String name) {
        for (JsonNode team : kpis.path("teams")) {
            for (JsonNode kpi : team.path("kpis")) {
                if (kpi.path("kpi").asText().equals(name)) {
                    return kpi;
                }
            }
        }
        throw new AssertionError("no team KPI " + name + " in " + kpis);
    }

    private static JsonNode handoff(JsonNode kpis, String from, String to) {
        for (JsonNode h : kpis.path("handoffs")) {
            if (h.path("from").asText().equals(from) && h.path("to").asText().equals(to)) {
                return h;
            }
        }
        throw new AssertionError("no handoff " + from + " -> " + to + " in " + kpis);
    }

    /**
     * The done-when of reconcile: nothing drifts once the story's changes have been synced; a NetSuite customer's
     * status changed past NetSuite's change tracking is found (its value and the one it should hold), the dashboard
     * shows each system's stage counts beside the canonical ones as the API does, and the repair writes it back.
     * Needs Debian's chromium and chromium-driver: see {@link HeadlessChromium}.
     */
    @Test
    void reconcile_finds_no_drift_after_the_story_then_a_status_changed_by_hand_in_netsuite_and_repairs_it(
            @TempDir Path profile) throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            JsonNode clean = JSON.readTree(post("/api/reconcile").body());
            assertThat(clean.path("objects")).as(clean.toString()).hasSizeGreaterThanOrEqualTo(5);
            assertThat(clean.path("drifts")).as("drift after the story: " + clean.path("drifts")).isEmpty();
        });
        Map<String, Object> customer = sandbox.world().netsuite().list("customer").stream()
                .filter(c -> "13".equals(statusOf(c))).findFirst().orElseThrow();
        String id = customer.get("id").toString();

        sandbox.world().netsuite().updateUntracked("customer", id, Map.of("entityStatus", Map.of("id", "16")));
        JsonNode found = JSON.readTree(post("/api/reconcile").body());

        assertThat(found.path("drifts")).singleElement().satisfies(d -> {
            assertThat(d.path("system").asText()).isEqualTo("netsuite");
            assertThat(d.path("externalId").asText()).isEqualTo(id);
            assertThat(d.path("valueThere").asText()).isEqualTo("16");
            assertThat(d.path("stageThere").asText()).isEqualTo("CHURNED");
            assertThat(d.path("canonicalStage").asText()).isEqualTo("CUSTOMER");
        });
        HeadlessChromium.requireInstalled();
        ChromeDriver browser = HeadlessChromium.open(profile);
        try {
            browser.get(sandbox.adminUrl() + "/#token=" + sandbox.token());
            await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                    .untilAsserted(() -> {
                JsonNode last = JSON.readTree(get("/api/reconcile", sandbox.token()).body());
                assertThat(browser.findElement(By.cssSelector("#reconcile-summary")).getDomAttribute("data-drifted"))
                        .isEqualTo(last.path("drifted").asText());
                for (JsonNode o : last.path("objects")) {
                    java.util.Set<String> stages = new java.util.TreeSet<>();
                    o.path("shown").fieldNames().forEachRemaining(stages::add);
                    o.path("canonical").fieldNames().forEachRemaining(stages::add);
                    for (String stage : stages) {
                        String row = "#reconcile-counts tr[data-system='" + o.path("system").asText()
                                + "'][data-object='" + o.path("object").asText() + "'][data-stage='" + stage + "'] ";
                        assertThat(browser.findElement(By.cssSelector(row + "[data-field=shown]"))
                                .getDomAttribute("data-value")).isEqualTo(String.valueOf(o.path("shown").path(stage)
                                .asLong(0)));
                        assertThat(browser.findElement(By.cssSelector(row + "[data-field=canonical]"))
                                .getDomAttribute("data-value")).isEqualTo(String.valueOf(o.path("canonical")
                                .path(stage).asLong(0)));
                    }
                }
                assertThat(browser.findElements(By.cssSelector("#reconcile-drifts tr[data-system=netsuite]")))
                        .hasSize(1);
            });
        } finally {
            browser.quit();
        }

        JsonNode repaired = JSON.readTree(post("/api/reconcile?repair=true").body());

        assertThat(repaired.path("repairs")).singleElement().satisfies(r -> assertThat(r.asText())
                .startsWith("written: reconcile repaired netsuite customer " + id));
        assertThat(repaired.path("drifts")).isEmpty();
        assertThat(statusOf(sandbox.world().netsuite().get("customer", id).orElseThrow())).isEqualTo("13");
    }

    private static String statusOf(Map<String, Object> customer) {
        Object status = customer.get("entityStatus");
        return String.valueOf(status instanceof Map<?, ?> ref ? ref.get("id") : status);
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.adminUrl() + path))
                .header("Authorization", "Bearer " + sandbox.token()).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.adminUrl() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
