package io.stagesync.connector.pardot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Builds the assertion of Salesforce's OAuth 2.0 JWT bearer flow, signed RS256 with the
 * connected app certificate's private key from a PKCS12 keystore.
 *
 * <p>Header {@code {"alg":"RS256"}}; claims {@code iss} (the connected app's consumer key),
 * {@code sub} (the integration user), {@code aud} (the login host, e.g.
 * {@code https://login.salesforce.com}) and {@code exp} in Unix seconds, {@link #LIFETIME} after
 * now (Salesforce wants it within a few minutes). Thread-safe: the key is read once.
 */
final class JwtBearerAssertion {
    /** {@code exp - now}: under the three minutes commonly cited as Salesforce's maximum (VERIFY). */
    static final Duration LIFETIME = Duration.ofMinutes(2);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PardotSettings settings;
    private final PrivateKey key;

    /**
     * @param settings settings with {@link PardotSettings.AuthType#JWT}
     * @throws IllegalArgumentException when the keystore cannot be read or holds no private key under the alias
     */
    JwtBearerAssertion(PardotSettings settings) {
        if (settings.authType() != PardotSettings.AuthType.JWT) {
            throw new IllegalArgumentException("the settings are for " + settings.authType().key() + ", not jwt");
        }
        this.settings = settings;
        this.key = loadKey(settings);
    }

    /** A signed compact JWT whose {@code exp} is {@link #LIFETIME} after {@code now}. */
    String create(Instant now) {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256");
        ObjectNode claims = JSON.createObjectNode().put("iss", settings.clientId()).put("sub", settings.username())
                .put("aud", settings.jwtAudience()).put("exp", now.plus(LIFETIME).getEpochSecond());
        String signingInput = B64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the JWT bearer assertion with RS256", e);
        }
    }

    private static PrivateKey loadKey(PardotSettings settings) {
        char[] password = settings.jwtKeystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(settings.jwtKeystorePath())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            Key key = store.getKey(settings.jwtKeyAlias(), password);
            if (!(key instanceof PrivateKey privateKey) || !"RSA".equals(key.getAlgorithm())) {
                throw new IllegalArgumentException(PardotSettings.KEY_JWT_KEY_ALIAS + " '" + settings.jwtKeyAlias()
                        + "' is not an RSA private key in " + settings.jwtKeystorePath());
            }
            return privateKey;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the JWT signing key from " + settings.jwtKeystorePath()
                    + ": " + e.getMessage(), e);
        }
    }
}
