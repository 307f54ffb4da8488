package io.stagesync.sandbox.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesync.sandbox.http.SimRequest;
import io.stagesync.sandbox.http.SimResponse;
import io.stagesync.sandbox.http.SimulatorServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The OAuth 2.0 endpoints of the simulated org: {@code POST /services/oauth2/token} for the username-password
 * ({@code grant_type=password}) and client-credentials flows, checked against the configured connected app and
 * user, and {@code /services/oauth2/revoke}, which camel-salesforce calls when it stops. Issues random bearer
 * tokens ({@code <org id>!<random>}) and answers token responses and OAuth errors in Salesforce's shapes
 * (saas-apis.md §1.2). Thread-safe.
 */
final class SalesforceLogin {
    static final String ORG_ID = SalesforceIds.id("00D", 1);

    /** The connected app and integration user the org accepts. */
    record Credentials(String clientId, String clientSecret, String username, String password) {
        @Override
        public String toString() {
            return "Credentials[clientId=" + clientId + ", username=" + username + ", secrets=****]";
        }
    }

    private final Credentials credentials;
    private final Supplier<String> baseUrl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> tokens = new HashSet<>();
    private long logins;

    /** @param baseUrl the login host and instance URL at once (the simulator's own) */
    SalesforceLogin(Credentials credentials, Supplier<String> baseUrl, Clock clock) {
        this.credentials = credentials;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    void register(SimulatorServer server) {
        server.on("POST", "/services/oauth2/token", this::token);
        server.on("GET", "/services/oauth2/revoke", this::revoke);
        server.on("POST", "/services/oauth2/revoke", this::revoke);
    }

    /** Whether an {@code Authorization} header carries a token this org issued and has not revoked. */
    synchronized boolean isValid(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ")
                && tokens.contains(authorization.substring("Bearer ".length()).trim());
    }

    /** Ends every session, as an admin's "revoke all" or a session timeout would; the next call gets 401. */
    synchronized void expireAll() {
        tokens.clear();
    }

    /** Successful logins so far. */
    synchronized long logins() {
        return logins;
    }

    private SimResponse token(SimRequest request) {
        Map<String, String> form = SimRequest.parseQuery(request.body());
        String grant = form.getOrDefault("grant_type", "");
        if (!grant.equals("password") && !grant.equals("client_credentials")) {
            return oauthError("unsupported_grant_type", "grant type not supported");
        }
        if (!credentials.clientId().equals(form.get("client_id"))) {
            return oauthError("invalid_client_id", "client identifier invalid");
        }
        if (!equalSecrets(credentials.clientSecret(), form.get("client_secret"))) {
            return oauthError("invalid_client", "invalid client credentials");
        }
        if (grant.equals("password") && (!credentials.username().equals(form.get("username"))
                || !equalSecrets(credentials.password(), form.get("password")))) {
            return oauthError("invalid_grant", "authentication failure");
        }
        String token = ORG_ID.substring(0, 15) + "!" + randomText(48);
        String issuedAt = Long.toString(clock.millis());
        String identity = baseUrl.get() + "/id/" + ORG_ID + "/" + SalesforceOrg.INTEGRATION_USER;
        synchronized (this) {
            tokens.add(token);
            logins++;
        }
        ObjectNode body = json.createObjectNode();
        body.put("access_token", token);
        body.put("instance_url", baseUrl.get());
        body.put("id", identity);
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        body.put("signature", signature(identity + issuedAt));
        return SimResponse.json(body.toString());
    }

    private SimResponse revoke(SimRequest request) {
        String token = request.param("token");
        if (token == null) {
            token = SimRequest.parseQuery(request.body()).get("token");
        }
        synchronized (this) {
            if (token == null || !tokens.remove(token)) {
                return oauthError("invalid_token", "invalid token");
            }
        }
        return SimResponse.empty(200);
    }

    private SimResponse oauthError(String error, String description) {
        ObjectNode body = json.createObjectNode();
        body.put("error", error);
        body.put("error_description", description);
        return SimResponse.json(400, body.toString());
    }

    /** Base64 HMAC-SHA256 keyed with the client secret, as Salesforce signs {@code id + issued_at}. */
    private String signature(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(credentials.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private String randomText(int length) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(chars.charAt(random.nextInt(chars.length())));
        }
        return out.toString();
    }

    private static boolean equalSecrets(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
