package io.stagesync.connector.pardot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.connector.RequestAuthenticator;
import io.stagesync.connector.SystemCallException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Salesforce OAuth 2.0 access token every Account Engagement call carries.
 *
 * <p>{@code POST {login-url}/services/oauth2/token} with an {@code application/x-www-form-urlencoded}
 * body per flow (saas-apis.md §1.2):
 * <ul>
 * <li>client credentials: {@code grant_type=client_credentials}, {@code client_id}, {@code client_secret};</li>
 * <li>password: {@code grant_type=password}, {@code client_id}, {@code client_secret},
 *     {@code username}, {@code password} (followed by the security token when configured);</li>
 * <li>JWT bearer: {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}, {@code assertion}
 *     (see {@link JwtBearerAssertion}).</li>
 * </ul>
 * The token is cached until Account Engagement rejects it: Salesforce's token response carries
 * no lifetime and none of these flows issues a refresh token, so a rejected token is replaced by
 * running the flow again. {@link #renew} drops the cached token unless another thread already
 * replaced it. The connectors' one {@link RequestAuthenticator} contract. Thread-safe: one token request at a time.
 */
final class SalesforceTokenSource implements RequestAuthenticator {
    static final String TOKEN_PATH = "/services/oauth2/token";
    static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String OPERATION = "oauth token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PardotSettings settings;
    private final PardotHttp http;
    private final Clock clock;
    private final JwtBearerAssertion jwt;
    private String token;

    /**
     * @param http the client of the login host ({@link PardotSettings#loginUrl()})
     * @throws IllegalArgumentException for jwt when the signing key cannot be read
     */
    SalesforceTokenSource(PardotSettings settings, PardotHttp http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.jwt = settings.authType() == PardotSettings.AuthType.JWT ? new JwtBearerAssertion(settings) : null;
    }

    /**
     * The cached access token, or a new one.
     *
     * @throws PardotCallException when Salesforce refuses the request: permanent with what to
     *     check for the flow in use, retriable for 429 and 5xx
     * @throws SystemCallException when no response came (retriable) or the answer has no token
     */
    synchronized String token() {
        if (token == null) {
            token = fetch();
        }
        return token;
    }

    /** {@code Bearer} and the cached access token, or a new one (see {@link #token()}); the URL does not matter. */
    @Override
    public String authorization(String method, String url) {
        return "Bearer " + token();
    }

    /**
     * Forgets the token of {@code rejected} so the next {@link #token()} runs the flow again; keeps a token another
     * thread got meanwhile. Always true: the flow issues a new token.
     */
    @Override
    public synchronized boolean renew(String rejected) {
        if (rejected.equals("Bearer " + token)) {
            token = null;
        }
        return true;
    }

    /** The form fields of the token request, in the order sent. */
    Map<String, String> form() {
        Map<String, String> form = new LinkedHashMap<>();
        switch (settings.authType()) {
            case CLIENT_CREDENTIALS -> {
                form.put("grant_type", "client_credentials");
                form.put("client_id", settings.clientId());
                form.put("client_secret", settings.clientSecret());
            }
            case PASSWORD -> {
                form.put("grant_type", "password");
                form.put("client_id", settings.clientId());
                form.put("client_secret", settings.clientSecret());
                form.put("username", settings.username());
                form.put("password", settings.passwordWithSecurityToken());
            }
            case JWT -> {
                form.put("grant_type", JWT_BEARER_GRANT);
                form.put("assertion", jwt.create(clock.instant()));
            }
            default -> throw new IllegalStateException("unknown auth type " + settings.authType());
        }
        return form;
    }

    private String fetch() {
        String body = form().entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        PardotHttp.Response response = http.send(OPERATION, new PardotHttp.Request("POST", TOKEN_PATH, null,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                body.getBytes(StandardCharsets.UTF_8)));
        if (response.status() / 100 != 2) {
            throw PardotErrors.fromTokenResponse(OPERATION, response.status(), response.body(),
                    response.header("Retry-After"), advice(), clock);
        }
        JsonNode root;
        try {
            root = JSON.readTree(response.body());
        } catch (IOException e) {
            root = null;
        }
        JsonNode accessToken = root == null ? null : root.get("access_token");
        if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
            throw new SystemCallException(PardotHttp.SYSTEM, OPERATION, response.status(), null,
                    "Salesforce's token response has no access_token", null, false, null, null);
        }
        return accessToken.asText();
    }

    private String advice() {
        String flow = "Salesforce refused the " + settings.authType().key() + " token request at " + settings.loginUrl()
                + TOKEN_PATH + ". Check " + PardotSettings.KEY_CLIENT_ID + " (the connected app's consumer key)";
        return switch (settings.authType()) {
            case CLIENT_CREDENTIALS -> flow + ", " + PardotSettings.KEY_CLIENT_SECRET + ", that "
                    + PardotSettings.KEY_LOGIN_URL + " is the org's My Domain URL and that the app enables the client"
                    + " credentials flow with a run-as user";
            case PASSWORD -> flow + ", " + PardotSettings.KEY_CLIENT_SECRET + ", " + PardotSettings.KEY_USERNAME + ", "
                    + PardotSettings.KEY_PASSWORD + " and " + PardotSettings.KEY_SECURITY_TOKEN
                    + ", and that the org allows the username-password flow";
            case JWT -> flow + ", " + PardotSettings.KEY_USERNAME + " (the JWT sub), that the certificate uploaded to"
                    + " the app matches the key in " + PardotSettings.KEY_JWT_KEYSTORE_PATH + ", that the user is"
                    + " pre-authorized for the app, " + PardotSettings.KEY_JWT_AUDIENCE + " and this machine's clock";
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
