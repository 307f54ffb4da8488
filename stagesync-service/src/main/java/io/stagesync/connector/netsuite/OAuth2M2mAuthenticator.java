package io.stagesync.connector.netsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.connector.RequestAuthenticator;
import io.stagesync.connector.SystemCallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Bearer tokens from NetSuite's OAuth 2.0 client credentials (M2M) flow.
 *
 * <p>{@code POST /services/rest/auth/oauth2/v1/token} with the form fields
 * {@code grant_type=client_credentials},
 * {@code client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer} and
 * {@code client_assertion=<PS256 JWT>} (see {@link ClientAssertion}). The token is cached until
 * {@value #REFRESH_MARGIN_SECONDS} seconds (at most half its life) before {@code expires_in}
 * runs out; there is no refresh token, a new assertion is signed instead. {@link #renew} drops
 * the cached token after a 401 unless another thread already replaced it. Thread-safe: one token request at a time.
 */
final class OAuth2M2mAuthenticator implements RequestAuthenticator {
    static final String TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final long REFRESH_MARGIN_SECONDS = 60;
    private static final long DEFAULT_EXPIRES_IN = 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NetSuiteSettings settings;
    private final NetSuiteHttp http;
    private final Clock clock;
    private final RSAPrivateKey key;
    private String token;
    private Instant renewAt = Instant.MIN;

    OAuth2M2mAuthenticator(NetSuiteSettings settings, NetSuiteHttp http, Clock clock) {
        if (settings.authType() != NetSuiteSettings.AuthType.OAUTH2_M2M) {
            throw new IllegalArgumentException("the settings are for " + settings.authType().key() + ", not oauth2-m2m");
        }
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.key = Pem.rsaPrivateKey(settings.privateKeyPem());
    }

    @Override
    public synchronized String authorization(String method, String url) {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetchToken();
        }
        return "Bearer " + token;
    }

    @Override
    public synchronized boolean renew(String rejected) {
        if (token != null && rejected.equals("Bearer " + token)) {
            token = null;
        }
        return true;
    }

    private void fetchToken() {
        String operation = "oauth2 token";
        Instant now = clock.instant();
        String assertion = ClientAssertion.create(settings.clientId(), settings.certificateId(), settings.scope(),
                settings.tokenUrl(), now, ClientAssertion.LIFETIME, key);
        String form = "grant_type=client_credentials&client_assertion_type=" + Rfc3986.encode(ASSERTION_TYPE)
                + "&client_assertion=" + Rfc3986.encode(assertion);
        NetSuiteHttp.Response response = http.send(operation, new NetSuiteHttp.Request("POST", TOKEN_PATH, null,
                Map.of("Content-Type", "application/x-www-form-urlencoded"), form.getBytes(StandardCharsets.UTF_8)));
        if (response.status() / 100 != 2) {
            NetSuiteCallException e = NetSuiteErrors.fromResponse(operation, response.status(), response.body(),
                    response.header("Retry-After"), null, clock);
            if (e.retriable()) {
                throw e;
            }
            throw new NetSuiteCallException(operation, e.status(), e.vendorCode(), "NetSuite's token endpoint refused"
                    + " the client assertion; check the client id, the certificate id, that the key matches the"
                    + " certificate of the M2M setup mapping and that it is neither revoked nor expired, and this"
                    + " machine's clock" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
                    e.bodyExcerpt(), false, null, e.details());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        JsonNode accessToken = body == null ? null : body.get("access_token");
        if (accessToken == null || accessToken.asText().isBlank()) {
            throw new SystemCallException(NetSuiteHttp.SYSTEM, operation, response.status(), null,
                    "the token response has no access_token", NetSuiteErrors.excerpt(response.body()), false, null, null);
        }
        long expiresIn = body.path("expires_in").asLong(DEFAULT_EXPIRES_IN);
        if (expiresIn <= 0) {
            expiresIn = DEFAULT_EXPIRES_IN;
        }
        token = accessToken.asText();
        renewAt = now.plus(Duration.ofSeconds(expiresIn - Math.min(REFRESH_MARGIN_SECONDS, expiresIn / 2)));
    }
}
