package io.stagesync.sandbox.pardot;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The access tokens the Pardot simulator accepts: the ones its own token endpoint issued (a minimal
 * Salesforce OAuth 2.0 {@code POST /services/oauth2/token}, password and client-credentials
 * flows, saas-apis.md §1.2), and, when an external issuer is configured, whatever that issuer's
 * predicate accepts. Thread-safe.
 */
final class PardotTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A refused token request: Salesforce's {@code {"error", "error_description"}} with status 400. */
    record Refusal(String error, String description) {
    }

    private final String clientId;
    private final String clientSecret;
    private final String username;
    private final String password;
    private final Predicate<String> external;
    private final Set<String> issued = new HashSet<>();

    /** @param external tokens issued elsewhere that are accepted too, or null for none */
    PardotTokens(String clientId, String clientSecret, String username, String password, Predicate<String> external) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.username = username;
        this.password = password;
        this.external = external;
    }

    /**
     * Checks a token request's form fields.
     *
     * @return the new access token
     * @throws RefusalException with Salesforce's error for an unsupported grant or wrong credentials
     */
    synchronized String issue(Map<String, String> form) {
        String grant = form.get("grant_type");
        if (!"password".equals(grant) && !"client_credentials".equals(grant)) {
            throw new RefusalException(new Refusal("unsupported_grant_type", "grant type not supported"));
        }
        if (!clientId.equals(form.get("client_id"))) {
            throw new RefusalException(new Refusal("invalid_client_id", "client identifier invalid"));
        }
        if (!clientSecret.equals(form.get("client_secret"))) {
            throw new RefusalException(new Refusal("invalid_client", "invalid client credentials"));
        }
        if (grant.equals("password") && !(username.equals(form.get("username")) && password.equals(form.get("password")))) {
            throw new RefusalException(new Refusal("invalid_grant", "authentication failure"));
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        StringBuilder token = new StringBuilder("00DSB0000000001!AQ4AQ.");
        for (byte b : bytes) {
            token.append(String.format("%02x", b));
        }
        issued.add(token.toString());
        return token.toString();
    }

    /** Whether API calls may carry this token (non-empty, issued here or accepted by the external issuer). */
    synchronized boolean accepts(String token) {
        return token != null && !token.isBlank() && (issued.contains(token) || external != null && external.test(token));
    }

    /** Forgets the tokens issued here, as an expired session would; clients must get new ones. */
    synchronized void revokeAll() {
        issued.clear();
    }

    /** Carries a {@link Refusal} to the HTTP edge. */
    static final class RefusalException extends RuntimeException {
        private final transient Refusal refusal;

        RefusalException(Refusal refusal) {
            super(refusal.error(), null, false, false);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }
}
