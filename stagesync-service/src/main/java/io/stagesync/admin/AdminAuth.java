package io.stagesync.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin routes' gate (bean {@code adminAuth}): lets a request through only when its
 * {@code Authorization} header is {@code Bearer <stagesync.admin.token>}; otherwise it answers 401 with
 * a JSON error and a {@code WWW-Authenticate} header, and stops the route.
 *
 * <p>The token is read from the HTTP request header only, never from a query parameter (platform-http
 * copies both into message headers). The comparison takes the same time wherever the tokens differ: both
 * sides are hashed with SHA-256 and compared with {@link MessageDigest#isEqual}. With no token configured
 * every request is refused (the reason is logged once at start-up and told in the 401 body). Thread-safe.
 */
public final class AdminAuth implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAuth.class);
    static final String BEARER = "Bearer ";

    private final byte[] expectedDigest;

    /** @param token nullable: the configured token; null or empty refuses everything */
    public AdminAuth(String token) {
        this.expectedDigest = token == null || token.isEmpty() ? null : sha256(token);
    }

    /** Whether a token is configured (otherwise every protected endpoint answers 401). */
    public boolean configured() {
        return expectedDigest != null;
    }

    @Override
    public void process(Exchange exchange) {
        AdminRequest request = AdminRequest.of(exchange);
        String refusal = refusal(request.authorization());
        if (refusal != null) {
            LOG.debug("admin request refused: {} {}: {}", request.method(), request.path(), refusal);
            AdminHttp.write(exchange, 401, AdminViews.error(401, refusal, null));
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"stagesync\"");
            exchange.setRouteStop(true);
        }
    }

    /** Nullable: why the header is refused; null when it carries the configured token. */
    String refusal(String authorization) {
        if (expectedDigest == null) {
            return "the admin API is locked: no token is configured (set stagesync.admin.token to ${env:NAME} or "
                    + "${file:PATH})";
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return "missing bearer token: send the header Authorization: Bearer TOKEN";
        }
        byte[] given = sha256(authorization.substring(BEARER.length()).trim());
        return MessageDigest.isEqual(expectedDigest, given) ? null : "invalid bearer token";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
