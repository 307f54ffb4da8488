package io.stagesync.connector.netsuite;

import io.stagesync.connector.RequestAuthenticator;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs NetSuite requests with token-based authentication: OAuth 1.0a (RFC 5849) with
 * HMAC-SHA256, the only method NetSuite accepts.
 *
 * <ul>
 * <li>Signature base string (RFC 5849 §3.4.1): {@code METHOD&enc(base URI)&enc(parameters)};
 *     the base URI is the URL without query, scheme and host lower-cased, the default port
 *     dropped; the parameters are the query parameters plus the {@code oauth_*} parameters
 *     (never {@code realm}), each name and value percent-encoded, sorted by encoded name then
 *     encoded value, joined as {@code name=value} with {@code &}.</li>
 * <li>Key: {@code enc(consumer secret)&enc(token secret)}.</li>
 * <li>Header: {@code OAuth realm="…", oauth_consumer_key="…", oauth_token="…",
 *     oauth_signature_method="HMAC-SHA256", oauth_timestamp="…", oauth_nonce="…",
 *     oauth_version="1.0", oauth_signature="…"}, values percent-encoded; the realm is the
 *     account id upper-cased with {@code _}.</li>
 * </ul>
 * Percent-encoding is RFC 3986 (see {@link Rfc3986}). The clock gives the timestamp (Unix
 * seconds) and the nonce source a fresh nonce per request; both are injectable so signatures can
 * be checked against known answers. Thread-safe when the nonce source is.
 */
public final class TbaSigner implements RequestAuthenticator {
    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] NONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final String realm;
    private final String consumerKey;
    private final String tokenId;
    private final String signingKey;
    private final Clock clock;
    private final Supplier<String> nonceSource;

    /**
     * @param realm          the account id as realm, e.g. {@code 1234567_SB1}
     * @param consumerKey    the integration's consumer key
     * @param consumerSecret the integration's consumer secret
     * @param tokenId        the access token id
     * @param tokenSecret    the access token secret
     * @param clock          source of the timestamp
     * @param nonceSource    a fresh nonce per call (at least 6 characters; NetSuite rejects reuse)
     */
    public TbaSigner(String realm, String consumerKey, String consumerSecret, String tokenId, String tokenSecret,
                     Clock clock, Supplier<String> nonceSource) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.consumerKey = Objects.requireNonNull(consumerKey, "consumerKey");
        this.tokenId = Objects.requireNonNull(tokenId, "tokenId");
        this.signingKey = Rfc3986.encode(Objects.requireNonNull(consumerSecret, "consumerSecret")) + "&"
                + Rfc3986.encode(Objects.requireNonNull(tokenSecret, "tokenSecret"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonceSource = Objects.requireNonNull(nonceSource, "nonceSource");
    }

    /** A signer for TBA settings. */
    public static TbaSigner of(NetSuiteSettings settings, Clock clock, Supplier<String> nonceSource) {
        if (settings.authType() != NetSuiteSettings.AuthType.TBA) {
            throw new IllegalArgumentException("the settings are for " + settings.authType().key() + ", not tba");
        }
        return new TbaSigner(settings.realm(), settings.consumerKey(), settings.consumerSecret(), settings.tokenId(),
                settings.tokenSecret(), clock, nonceSource);
    }

    /** 32 random alphanumeric characters per call from a {@link SecureRandom}. */
    public static Supplier<String> secureRandomNonces() {
        SecureRandom random = new SecureRandom();
        return () -> {
            char[] nonce = new char[32];
            for (int i = 0; i < nonce.length; i++) {
                nonce[i] = NONCE_CHARS[random.nextInt(NONCE_CHARS.length)];
            }
            return new String(nonce);
        };
    }

    /** The pieces of one signature; {@code signingKey} is secret and must not be logged. */
    public record SignedRequest(String baseString, String signingKey, String signature, String authorizationHeader) {
        @Override
        public String toString() {
            return "SignedRequest[baseString=" + baseString + ", signingKey=****, signature=" + signature + "]";
        }
    }

    @Override
    public String authorization(String method, String url) {
        return sign(method, url).authorizationHeader();
    }

    /** TBA keys do not expire: asking again cannot fix a 401. */
    @Override
    public boolean renew(String rejected) {
        return false;
    }

    /**
     * Signs one request with a fresh timestamp and nonce.
     *
     * @param method the HTTP method (upper-cased here)
     * @param url    the exact URL sent, with its percent-encoded path and query
     */
    public SignedRequest sign(String method, String url) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonceSource.get();
        List<String[]> oauth = List.of(
                new String[] {"oauth_consumer_key", consumerKey},
                new String[] {"oauth_token", tokenId},
                new String[] {"oauth_signature_method", "HMAC-SHA256"},
                new String[] {"oauth_timestamp", timestamp},
                new String[] {"oauth_nonce", nonce},
                new String[] {"oauth_version", "1.0"});
        URI uri = parse(url);
        List<String[]> params = new ArrayList<>(queryParameters(uri));
        params.addAll(oauth);
        String baseString = method.toUpperCase(Locale.ROOT) + "&" + Rfc3986.encode(baseUri(uri)) + "&"
                + Rfc3986.encode(normalize(params));
        String signature = hmac(baseString);
        StringBuilder header = new StringBuilder("OAuth realm=\"").append(realm).append('"');
        for (String[] p : oauth) {
            header.append(", ").append(p[0]).append("=\"").append(Rfc3986.encode(p[1])).append('"');
        }
        header.append(", oauth_signature=\"").append(Rfc3986.encode(signature)).append('"');
        return new SignedRequest(baseString, signingKey, signature, header.toString());
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
    }

    /** RFC 5849 §3.4.1.2: scheme and host lower-case, default port omitted, path as sent. */
    private static String baseUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    /** The query's parameters, decoded (RFC 5849 §3.4.1.3.1). */
    private static List<String[]> queryParameters(URI uri) {
        List<String[]> params = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(new String[] {Rfc3986.decodeQueryComponent(name), Rfc3986.decodeQueryComponent(value)});
        }
        return params;
    }

    /** RFC 5849 §3.4.1.3.2: encode, sort by name then value, join. */
    private static String normalize(List<String[]> params) {
        return params.stream()
                .map(p -> Map.entry(Rfc3986.encode(p[0]), Rfc3986.encode(p[1])))
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue(Comparator.naturalOrder())))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    private String hmac(String baseString) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
