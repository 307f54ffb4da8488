package io.stagesync.connector.eloqua;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesync.connector.RequestAuthenticator;
import io.stagesync.connector.SystemCallException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Bearer tokens from Eloqua's OAuth 2.0 token endpoint, {@code POST {login-url}/auth/oauth2/token}
 * (saas-apis.md §2.1), for a headless service: the {@code refresh_token} grant when a refresh
 * token is configured, else the resource-owner {@code password} grant with {@code Site\User}.
 *
 * <p>The app authenticates with HTTP Basic {@code client_id:client_secret}; the body is JSON:
 * {@code {"grant_type": "refresh_token", "refresh_token": "…", "scope": "full"[, "redirect_uri": "…"]}}
 * or {@code {"grant_type": "password", "scope": "full", "username": "Site\User", "password": "…"}}.
 * Both details are VERIFY (§2.1 calls them "commonly implemented"; public clients also send the
 * refresh grant form-encoded). When the response carries a new {@code refresh_token} it replaces
 * the old one for the next refresh; it is kept in memory only, so a restart starts again from
 * the configured one.
 *
 * <p>The token is cached until {@value #REFRESH_MARGIN_SECONDS} seconds (at most half its life)
 * before {@code expires_in} runs out ({@value #DEFAULT_EXPIRES_IN} s when the response does not
 * say: the lifetime is VERIFY). {@link #renew} drops the cached token after a 401 unless another
 * thread already replaced it. Thread-safe: one token request at a time.
 */
final class OAuth2Authenticator implements RequestAuthenticator {
    static final String TOKEN_PATH = "/auth/oauth2/token";
    static final String OPERATION = "oauth2 token";
    static final long REFRESH_MARGIN_SECONDS = 60;
    static final long DEFAULT_EXPIRES_IN = 3600;
    static final String ADVICE = "Eloqua refused the OAuth 2.0 access token even after a new one was issued. Check"
            + " that the AppCloud app is still installed and enabled and that the user it acts for has API access";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EloquaSettings settings;
    private final EloquaHttp http;
    private final Clock clock;
    private String refreshToken;
    private String token;
    private Instant renewAt = Instant.MIN;

    OAuth2Authenticator(EloquaSettings settings, EloquaHttp http, Clock clock) {
        if (settings.authType() != EloquaSettings.AuthType.OAUTH2) {
            throw new IllegalArgumentException("the settings are for " + settings.authType().key() + ", not oauth2");
        }
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.refreshToken = settings.refreshToken().orElse(null);
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

    @Override
    public String unauthorizedAdvice() {
        return ADVICE;
    }

    private void fetchToken() {
        Instant now = clock.instant();
        ObjectNode body = JSON.createObjectNode();
        if (refreshToken != null) {
            body.put("grant_type", "refresh_token").put("refresh_token", refreshToken).put("scope", "full");
            settings.redirectUri().ifPresent(uri -> body.put("redirect_uri", uri));
        } else {
            body.put("grant_type", "password").put("scope", "full").put("username", settings.siteUser())
                    .put("password", settings.password());
        }
        EloquaHttp.Response response = http.send(OPERATION, new EloquaHttp.Request("POST", settings.loginUrl(),
                TOKEN_PATH, null, Map.of("Authorization", BasicAuthenticator.header(settings.clientId(),
                        settings.clientSecret()), "Content-Type", "application/json"),
                body.toString().getBytes(StandardCharsets.UTF_8)));
        if (response.status() / 100 != 2) {
            throw refused(response);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            json = null;
        }
        JsonNode accessToken = json == null ? null : json.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
            // The body may hold tokens: never put it in the exception.
            throw EloquaErrors.unusable(OPERATION, response.status(), "the token response has no access_token", null, null);
        }
        long expiresIn = json.path("expires_in").asLong(DEFAULT_EXPIRES_IN);
        if (expiresIn <= 0) {
            expiresIn = DEFAULT_EXPIRES_IN;
        }
        JsonNode rotated = json.get("refresh_token");
        if (refreshToken != null && rotated != null && rotated.isTextual() && !rotated.asText().isBlank()) {
            refreshToken = rotated.asText();
        }
        token = accessToken.asText();
        renewAt = now.plus(Duration.ofSeconds(expiresIn - Math.min(REFRESH_MARGIN_SECONDS, expiresIn / 2)));
    }

    private SystemCallException refused(EloquaHttp.Response response) {
        EloquaCallException e = EloquaErrors.fromResponse(OPERATION, response.status(), response.body(),
                response.header("Retry-After"), null, clock);
        if (e.retriable()) {
            return e;
        }
        String advice = refreshToken != null
                ? "Eloqua's token endpoint refused the refresh token; it may have expired, been revoked or been"
                        + " replaced by a newer one. Authorize the app again and set " + EloquaSettings.KEY_REFRESH_TOKEN
                        + "; also check " + EloquaSettings.KEY_CLIENT_ID + " and " + EloquaSettings.KEY_CLIENT_SECRET
                : "Eloqua's token endpoint refused the password grant; check " + EloquaSettings.KEY_CLIENT_ID + ", "
                        + EloquaSettings.KEY_CLIENT_SECRET + ", " + EloquaSettings.KEY_SITE + ", "
                        + EloquaSettings.KEY_USERNAME + " and " + EloquaSettings.KEY_PASSWORD;
        return new EloquaCallException(OPERATION, e.status(), e.vendorCode(), advice
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e.bodyExcerpt(), false, null,
                e.validationErrors());
    }
}
