package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import io.stagesync.testing.HeadlessChromium;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real headless browser: the application boots with a hand-known stage history
 * ({@link DashboardSeed}), Chromium opens the page, the user enters the token, and every number the page shows
 * is the KPI API's (fetched by the test from {@code /api/kpis} with the same period), the bottleneck is the
 * API's and is highlighted; a wrong token and an unreachable API are said plainly.
 *
 * <p><b>Needs Debian's {@code chromium} and {@code chromium-driver}</b>: see {@link HeadlessChromium}.
 */
class DashboardInBrowserTest {
    static final String VIEW = "period=month&from=" + DashboardSeed.MARCH;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static AdminTestBed bed;

    @TempDir
    Path profile;
    ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireInstalled();
        bed = AdminTestBed.withToken(dir);
        DashboardSeed.into(bed.store());
        bed.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.open(profile);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    // --- the funnel -------------------------------------------------------------------------------------

    @Test
    void afterTheTokenTheFunnelShowsExactlyTheKpiApisNumbers() throws Exception {
        browser.get(bed.uri("/#" + VIEW).toString());
        waitForState("needs-token");
        assertThat(find("#token-form").isDisplayed()).isTrue();
        assertThat(find("#settings-form").isDisplayed()).isFalse();
        assertThat(find("#dashboard").isDisplayed()).isFalse();

        find("#token").sendKeys(AdminTestBed.TOKEN);
        find("#connect").click();
        waitForState("ok");
        assertThat(find("#token-form").isDisplayed()).isFalse();
        assertThat(find("#settings-form").isDisplayed()).isTrue();

        JsonNode kpis = api("/api/kpis?" + VIEW);
        handKnown(kpis);
        assertThat(attribute("#period-label", "data-from")).isEqualTo(kpis.get("from").asText());

        List<String> failures = new ArrayList<>();
        for (JsonNode h : kpis.get("handoffs")) {
            String row = "#handoffs tr[data-from='" + h.get("from").asText() + "'][data-to='" + h.get("to").asText()
                    + "'] ";
            same(failures, row + "[data-field=entered]", h.get("entered"), String.valueOf(h.get("entered").asLong()));
            same(failures, row + "[data-field=converted]", h.get("converted"),
                    String.valueOf(h.get("converted").asLong()));
            same(failures, row + "[data-field=rate]", h.get("rate"), percent(h.get("rate")));
        }
        for (JsonNode team : kpis.get("teams")) {
            for (JsonNode s : team.get("stages")) {
                String row = "section[data-team='" + team.get("team").asText() + "'] tr[data-stage='"
                        + s.get("stage").asText() + "'] ";
                for (String field : List.of("countNow", "entries", "firstSeen", "exits")) {
                    same(failures, row + "[data-field=" + field + "]", s.get(field),
                            String.valueOf(s.get(field).asLong()));
                }
            }
            for (int i = 0; i < team.get("targets").size(); i++) {
                JsonNode t = team.get("targets").get(i);
                String row = "section[data-team='" + team.get("team").asText() + "'] tr[data-target-index='" + i
                        + "'] ";
                same(failures, row + "[data-field=actual]", t.get("actual"), null);
                same(failures, row + "[data-field=expected]", t.get("expected"), null);
                same(failures, row + "[data-field=attainment]", t.get("attainment"), percent(t.get("attainment")));
                assertThat(attribute(row + "[data-field=status]", "data-value")).isEqualTo(t.get("status").asText());
                if (t.get("metric").asText().equals("conversion")) {
                    String handoff = "#handoffs tr[data-from='" + t.get("from").asText() + "'][data-to='"
                            + t.get("to").asText() + "'] ";
                    same(failures, handoff + "[data-field=target]", t.get("value"), percent(t.get("value")));
                    same(failures, handoff + "[data-field=attainment]", t.get("attainment"),
                            percent(t.get("attainment")));
                    assertThat(attribute(handoff + "[data-field=status]", "data-value"))
                            .isEqualTo(t.get("status").asText());
                }
            }
        }
        assertThat(failures).isEmpty();

        // what the page shows, read as a person would, for the hand-computed funnel
        assertThat(texts("#handoffs tbody tr:not([data-handoff]) [data-field=rate]"))
                .containsExactly("75.0 %", "33.3 %", "100.0 %", "20.0 %", "100.0 %");
        assertThat(texts("#handoffs tbody tr:not([data-handoff]) [data-field=target]"))
                .containsExactly("60.0 %", "50.0 %", "40.0 %", "25.0 %", "95.0 %");
        assertThat(texts("#handoffs tbody tr:not([data-handoff]) [data-field=status]"))
                .containsExactly("met", "missed", "met", "missed", "met");
        // renewals: r1 won, r2 due and open (DashboardSeed) against the shipped renewal-rate target of 85 %
        JsonNode renewal = kpis.get("renewal");
        assertThat(renewal.get("rate").asDouble()).isEqualTo(0.5);
        String row = "#handoffs tr[data-handoff=renewal] ";
        assertThat(find(row + "[data-field=rate]").getText()).isEqualTo("50.0 %");
        assertThat(find(row + "[data-field=entered]").getText()).isEqualTo("2");
        assertThat(find(row + "[data-field=converted]").getText()).isEqualTo("1");
        assertThat(find(row + "[data-field=target]").getText()).isEqualTo("85.0 %");
        assertThat(find(row + "[data-field=status]").getText()).isEqualTo("missed");
    }

    // --- the pictures -----------------------------------------------------------------------------------

    @Test
    void theFunnelChartAndItsTableShowTheApisEntriesOfEachMainLineStage() throws Exception {
        openWithTokenInFragment();
        JsonNode funnel = api("/api/kpis?" + VIEW).get("funnel");
        assertThat(funnel).extracting(f -> f.get("stage").asText()).containsExactly("LEAD", "MQL", "SAL", "SQL",
                "OPPORTUNITY", "WON", "CUSTOMER");
        whileThePageRefreshes(() -> {
            List<String> failures = new ArrayList<>();
            for (JsonNode stage : funnel) {
                String id = stage.get("stage").asText();
                same(failures, "#funnel-chart rect[data-stage='" + id + "']", stage.get("entries"), null);
                same(failures, "#funnel-table tr[data-stage='" + id + "'] [data-field=entries]", stage.get("entries"),
                        String.valueOf(stage.get("entries").asLong()));
                same(failures, "#funnel-table tr[data-stage='" + id + "'] [data-field=countNow]",
                        stage.get("countNow"), String.valueOf(stage.get("countNow").asLong()));
            }
            assertThat(failures).isEmpty();
            // a bar's length follows its number: MQL (4 entries) is the longest, SQL (1) a quarter of it
            double mql = Double.parseDouble(attribute("#funnel-chart rect[data-stage=MQL]", "width"));
            double sql = Double.parseDouble(attribute("#funnel-chart rect[data-stage=SQL]", "width"));
            assertThat(sql / mql).isCloseTo(0.25, org.assertj.core.api.Assertions.within(0.01));
            assertThat(find("#funnel-chart rect[data-stage=SAL]").getDomAttribute("class")).contains("bottleneck");
        });
        assertThat(attribute("#funnel-chart", "role")).isEqualTo("img");
        assertThat(attribute("#funnel-chart", "aria-labelledby")).isEqualTo("funnel-caption");
    }

    @Test
    void theBottleneckStagesTimeInStageHistogramAndItsTableShowTheApisBuckets() throws Exception {
        openWithTokenInFragment();
        JsonNode time = api("/api/kpis?" + VIEW).get("timeInStage");
        assertThat(time.get("stage").asText()).isEqualTo("SAL"); // bottleneck SAL → SQL; p1 left SAL after 2 days
        assertThat(attribute("#time-in-stage", "data-stage")).isEqualTo("SAL");
        whileThePageRefreshes(() -> {
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < time.get("buckets").size(); i++) {
                JsonNode count = time.get("buckets").get(i).get("count");
                same(failures, "#time-in-stage-chart rect[data-bucket='" + i + "']", count, null);
                same(failures, "#time-in-stage-table tr[data-bucket='" + i + "'] [data-field=count]", count,
                        String.valueOf(count.asLong()));
            }
            assertThat(failures).isEmpty();
        });
        assertThat(texts("#time-in-stage-table tbody th")).containsExactly("0–1 d", "1–2 d", "2–4 d", "4–7 d",
                "7–14 d", "14–30 d", "30–60 d", "60–90 d", "≥ 90 d");
        assertThat(find("#time-in-stage-table tr[data-bucket='2'] [data-field=count]").getText()).isEqualTo("1");
    }

    @Test
    void everyTeamKpiAndItsTwelveMonthTrendIsTheApisInTheBarsAndInTheTables() throws Exception {
        openWithTokenInFragment();
        JsonNode kpis = api("/api/kpis?" + VIEW);
        JsonNode trend = api("/api/kpis/trend?period=month&count=12&at=" + DashboardSeed.MARCH);
        assertThat(trend.get("periods")).hasSize(12);
        whileThePageRefreshes(() -> {
            List<String> failures = new ArrayList<>();
            int shown = 0;
            for (JsonNode team : kpis.get("teams")) {
                String box = "#team-kpis section[data-team='" + team.get("team").asText() + "'] ";
                for (JsonNode kpi : team.get("kpis")) {
                    same(failures, box + "table.kpis tr[data-kpi='" + kpi.get("kpi").asText() + "'] [data-field=value]",
                            kpi.get("value"), null);
                    shown++;
                }
            }
            for (JsonNode team : trend.get("teams")) {
                String box = "#team-kpis section[data-team='" + team.get("team").asText() + "'] ";
                for (JsonNode kpi : team.get("kpis")) {
                    for (int i = 0; i < 12; i++) {
                        JsonNode value = kpi.get("values").get(i);
                        String name = kpi.get("kpi").asText();
                        same(failures, box + "svg[data-kpi='" + name + "'] rect[data-period='" + i + "']", value, null);
                        same(failures, box + "table.trend tr[data-kpi='" + name + "'] td[data-period='" + i + "']",
                                value, null);
                    }
                }
            }
            assertThat(failures).isEmpty();
            assertThat(shown).isEqualTo(14);
        });
        // read as a person would: the renewal rate of March is the last bar and the last column, 50 %
        whileThePageRefreshes(() -> {
            String renewal = "#team-kpis section[data-team=CUSTOMER_SUCCESS] ";
            assertThat(find(renewal + "table.kpis tr[data-kpi=renewal-rate] [data-field=value]").getText())
                    .isEqualTo("50.0 %");
            assertThat(find(renewal + "table.trend tr[data-kpi=renewal-rate] td[data-period='11']").getText())
                    .isEqualTo("50.0 %");
            assertThat(find("#team-kpis section[data-team=FIELD_SALES] table.kpis tr[data-kpi=won-amount] "
                    + "[data-field=value]").getText()).isEqualTo("12,000");
        });
    }

    @Test
    void theRecordsOfAKpiAreTheOnesItsTraceEndpointLists() throws Exception {
        openWithTokenInFragment();
        JsonNode kpi = api("/api/kpis?" + VIEW).get("teams").get(3).get("kpis").get(0);
        assertThat(kpi.get("kpi").asText()).isEqualTo("renewal-rate");
        JsonNode trace = api(kpi.get("entries").asText());

        whileThePageRefreshes(() -> find("#team-kpis section[data-team=CUSTOMER_SUCCESS] "
                + "button.trace[data-kpi=renewal-rate]").click());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(attribute("#trace-panel", "data-kpi"))
                .isEqualTo("renewal-rate"));
        List<String> rows = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#trace-records tbody tr"))) {
            rows.add(row.getDomAttribute("data-record") + " " + row.getDomAttribute("data-role"));
        }
        List<String> api = new ArrayList<>();
        trace.get("records").forEach(r -> api.add(r.get("canonicalId").asText() + " " + r.get("role").asText()));
        assertThat(rows).containsExactlyElementsOf(api).containsExactlyInAnyOrder("r1 won", "r2 due");
        assertThat(find("#trace-records tr[data-record=r1] [data-field=entries]").getText())
                .contains("OPPORTUNITY → WON 2025-03-18T09:00:00Z");
    }

    @Test
    void theBottleneckIsTheApisAndItsRowIsTheOnlyOneHighlighted() throws Exception {
        openWithTokenInFragment();
        JsonNode bottleneck = api("/api/kpis?" + VIEW).get("bottleneck");
        assertThat(bottleneck.get("from").asText()).isEqualTo("SAL");
        assertThat(bottleneck.get("to").asText()).isEqualTo("SQL");

        assertThat(attribute("#bottleneck", "data-from")).isEqualTo("SAL");
        assertThat(attribute("#bottleneck", "data-to")).isEqualTo("SQL");
        assertThat(attribute("#bottleneck", "data-team")).isEqualTo(bottleneck.get("team").asText());
        assertThat(find("#bottleneck [data-field=handoff]").getText()).isEqualTo("SAL → SQL");
        assertThat(find("#bottleneck").getText()).contains("Inside Sales").contains("33.3 %").contains("50.0 %")
                .contains(percent(bottleneck.get("attainment")));
        assertThat(Double.parseDouble(attribute("#bottleneck [data-field=attainment]", "data-value")))
                .isEqualTo(bottleneck.get("attainment").asDouble());
        List<WebElement> highlighted = browser.findElements(By.cssSelector("#handoffs tr[data-bottleneck=true]"));
        assertThat(highlighted).hasSize(1);
        assertThat(highlighted.get(0).getDomAttribute("data-from")).isEqualTo("SAL");
        assertThat(highlighted.get(0).getDomAttribute("class")).contains("bottleneck");
    }

    @Test
    void violationsDeadLettersAndConnectorsAreTheApisNewestFirst() throws Exception {
        openWithTokenInFragment();

        assertThat(browser.findElements(By.cssSelector("#violations tbody tr"))).extracting(r -> List.of(
                        r.findElement(By.cssSelector("[data-field=rules]")).getText(),
                        r.findElement(By.cssSelector("[data-field=stage]")).getText(),
                        r.findElement(By.cssSelector("[data-field=system]")).getText(),
                        r.findElement(By.cssSelector("[data-field=occurredAt]")).getText()))
                .containsExactly(List.of("won-amount", "OPPORTUNITY → WON", "netsuite", "2025-03-14T09:00:00Z"),
                        List.of("sal-owner", "MQL → SAL", "salesforce", "2025-03-07T09:00:00Z"));
        assertThat(attribute("#violation-totals [data-field=total]", "data-value")).isEqualTo("2");

        JsonNode letters = api("/api/dead-letters?status=open");
        assertThat(browser.findElements(By.cssSelector("#dead-letters tbody tr")))
                .extracting(r -> r.getDomAttribute("data-id"))
                .containsExactly(letters.get("deadLetters").get(0).get("id").asText(),
                        letters.get("deadLetters").get(1).get("id").asText());
        assertThat(find("#dead-letters tbody tr [data-field=error]").getText())
                .isEqualTo("ambiguous match: 2 accounts with domain example.com");
        assertThat(attribute("#dead-letter-counts [data-status=OPEN]", "data-value")).isEqualTo("2");
        assertThat(attribute("#dead-letter-counts [data-status=DISCARDED]", "data-value")).isEqualTo("1");

        List<String> systems = new ArrayList<>();
        api("/api/connectors").get("connectors").forEach(c -> systems.add(c.get("system").asText()));
        assertThat(systems).containsExactlyInAnyOrder("salesforce", "netsuite");
        assertThat(browser.findElements(By.cssSelector("#connectors tbody tr")))
                .extracting(r -> r.getDomAttribute("data-system")).containsExactlyElementsOf(systems);
        assertThat(find("#connectors tr[data-system=salesforce] [data-object=Contact]").getText())
                .matches("Contact \\d+ d");
        assertThat(find("#connectors tr[data-system=salesforce] [data-field=apiQuota]").getText())
                .isEqualTo("not measured");
    }

    @Test
    void anotherPeriodIsAskedOfTheApiAndKeptInTheAddress() throws Exception {
        openWithTokenInFragment();

        find("#period option[value=quarter]").click();

        JsonNode quarter = api("/api/kpis?period=quarter&from=" + DashboardSeed.MARCH);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(attribute("#period-label", "data-to"))
                .isEqualTo(quarter.get("to").asText()));
        assertThat(quarter.get("to").asText()).isEqualTo("2025-06-01T00:00:00Z");
        List<String> failures = new ArrayList<>();
        for (JsonNode h : quarter.get("handoffs")) {
            same(failures, "#handoffs tr[data-from='" + h.get("from").asText() + "'][data-to='"
                    + h.get("to").asText() + "'] [data-field=rate]", h.get("rate"), percent(h.get("rate")));
        }
        assertThat(failures).isEmpty();
        assertThat(browser.getCurrentUrl()).endsWith("#period=quarter&from=" + DashboardSeed.MARCH);
    }

    // --- the token --------------------------------------------------------------------------------------

    @Test
    void aTokenInTheFragmentIsKeptInTheTabAndLeavesTheAddress() throws Exception {
        openWithTokenInFragment();

        assertThat(browser.getCurrentUrl()).doesNotContain(AdminTestBed.TOKEN).endsWith("#" + VIEW);
        assertThat(browser.executeScript("return sessionStorage.getItem('stagesync.adminToken')"))
                .isEqualTo(AdminTestBed.TOKEN);
        browser.navigate().refresh();
        waitForState("ok");
        assertThat(find("#dashboard").isDisplayed()).isTrue();

        find("#forget").click();
        waitForState("needs-token");
        assertThat(browser.executeScript("return sessionStorage.getItem('stagesync.adminToken')")).isNull();
        assertThat(find("#dashboard").isDisplayed()).isFalse();
    }

    @Test
    void aWrongTokenIsSaidToBeRefusedWithTheApisReason() {
        browser.get(bed.uri("/#" + VIEW).toString());
        waitForState("needs-token");

        find("#token").sendKeys("not-the-token");
        find("#connect").click();

        waitForState("unauthorized");
        assertThat(find("#status").getText())
                .isEqualTo("The admin API refused the token (401: invalid bearer token). Enter the value of "
                        + "stagesync.admin.token.");
        assertThat(find("#token-form").isDisplayed()).isTrue();
        assertThat(find("#settings-form").isDisplayed()).isFalse();
        assertThat(find("#dashboard").isDisplayed()).isFalse();
        assertThat(browser.executeScript("return sessionStorage.getItem('stagesync.adminToken')")).isNull();
    }

    @Test
    void anUnreachableApiIsSaidPlainlyAndTheLastFiguresStayGreyedOut(@TempDir Path other) throws Exception {
        AdminTestBed stopping = AdminTestBed.withToken(other);
        DashboardSeed.into(stopping.store());
        try {
            stopping.start();
            browser.get(stopping.uri("/#token=" + AdminTestBed.TOKEN + "&" + VIEW).toString());
            waitForState("ok");
        } finally {
            stopping.close();
        }

        waitForState("unreachable");
        assertThat(find("#status").getText()).startsWith("Cannot reach the admin API at http://127.0.0.1:"
                + stopping.port()).contains("is stagesync running? Retrying every 5 s.");
        assertThat(attribute("#dashboard", "data-stale")).isEqualTo("true");
        assertThat(find("#handoffs tr[data-from=MQL][data-to=SAL] [data-field=rate]").getText()).isEqualTo("75.0 %");
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /** The seeded funnel, computed by hand (see {@link DashboardSeed}): the API must agree before the page is read. */
    private static void handKnown(JsonNode kpis) {
        assertThat(kpis.get("handoffs")).extracting(h -> h.get("from").asText() + ">" + h.get("to").asText() + " "
                        + h.get("converted").asLong() + "/" + h.get("entered").asLong())
                .containsExactly("MQL>SAL 3/4", "SAL>SQL 1/3", "SQL>OPPORTUNITY 1/1", "OPPORTUNITY>WON 1/5",
                        "WON>CUSTOMER 1/1");
        assertThat(kpis.get("bottleneck").get("from").asText() + ">" + kpis.get("bottleneck").get("to").asText())
                .isEqualTo("SAL>SQL");
    }

    /** The page re-renders every 5 s, so an element read may go stale: check again until a whole pass agrees. */
    private void whileThePageRefreshes(org.awaitility.core.ThrowingRunnable check) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(check);
    }

    private void openWithTokenInFragment() {
        browser.get(bed.uri("/#token=" + AdminTestBed.TOKEN + "&" + VIEW).toString());
        waitForState("ok");
    }

    private void waitForState(String state) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(attribute("#status", "data-state")).as(find("#status").getText()).isEqualTo(state));
    }

    private static JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> response = bed.get(pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /**
     * Checks a cell against the API's value: its data-value parses to the same number (or "null"), and its text
     * is the expected one when given.
     */
    private void same(List<String> failures, String css, JsonNode value, String text) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        if (found.size() != 1) {
            failures.add(css + ": " + found.size() + " elements");
            return;
        }
        String shown = found.get(0).getDomAttribute("data-value");
        boolean equal = value.isNull() ? "null".equals(shown)
                : shown != null && !shown.equals("null") && Double.parseDouble(shown) == value.asDouble();
        if (!equal) {
            failures.add(css + ": data-value " + shown + ", API " + value);
        }
        if (text != null && !text.equals(found.get(0).getText())) {
            failures.add(css + ": shows '" + found.get(0).getText() + "', expected '" + text + "'");
        }
    }

    /** The page's percentage format: the share × 100 with one decimal and " %"; "—" for null. */
    private static String percent(JsonNode share) {
        return share.isNull() ? "—" : String.format(Locale.ROOT, "%.1f %%", share.asDouble() * 100);
    }

    private WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private String attribute(String css, String name) {
        return find(css).getDomAttribute(name);
    }

    private List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
