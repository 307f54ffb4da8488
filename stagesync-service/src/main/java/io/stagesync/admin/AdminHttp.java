package io.stagesync.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.stagesync.metrics.SyncMetrics;
import io.stagesync.store.StoreException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean the admin routes call ({@code adminHttp}), one method per endpoint: reads the request, calls
 * {@link AdminApi}, writes the reply as JSON with its status. An endpoint method answers only what went
 * right (and the refusals {@link AdminApi} returns as replies); what it throws is answered by
 * {@link #failed(Exchange)}, which the route configuration {@code admin-errors} ({@code routes/errors.yaml})
 * calls for every admin route: JSON too, {@code {"status": 400, "error": "…", "parameter": "limit"}}; an
 * unexpected failure is logged and answered 500 naming only its class, a state store failure 503.
 *
 * <p>The response carries only the headers set here (Content-Type, Cache-Control, nosniff): the message's
 * other headers (copies of the request's headers and parameters) are removed, and no CORS header is ever
 * sent. Thread-safe.
 */
public final class AdminHttp {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHttp.class);
    /** Instants as ISO-8601 text ({@link java.time.Instant#toString()}), e.g. 2025-03-07T09:00:00Z. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new SimpleModule("stagesync-admin")
            .addSerializer(java.time.Instant.class, ToStringSerializer.instance));
    static final String JSON_TYPE = "application/json; charset=utf-8";

    private final AdminApi api;
    private final SyncMetrics metrics;

    public AdminHttp(AdminApi api, SyncMetrics metrics) {
        this.api = Objects.requireNonNull(api, "api");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public void health(Exchange exchange) {
        respond(exchange, Set.of(), r -> api.health());
    }

    public void connectors(Exchange exchange) {
        respond(exchange, Set.of(), r -> api.connectors());
    }

    public void violations(Exchange exchange) {
        respond(exchange, AdminApi.VIOLATION_PARAMS, r -> api.violations(r.query()));
    }

    public void deadLetters(Exchange exchange) {
        respond(exchange, AdminApi.DEAD_LETTER_PARAMS, r -> api.deadLetters(r.query()));
    }

    /** {@code POST /api/dead-letters/{id}/replay}. */
    public void replay(Exchange exchange) {
        respond(exchange, Set.of(), r -> api.replay(r.segment(2)));
    }

    /** {@code POST /api/dead-letters/replay?system=&limit=}. */
    public void replayAll(Exchange exchange) {
        respond(exchange, AdminApi.REPLAY_ALL_PARAMS, r -> api.replayAll(r.query()));
    }

    /** {@code GET /api/reconcile}. */
    public void lastReconcile(Exchange exchange) {
        respond(exchange, Set.of(), r -> api.lastReconcile());
    }

    /** {@code POST /api/reconcile?repair=}. */
    public void reconcile(Exchange exchange) {
        respond(exchange, AdminApi.RECONCILE_PARAMS, r -> api.reconcile(r.query()));
    }

    /** {@code POST /api/dead-letters/{id}/discard?reason=}. */
    public void discard(Exchange exchange) {
        respond(exchange, AdminApi.DISCARD_PARAMS, r -> api.discard(r.segment(2), r.query()));
    }

    /** {@code GET /api/records/{canonicalId}/history}. */
    public void recordHistory(Exchange exchange) {
        respond(exchange, Set.of(), r -> api.recordHistory(r.segment(2)));
    }

    public void kpis(Exchange exchange) {
        respond(exchange, AdminApi.KPI_PARAMS, r -> api.kpis(r.query()));
    }

    /** {@code GET /api/kpis/trend}. */
    public void kpiTrend(Exchange exchange) {
        respond(exchange, AdminApi.KPI_TREND_PARAMS, r -> api.kpiTrend(r.query()));
    }

    /** {@code GET /api/kpis/{kpi}/entries}. */
    public void kpiEntries(Exchange exchange) {
        respond(exchange, AdminApi.KPI_ENTRIES_PARAMS, r -> api.kpiEntries(r.segment(2), r.query()));
    }

    /** {@code GET /metrics}: Prometheus text. */
    public void metrics(Exchange exchange) {
        AdminQuery.parse(AdminRequest.of(exchange).rawQuery(), Set.of());
        String text = metrics.scrape();
        clearHeaders(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, SyncMetrics.contentType());
        exchange.getMessage().setBody(text);
    }

    /**
     * The admin routes' error handler (route configuration {@code admin-errors}): answers the exception that
     * failed the request ({@link Exchange#EXCEPTION_CAUGHT}) as JSON: an {@link AdminException} with its status
     * and message, a {@link StoreException} 503, anything else 500 naming only the exception's class (logged
     * here with its stack trace, which never goes into a response).
     */
    public void failed(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        fail(exchange, caught != null ? caught : new IllegalStateException("the route failed without an exception"));
    }

    /** A parsed request: its query (checked against the endpoint's parameters) and path segments. */
    record Parsed(AdminQuery query, List<String> segments) {
        String segment(int index) {
            return index < segments.size() ? segments.get(index) : "";
        }
    }

    private void respond(Exchange exchange, Set<String> params, Function<Parsed, AdminReply> call) {
        AdminRequest request = AdminRequest.of(exchange);
        List<String> segments;
        try {
            segments = request.segments();
        } catch (IllegalArgumentException e) {
            throw AdminException.badParameter("path", "bad percent-encoding in the path");
        }
        AdminReply reply = call.apply(new Parsed(AdminQuery.parse(request.rawQuery(), params), segments));
        write(exchange, reply.status(), reply.body());
    }

    private static void fail(Exchange exchange, Throwable e) {
        if (e instanceof AdminException admin) {
            write(exchange, admin.status(), AdminViews.error(admin.status(), admin.getMessage(), admin.parameter()));
        } else if (e instanceof StoreException) {
            LOG.warn("admin request failed: the state store does not answer: {}", e.getMessage());
            write(exchange, 503, AdminViews.error(503, "the state store does not answer; see the log", null));
        } else {
            AdminRequest request = AdminRequest.of(exchange);
            LOG.error("admin request {} {} failed", request.method(), request.path(), e);
            write(exchange, 500, AdminViews.error(500, "internal error (" + e.getClass().getSimpleName()
                    + "); see the log", null));
        }
    }

    /** Sets the response: status, JSON body, and only the admin API's own headers. */
    static void write(Exchange exchange, int status, Object body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            LOG.error("cannot render an admin reply as JSON", e);
            status = 500;
            json = "{\"status\":500,\"error\":\"cannot render the reply; see the log\"}";
        }
        clearHeaders(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, JSON_TYPE);
        exchange.getMessage().setBody(json);
    }

    private static void clearHeaders(Exchange exchange) {
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader("X-Content-Type-Options", "nosniff");
        // Camel's HTTP header filter drops Cache-Control from messages: set it on the response itself
        if (exchange.getIn() instanceof HttpMessage http && http.getResponse() != null) {
            http.getResponse().putHeader("Cache-Control", "no-store");
        }
    }
}
