package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin server is one REST DSL block ({@code routes/admin.yaml}): it declares every endpoint of
 * docs/admin-api.md and the dashboard's two, each verb hands over to a {@code direct:} route, no route serves
 * HTTP by itself (a {@code platform-http:} consumer of its own), and every declared endpoint answers on the
 * admin server by the token rule, and 405 to the other method. With the admin disabled the block makes no route and its routes stay stopped.
 */
class AdminRestDslCoversEveryEndpointTest {
    /** A row of the endpoint table in docs/admin-api.md: {@code | `GET /api/kpis?period=&from=` | …}. */
    private static final Pattern DOC_ROW = Pattern.compile("^\\| `(GET|POST) (/[^`?\\s]*)[^`]*` \\|");
    /** The dashboard's endpoints (docs/dashboard.md): the page and its files, served without a token. */
    private static final Set<String> DASHBOARD = Set.of("GET /", "GET /dashboard/{asset}");
    private static final Set<String> NO_TOKEN = Set.of("GET /api/health", "GET /", "GET /dashboard/{asset}");

    @TempDir
    Path dir;

    @Test
    void oneRestBlockDeclaresEveryDocumentedEndpointAndNoRouteServesHttpByItself() throws Exception {
        Set<String> documented = documentedEndpoints();
        assertThat(documented).as("endpoints read from docs/admin-api.md").hasSizeGreaterThanOrEqualTo(12)
                .contains("GET /api/health", "POST /api/dead-letters/{id}/replay", "GET /metrics");

        try (AdminTestBed bed = AdminTestBed.withToken(dir).start()) {
            CamelContext camel = bed.app().main().getCamelContext();
            Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);

            List<RestDefinition> rests = model.getRestDefinitions();
            assertThat(rests).as("rest blocks").hasSize(1);
            Set<String> declared = new TreeSet<>();
            for (VerbDefinition verb : rests.get(0).getVerbs()) {
                declared.add(verb.asVerb().toUpperCase(java.util.Locale.ROOT) + " " + verb.getPath());
                assertThat(verb.getTo().getUri()).as(verb.getPath()).startsWith("direct:");
            }
            Set<String> expected = new TreeSet<>(documented);
            expected.addAll(DASHBOARD);
            assertThat(declared).as("the rest block's verbs: docs/admin-api.md's endpoints and the dashboard's")
                    .isEqualTo(expected);

            List<String> ownHttp = new ArrayList<>();
            for (RouteDefinition route : model.getRouteDefinitions()) {
                String from = route.getInput().getEndpointUri();
                if (from.startsWith("platform-http") || from.startsWith("rest:") && !Boolean.TRUE.equals(route.isRest())) {
                    ownHttp.add(route.getRouteId() + " from " + from);
                }
            }
            assertThat(ownHttp).as("routes serving HTTP outside the rest block").isEmpty();
            // what the rest block made on platform-http: one endpoint per verb, its method only, exceptions muted
            List<String> made = new ArrayList<>();
            for (var endpoint : camel.getEndpoints()) {
                if (endpoint instanceof PlatformHttpEndpoint http) {
                    made.add(http.getHttpMethodRestrict() + " " + http.getPath());
                    assertThat(http.isMuteException()).as(http.getEndpointUri()).isTrue();
                }
            }
            assertThat(made).as("platform-http endpoints").hasSameSizeAs(declared);

            // every verb's route and the route it hands over to run, and each endpoint answers by the token rule
            for (VerbDefinition verb : rests.get(0).getVerbs()) {
                String target = verb.getTo().getUri().substring("direct:".length());
                assertThat(camel.getRouteController().getRouteStatus(verb.getRouteId())).as(verb.getRouteId())
                        .isEqualTo(ServiceStatus.Started);
                assertThat(camel.getRouteController().getRouteStatus(target)).as(target)
                        .isEqualTo(ServiceStatus.Started);
            }
            for (String endpoint : expected) {
                String method = endpoint.substring(0, endpoint.indexOf(' '));
                String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{id}", "1")
                        .replace("{canonicalId}", "rec-1").replace("{kpi}", "win-rate")
                        .replace("{asset}", "dashboard.js");
                HttpRequest.Builder request = HttpRequest.newBuilder(bed.uri(path))
                        .method(method, HttpRequest.BodyPublishers.noBody());
                HttpResponse<String> response = bed.send(request, null);
                assertThat(response.statusCode()).as(endpoint + ": " + response.body())
                        .isEqualTo(NO_TOKEN.contains(endpoint) ? 200 : 401);
                String other = method.equals("GET") ? "POST" : "GET";
                if (expected.contains(other + " " + endpoint.substring(endpoint.indexOf(' ') + 1))) {
                    continue; // both methods served there (GET the last reconcile, POST run one)
                }
                HttpResponse<String> wrongMethod = bed.send(HttpRequest.newBuilder(bed.uri(path))
                        .method(other, HttpRequest.BodyPublishers.noBody()), AdminTestBed.TOKEN);
                assertThat(wrongMethod.statusCode()).as(other + " " + path).isEqualTo(405);
            }
            assertThat(bed.get("/api/no-such-endpoint").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void disabledTheBlockMakesNoRouteAndTheRoutesItHandsOverToStayStopped() throws Exception {
        try (AdminTestBed bed = new AdminTestBed(dir, "stagesync.admin.enabled=false\n", Map.of())) {
            bed.startWithoutWaiting();
            await().atMost(Duration.ofSeconds(60)).until(() -> bed.app().main().getCamelContext() != null
                    && bed.app().main().getCamelContext().getRouteController().getRouteStatus("heartbeat")
                    == ServiceStatus.Started);
            CamelContext camel = bed.app().main().getCamelContext();
            Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);

            List<RestDefinition> rests = model.getRestDefinitions();
            assertThat(rests).hasSize(1);
            List<String> handlers = new ArrayList<>();
            for (VerbDefinition verb : rests.get(0).getVerbs()) {
                assertThat(camel.getRoute(verb.getRouteId())).as(verb.getRouteId()).isNull();
                handlers.add(verb.getTo().getUri().substring("direct:".length()));
            }
            assertThat(handlers).contains("admin-health", "dashboard-page");
            for (String handler : handlers) {
                assertThat(camel.getRouteController().getRouteStatus(handler)).as(handler)
                        .isEqualTo(ServiceStatus.Stopped);
            }
            assertThat(camel.getRoutes()).extracting(Route::getEndpoint)
                    .noneMatch(e -> e.getEndpointUri().startsWith("rest:") || e.getEndpointUri().startsWith("platform-http"));
        }
    }

    private static Set<String> documentedEndpoints() throws Exception {
        Set<String> endpoints = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("docs/admin-api.md"))) {
            Matcher row = DOC_ROW.matcher(line);
            if (row.find()) {
                endpoints.add(row.group(1) + " " + row.group(2));
            }
        }
        return endpoints;
    }
}
