package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.stagesync.store.DeadLetter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The route configurations of routes/errors.yaml on the real application: which routes opt into which, an
 * admin endpoint failing unexpectedly answers 500 JSON naming the error without its stack trace, a store
 * that does not answer 503 and a refusal its own status ({@code admin-errors}), and a timer route failing unexpectedly is one ERROR line per run and runs again
 * ({@code timer-errors}); Camel's default error handler never logs either.
 */
class RouteConfigurationErrorHandlingTest {
    private static final String SECRET_DETAIL = "detail-that-stays-in-the-log /var/lib/stagesync/internal";

    @TempDir
    Path dir;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        root.detachAppender(log);
    }

    @Test
    void everyRouteOptsIntoTheConfigurationOfItsKind() throws Exception {
        try (AdminTestBed bed = AdminTestBed.withToken(dir).start()) {
            CamelContext camel = bed.app().main().getCamelContext();
            // a poll route as StagesyncApplication makes one per connector (none is configured here)
            camel.addRouteFromTemplate("sync-probe", "sync", Map.of("system", "probe"));
            try {
                for (Route route : camel.getRoutes()) {
                    String id = route.getRouteId();
                    if (id.startsWith("admin-") || id.startsWith("dashboard-")) {
                        assertThat(route.getConfigurationId()).as(id).isEqualTo("admin-errors");
                    } else if (id.startsWith("rest-")) {
                        assertThat(route.getEndpoint().getEndpointUri()).as(id).startsWith("rest:");
                    } else {
                        assertThat(id).isIn("heartbeat", "dead-letter-retry", "campaign-costs", "sync-probe", "reconcile");
                        assertThat(route.getConfigurationId()).as(id).isEqualTo("timer-errors");
                    }
                }
                assertThat(camel.getRoute("sync-probe")).isNotNull();
            } finally {
                camel.getRouteController().stopRoute("sync-probe");
                camel.removeRoute("sync-probe");
            }
        }
    }

    @Test
    void anUnexpectedExceptionInAnAdminEndpointIs500JsonNamingItWithoutItsStackTrace() throws Exception {
        try (AdminTestBed bed = AdminTestBed.withToken(dir)) {
            AdminSeed seed = AdminSeed.into(bed.store());
            bed.start(app -> app.replayDeadLettersWith(new DeadLetterReplayer() {
                @Override
                public boolean available() {
                    throw new UnsupportedOperationException(SECRET_DETAIL);
                }

                @Override
                public Result replay(DeadLetter letter) {
                    throw new AssertionError("not reached");
                }
            }));

            HttpResponse<String> response = bed.post("/api/dead-letters/" + seed.first.id() + "/replay",
                    AdminTestBed.TOKEN);

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.headers().firstValue("content-type")).hasValue(AdminHttp.JSON_TYPE);
            assertThat(response.body())
                    .isEqualTo("{\"status\":500,\"error\":\"internal error (UnsupportedOperationException); see the log\"}")
                    .doesNotContain(SECRET_DETAIL).doesNotContain("\tat ").doesNotContain("io.stagesync");
            assertThat(log.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                assertThat(e.getLoggerName()).isEqualTo(AdminHttp.class.getName());
                assertThat(e.getFormattedMessage()).contains("POST /api/dead-letters/" + seed.first.id() + "/replay");
                assertThat(e.getThrowableProxy().getMessage()).isEqualTo(SECRET_DETAIL);
            });
            assertThat(camelErrorHandlerLines()).isEmpty();
            // the failure changed nothing, and the next request is answered as usual
            assertThat(bed.get("/api/dead-letters/" + seed.first.id() + "/replay").statusCode()).isEqualTo(405);
            assertThat(bed.get("/api/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aStoreThatDoesNotAnswerIs503JsonAndARefusalKeepsItsStatus() throws Exception {
        try (AdminTestBed bed = AdminTestBed.withToken(dir).start()) {
            HttpResponse<String> refused = bed.get("/api/dead-letters?limit=0");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).startsWith("{\"status\":400,").contains("\"parameter\":\"limit\"");

            bed.store().close();
            HttpResponse<String> response = bed.get("/api/dead-letters");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("content-type")).hasValue(AdminHttp.JSON_TYPE);
            assertThat(response.body())
                    .isEqualTo("{\"status\":503,\"error\":\"the state store does not answer; see the log\"}");
            assertThat(camelErrorHandlerLines()).isEmpty();
        }
    }

    @Test
    void aTimerRouteFailingUnexpectedlyIsOneErrorLinePerRunAndRunsAgain() throws Exception {
        try (AdminTestBed bed = new AdminTestBed(dir, "stagesync.heartbeat.period-seconds=1\n", Map.of()).start()) {
            CamelContext camel = bed.app().main().getCamelContext();
            // the heartbeat reads the store: closed, it throws, which SyncStatus does not expect
            bed.store().close();

            await().atMost(Duration.ofSeconds(30)).until(() -> heartbeatFailures().size() >= 2);

            ILoggingEvent line = heartbeatFailures().get(0);
            assertThat(line.getLevel()).isEqualTo(Level.ERROR);
            assertThat(line.getFormattedMessage()).startsWith("route heartbeat failed, it runs again on its next tick: ")
                    .contains("\tat io.stagesync.app.SyncStatus.heartbeat");
            assertThat(camel.getRouteController().getRouteStatus("heartbeat")).isEqualTo(ServiceStatus.Started);
            assertThat(camelErrorHandlerLines()).isEmpty();
        }
    }

    private List<ILoggingEvent> heartbeatFailures() {
        return List.copyOf(log.list).stream().filter(e -> e.getLoggerName().equals("io.stagesync.routes")
                && e.getFormattedMessage().startsWith("route heartbeat failed")).toList();
    }

    /** What Camel's own error handler logs for an exchange that failed unhandled ("Failed delivery for …"). */
    private List<String> camelErrorHandlerLines() {
        return List.copyOf(log.list).stream().filter(e -> e.getLoggerName().startsWith("org.apache.camel.processor.errorhandler"))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
