package io.stagesync.admin;

import java.util.List;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The bean the dashboard routes call ({@code dashboardHttp}, {@code routes/dashboard.yaml}): answers
 * {@code GET /} with the page and {@code GET /dashboard/NAME} with its script or stylesheet; any other name
 * is a 404. No token is needed: the files hold no data.
 *
 * <p>Every answer carries {@link #CONTENT_SECURITY_POLICY} (scripts, styles and API calls from this origin
 * only; no inline script, no framing, no form submission), {@code Cache-Control: no-store},
 * {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer}, and never a CORS header.
 * Thread-safe.
 */
public final class DashboardHttp {
    /** What the page may load and do: only this origin, nothing inline, no frames, no form posts. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final DashboardAssets assets;

    /** Reads the dashboard's files from this class's class loader; fails at start-up when one is missing. */
    public DashboardHttp() {
        this(DashboardAssets.fromClasspath(DashboardHttp.class.getClassLoader()));
    }

    DashboardHttp(DashboardAssets assets) {
        this.assets = Objects.requireNonNull(assets, "assets");
    }

    /** {@code GET /}: the page. */
    public void page(Exchange exchange) {
        respond(exchange, 200, assets.page().contentType(), assets.page().body());
    }

    /** {@code GET /dashboard/{asset}}: one of the page's files, or 404. */
    public void asset(Exchange exchange) {
        List<String> segments;
        try {
            segments = AdminRequest.of(exchange).segments();
        } catch (IllegalArgumentException badEncoding) {
            segments = List.of();
        }
        String name = segments.size() == 2 ? segments.get(1) : "";
        assets.find(name).filter(a -> !a.name().equals(DashboardAssets.PAGE)).ifPresentOrElse(
                a -> respond(exchange, 200, a.contentType(), a.body()),
                () -> respond(exchange, 404, "text/plain; charset=utf-8",
                        "not a dashboard file\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void respond(Exchange exchange, int status, String contentType, byte[] body) {
        var message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setBody(body);
        // Camel's HTTP header filter drops Cache-Control from messages: set it on the response itself
        if (exchange.getIn() instanceof HttpMessage http && http.getResponse() != null) {
            http.getResponse().putHeader("Cache-Control", "no-store");
        }
    }
}
