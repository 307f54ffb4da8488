package io.stagesync.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.stagesync.app.StagesyncApplication;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.store.StateStore;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real application (camel-main with {@code routes/}, the shipped stage model and mappings)
 * booted against WireMock servers answering in Salesforce's and NetSuite's shapes (and, when asked,
 * Account Engagement's and Eloqua's). Each test stubs the records the systems hold; writes are
 * answered generically (Salesforce Collections results per record by response templating,
 * NetSuite 204 + Location).
 */
final class SalesforceNetSuiteHarness implements AutoCloseable {
    static final String SF_API = "/services/data/v62.0";
    static final Map<String, String> ENV = Map.of("E2E_SF_SECRET", "sf-consumer-secret", "E2E_SF_PASSWORD", "pw",
            "E2E_NS_CS", "ns-consumer-secret", "E2E_NS_TS", "ns-token-secret",
            "E2E_ADMIN_TOKEN", "e2e-admin-token-0123456789", "E2E_ELOQUA_PASSWORD", "s3cret:pass");
    /** Eloqua's Basic header for {@code ExampleCo\api.user} / {@code s3cret:pass}, base64 computed outside the code. */
    static final String ELOQUA_BASIC = "Basic RXhhbXBsZUNvXGFwaS51c2VyOnMzY3JldDpwYXNz";
    static final String ELOQUA_REST = "/api/REST/1.0";
    static final String ELOQUA_BULK = "/api/bulk/2.0";

    final WireMockServer salesforce = new WireMockServer(options().dynamicPort().templatingEnabled(true));
    final WireMockServer netsuite = new WireMockServer(options().dynamicPort());
    final WireMockServer pardot = new WireMockServer(options().dynamicPort());
    /** Eloqua's login host ({@code /id}); started by {@link #withEloqua()}. */
    final WireMockServer eloquaLogin = new WireMockServer(options().dynamicPort());
    /** The Eloqua pod {@code /id} hands out (Application and Bulk API); started by {@link #withEloqua()}. */
    final WireMockServer eloqua = new WireMockServer(options().dynamicPort());
    static final String BUSINESS_UNIT = "0UvXX00000000010AA";
    private final Path dir;
    private StateStore store;
    private StagesyncApplication app;
    private Thread runner;

    SalesforceNetSuiteHarness(Path dir) throws IOException {
        this(dir, "");
    }

    /**
     * @param extraProperties more application.properties lines (e.g. a tighter resilience policy); they come
     *                        last, so they override the harness's own (the admin server is off unless a test
     *                        sets {@code stagesync.admin.enabled=true}, with {@code ${env:E2E_ADMIN_TOKEN}})
     */
    SalesforceNetSuiteHarness(Path dir, String extraProperties) throws IOException {
        this.dir = dir;
        salesforce.start();
        netsuite.start();
        pardot.start();
        stubLoginAndWrites();
        writeConfig(extraProperties);
    }

    /** Also runs the Pardot connector against the {@link #pardot} server (token from the Salesforce fake). */
    SalesforceNetSuiteHarness withPardot() throws IOException {
        pardot.stubFor(get(urlPathEqualTo("/api/v5/objects/prospects")).atPriority(9).willReturn(okJson(
                "{\"nextPageToken\": null, \"nextPageUrl\": null, \"values\": []}")));
        pardot.stubFor(patch(urlPathMatching("/api/v5/objects/prospects/\\d+")).atPriority(9)
                .willReturn(okJson("{\"id\": 1001}")));
        Path properties = dir.resolve("config/application.properties");
        Files.writeString(properties, Files.readString(properties)
                .replace("stagesync.connectors=salesforce,netsuite", "stagesync.connectors=salesforce,netsuite,pardot")
                + """
                stagesync.pardot.base-url=%s
                stagesync.pardot.login-url=%s
                stagesync.pardot.auth-type=password
                stagesync.pardot.client-id=3MVG9-e2e-pardot-key
                stagesync.pardot.client-secret=${env:E2E_SF_SECRET}
                stagesync.pardot.username=marketing@example.com.sandbox
                stagesync.pardot.password=${env:E2E_SF_PASSWORD}
                stagesync.pardot.business-unit-id=%s
                stagesync.resilience.pardot.initial-backoff-ms=100
                """.formatted(pardot.baseUrl(), salesforce.baseUrl(), BUSINESS_UNIT));
        return this;
    }

    /**
     * Also runs the Eloqua connector: Basic auth, the pod discovered through {@link #eloquaLogin}'s
     * {@code /id}, the contact fields of {@code eloqua/contact-fields-stagesync.json}, lead scores of
     * scoring model 1 through a Bulk export (no scores unless a test stubs {@code /syncs/456/data}),
     * no contacts unless a test stubs them, and every contact PUT answered 200.
     */
    SalesforceNetSuiteHarness withEloqua() throws IOException {
        eloquaLogin.start();
        eloqua.start();
        eloquaLogin.stubFor(get(urlPathEqualTo("/id")).willReturn(okJson(fixture("eloqua/id.json")
                .replace("{{base}}", eloqua.baseUrl()))));
        eloqua.stubFor(get(urlPathEqualTo(ELOQUA_REST + "/assets/contact/fields"))
                .willReturn(okJson(fixture("eloqua/contact-fields-stagesync.json"))));
        eloqua.stubFor(get(urlPathEqualTo(ELOQUA_REST + "/data/contacts")).atPriority(9)
                .willReturn(okJson("{\"elements\": [], \"page\": 1, \"pageSize\": 1000, \"total\": 0}")));
        eloqua.stubFor(put(urlPathMatching(ELOQUA_REST + "/data/contact/\\d+")).atPriority(9)
                .willReturn(okJson("{\"type\": \"Contact\", \"id\": \"1007\"}")));
        eloqua.stubFor(get(urlPathEqualTo(ELOQUA_BULK + "/contacts/scoring/models/1"))
                .willReturn(okJson(fixture("eloqua/scoring-model-1.json"))));
        eloqua.stubFor(post(urlPathEqualTo(ELOQUA_BULK + "/contacts/exports"))
                .willReturn(okJson(fixture("eloqua/bulk-export-created.json")).withStatus(201)));
        eloqua.stubFor(post(urlPathEqualTo(ELOQUA_BULK + "/syncs"))
                .willReturn(okJson(fixture("eloqua/bulk-sync-success.json")).withStatus(201)));
        eloqua.stubFor(get(urlPathEqualTo(ELOQUA_BULK + "/syncs/456/data")).atPriority(9).willReturn(okJson(
                "{\"totalResults\": 0, \"limit\": 5000, \"offset\": 0, \"count\": 0, \"hasMore\": false, \"items\": []}")));
        eloqua.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo(ELOQUA_BULK
                + "/contacts/exports/123")).willReturn(aResponse().withStatus(204)));
        Path properties = dir.resolve("config/application.properties");
        String text = Files.readString(properties);
        text = text.replaceFirst("(?m)^stagesync\\.connectors=(.*)$", "stagesync.connectors=$1,eloqua");
        Files.writeString(properties, text + """
                stagesync.eloqua.login-url=%s
                stagesync.eloqua.auth-type=basic
                stagesync.eloqua.site=ExampleCo
                stagesync.eloqua.username=api.user
                stagesync.eloqua.password=${env:E2E_ELOQUA_PASSWORD}
                stagesync.eloqua.search-timezone=UTC
                stagesync.eloqua.scoring-model-id=1
                stagesync.resilience.eloqua.initial-backoff-ms=100
                """.formatted(eloquaLogin.baseUrl()));
        return this;
    }

    /** Lead scores the Bulk export returns from now on: contact id, rating, score, … */
    void eloquaScores(String... idRatingScore) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < idRatingScore.length; i += 3) {
            items.append(i == 0 ? "" : ", ").append("{\"ContactId\": \"").append(idRatingScore[i])
                    .append("\", \"Rating\": \"").append(idRatingScore[i + 1]).append("\", \"Score\": \"")
                    .append(idRatingScore[i + 2]).append("\"}");
        }
        eloqua.stubFor(get(urlPathEqualTo(ELOQUA_BULK + "/syncs/456/data")).atPriority(1).willReturn(okJson(
                "{\"totalResults\": " + idRatingScore.length / 3 + ", \"limit\": 5000, \"offset\": 0, \"count\": "
                        + idRatingScore.length / 3 + ", \"hasMore\": false, \"items\": [" + items + "]}")));
    }

    /** A fixture under src/test/resources. */
    static String fixture(String name) {
        try (java.io.InputStream in = SalesforceNetSuiteHarness.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void stubLoginAndWrites() {
        String sf = salesforce.baseUrl();
        salesforce.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(okJson("""
                {"access_token": "00DXX0000000001!AQ4AQFAKE.E2E.TOKEN", "instance_url": "%s",
                 "id": "%s/id/00DXX0000000001EAA/005XX0000000001AAA", "token_type": "Bearer",
                 "issued_at": "1767322800000", "signature": "k5Qy0P2Q4nK1Yj3vW0bq7cE6m8VtHnKxJ2c9Lr1dZs4="}
                """.formatted(sf, sf))));
        salesforce.stubFor(get(urlPathEqualTo("/services/oauth2/revoke")).willReturn(aResponse().withStatus(200)));
        String results = "[{{#each (jsonPath request.body '$.records') as |r|}}{\"id\": \"{{#if r.Id}}{{r.Id}}"
                + "{{else}}001XX00000000{{randomValue length=5 type='NUMERIC'}}{{/if}}\", \"success\": true, "
                + "\"errors\": [], \"created\": false}{{#unless @last}},{{/unless}}{{/each}}]";
        salesforce.stubFor(patch(urlPathMatching(SF_API + "/composite/sobjects.*"))
                .willReturn(okJson(results).withTransformers("response-template")));
        for (String type : List.of("customer", "contact", "opportunity", "salesOrder")) {
            netsuite.stubFor(put(urlPathMatching("/services/rest/record/v1/" + type + "/eid:.*")).willReturn(
                    aResponse().withStatus(204).withHeader("Location", netsuite.baseUrl()
                            + "/services/rest/record/v1/" + type + "/" + (900 + type.length()))));
            netsuite.stubFor(patch(urlPathMatching("/services/rest/record/v1/" + type + "/\\d+"))
                    .willReturn(aResponse().withStatus(204)));
        }
        for (String object : List.of("Account", "Lead", "Contact", "Opportunity")) {
            salesforceQuery(object, null, List.of());
        }
        for (String table : List.of("customer", "contact", "transaction")) {
            suiteQl(table, null, List.of());
        }
    }

    private void writeConfig(String extraProperties) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.copy(Path.of("config/stage-model.yaml"), config.resolve("stage-model.yaml"));
        Path mappings = Files.createDirectories(config.resolve("mappings"));
        try (Stream<Path> files = Files.list(Path.of("config/mappings"))) {
            for (Path file : files.toList()) {
                Files.copy(file, mappings.resolve(file.getFileName()));
            }
        }
        Files.writeString(config.resolve("application.properties"), """
                stagesync.data-dir=%s
                stagesync.connectors=salesforce,netsuite
                stagesync.sync.poll-seconds=1
                stagesync.sync.sales-order-item-id=42
                stagesync.salesforce.login-url=%s
                stagesync.salesforce.auth-type=password
                stagesync.salesforce.client-id=3MVG9-e2e-consumer-key
                stagesync.salesforce.client-secret=${env:E2E_SF_SECRET}
                stagesync.salesforce.username=integration@example.com.sandbox
                stagesync.salesforce.password=${env:E2E_SF_PASSWORD}
                stagesync.netsuite.account-id=1234567_SB1
                stagesync.netsuite.base-url=%s
                stagesync.netsuite.tba.consumer-key=ck-e2e
                stagesync.netsuite.tba.consumer-secret=${env:E2E_NS_CS}
                stagesync.netsuite.tba.token-id=tk-e2e
                stagesync.netsuite.tba.token-secret=${env:E2E_NS_TS}
                stagesync.resilience.salesforce.initial-backoff-ms=100
                stagesync.resilience.netsuite.initial-backoff-ms=100
                stagesync.admin.enabled=false
                """.formatted(dir.resolve("data"), salesforce.baseUrl(), netsuite.baseUrl()) + extraProperties);
    }

    /**
     * Stubs a SOQL change query: with {@code afterLiteral} null, the query with no position (the first
     * read, which may still have the object's filter, e.g. Lead's IsConverted = false); otherwise the query after that position (SOQL datetime literal, e.g. 2026-11-20T10:00:01.000Z).
     */
    void salesforceQuery(String object, String afterLiteral, List<String> recordsJson) {
        String from = java.util.regex.Pattern.quote("FROM " + object + " ");
        String q = afterLiteral == null ? "^(?!.*SystemModstamp >).*" + from + ".*"
                : ".*" + from + ".*" + java.util.regex.Pattern.quote("SystemModstamp > " + afterLiteral) + ".*";
        salesforce.stubFor(get(urlPathEqualTo(SF_API + "/query/")).withQueryParam("q", matching(q))
                .atPriority(afterLiteral == null ? 5 : 1)
                .willReturn(okJson("{\"totalSize\": " + recordsJson.size() + ", \"done\": true, "
                        + "\"records\": [" + String.join(",", recordsJson) + "]}")));
        if (afterLiteral == null) {
            salesforce.stubFor(get(urlPathEqualTo(SF_API + "/query/"))
                    .withQueryParam("q", matching(".*" + from + ".*SystemModstamp > .*")).atPriority(9)
                    .willReturn(okJson("{\"totalSize\": 0, \"done\": true, \"records\": []}")));
        }
    }

    /** Stubs a SuiteQL change query of a table, by its position text ('YYYY-MM-DD HH24:MI:SS') or none. */
    void suiteQl(String table, String afterText, List<String> itemsJson) {
        MappingBuilder query = post(urlPathEqualTo("/services/rest/query/v1/suiteql"))
                .withRequestBody(matchingJsonPath("$.q", containing("FROM " + table + " ")));
        query = afterText == null
                ? query.withRequestBody(matchingJsonPath("$.q", com.github.tomakehurst.wiremock.client.WireMock
                        .notContaining("lastmodifieddate >"))).atPriority(5)
                : query.withRequestBody(matchingJsonPath("$.q", containing("lastmodifieddate > TO_TIMESTAMP('"
                        + afterText + "'"))).atPriority(1);
        netsuite.stubFor(query.willReturn(okJson("{\"links\": [], \"count\": " + itemsJson.size()
                + ", \"hasMore\": false, \"items\": [" + String.join(",", itemsJson) + "], \"offset\": 0, "
                + "\"totalResults\": " + itemsJson.size() + "}")));
        if (afterText == null) {
            netsuite.stubFor(post(urlPathEqualTo("/services/rest/query/v1/suiteql"))
                    .withRequestBody(matchingJsonPath("$.q", containing("FROM " + table + " ")))
                    .withRequestBody(matchingJsonPath("$.q", containing("lastmodifieddate >"))).atPriority(9)
                    .willReturn(okJson("{\"links\": [], \"count\": 0, \"hasMore\": false, \"items\": [], "
                            + "\"offset\": 0, \"totalResults\": 0}")));
        }
    }

    /** Boots the application as {@code run} does and returns once it is polling. */
    void start() {
        start(io.stagesync.connector.spi.SystemConnectors.installed());
    }

    /** As {@link #start()}, with the connectors {@code available} holds (e.g. a plug-in's, found by its class loader). */
    void start(io.stagesync.connector.spi.SystemConnectors available) {
        StagesyncConfig config = StagesyncConfig.load(dir.resolve("config"), ENV, available);
        store = JdbcStateStore.open(config.settings().storeSettings());
        app = new StagesyncApplication(config, store, Path.of("routes"));
        runner = new Thread(() -> {
            try {
                app.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "stagesync-e2e");
        runner.start();
        // the poller exists once camel-main has configured the context (afterConfigure); tests read it at once
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(20)).until(() -> app.poller() != null);
    }

    StateStore store() {
        return store;
    }

    /**
     * Waits until stagesync has read {@code system}'s {@code object} up to {@code instant} (its
     * watermark reached it) and sent every write that reading planned (every outbox is empty). The
     * application sends on one thread per target, so a watermark alone says only that the writes are
     * held, not that they reached the targets.
     */
    void awaitApplied(String system, String object, String instant) {
        java.time.Instant at = java.time.Instant.parse(instant);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                store.watermarks().get(system, object).map(io.stagesync.store.Watermark::modstamp)
                        .filter(w -> !w.isBefore(at)).isPresent() && store.outbox().counts().isEmpty());
    }

    StagesyncApplication app() {
        return app;
    }

    @Override
    public void close() throws Exception {
        if (app != null) {
            app.stop();
            runner.join(30_000);
        }
        if (store != null) {
            store.close();
        }
        salesforce.stop();
        netsuite.stop();
        pardot.stop();
        if (eloqua.isRunning()) {
            eloqua.stop();
            eloquaLogin.stop();
        }
    }
}
