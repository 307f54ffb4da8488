package io.stagesync.connector.netsuite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Builds the JWT client assertion of NetSuite's OAuth 2.0 client credentials (M2M) flow, signed
 * PS256 (RSASSA-PSS, SHA-256, MGF1 SHA-256, salt 32 bytes).
 *
 * <p>Header {@code {"alg":"PS256","typ":"JWT","kid":certificateId}}; claims {@code iss} (client
 * id), {@code scope} (comma-separated), {@code aud} (the token endpoint URL), {@code iat} and
 * {@code exp} in Unix seconds. NetSuite wants {@code exp} less than 60 minutes after {@code iat}.
 * Stateless and thread-safe.
 */
final class ClientAssertion {
    /** PSS parameters of PS256 (RFC 7518 §3.5). */
    static final PSSParameterSpec PS256 = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);
    /** How long an assertion is valid: well under NetSuite's 60 minutes, generous for clock skew. */
    static final Duration LIFETIME = Duration.ofMinutes(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private ClientAssertion() {
    }

    /**
     * A signed compact JWT.
     *
     * @param lifetime {@code exp - iat}; positive and under 60 minutes
     */
    static String create(String clientId, String certificateId, String scope, String audience, Instant now,
                         Duration lifetime, RSAPrivateKey key) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofMinutes(60)) >= 0) {
            throw new IllegalArgumentException("assertion lifetime must be positive and under 60 minutes: " + lifetime);
        }
        ObjectNode header = JSON.createObjectNode().put("alg", "PS256").put("typ", "JWT").put("kid", certificateId);
        long iat = now.getEpochSecond();
        ObjectNode claims = JSON.createObjectNode().put("iss", clientId).put("scope", scope).put("aud", audience)
                .put("iat", iat).put("exp", iat + lifetime.toSeconds());
        String signingInput = B64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature pss = Signature.getInstance("RSASSA-PSS");
            pss.setParameter(PS256);
            pss.initSign(key);
            pss.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(pss.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the client assertion with PS256", e);
        }
    }
}
