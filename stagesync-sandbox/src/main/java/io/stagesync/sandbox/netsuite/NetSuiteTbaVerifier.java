package io.stagesync.sandbox.netsuite;

import io.stagesync.sandbox.http.SimRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks NetSuite token-based authentication (OAuth 1.0a, HMAC-SHA256) as NetSuite does: the
 * {@code Authorization: OAuth realm="…", oauth_consumer_key="…", …, oauth_signature="…"} header must name the
 * account's realm, the integration's consumer key and the access token, and carry the signature of the request
 * (RFC 5849 §3.4: method, base URI, the query and {@code oauth_*} parameters sorted) keyed with the two secrets.
 * Timestamps and nonces are not checked for freshness. Thread-safe.
 */
final class NetSuiteTbaVerifier {
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

    /** The integration and token NetSuite accepts. */
    record Keys(String realm, String consumerKey, String consumerSecret, String tokenId, String tokenSecret) {
        @Override
        public String toString() {
            return "Keys[realm=" + realm + ", consumerKey=" + consumerKey + ", tokenId=" + tokenId + ", secrets=****]";
        }
    }

    private final Keys keys;
    private final Supplier<String> baseUrl;

    /** @param baseUrl the simulator's own URL (scheme, host, port), the start of every signed URI */
    NetSuiteTbaVerifier(Keys keys, Supplier<String> baseUrl) {
        this.keys = keys;
        this.baseUrl = baseUrl;
    }

    /** Whether the request carries a valid TBA header. */
    boolean accepts(SimRequest request) {
        String header = request.header("Authorization");
        if (header == null || !header.startsWith("OAuth ")) {
            return false;
        }
        Map<String, String> oauth = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(header.substring("OAuth ".length()));
        while (m.find()) {
            oauth.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        }
        if (!keys.realm().equals(oauth.get("realm")) || !keys.consumerKey().equals(oauth.get("oauth_consumer_key"))
                || !keys.tokenId().equals(oauth.get("oauth_token"))
                || !"HMAC-SHA256".equals(oauth.get("oauth_signature_method"))
                || oauth.get("oauth_signature") == null || oauth.get("oauth_nonce") == null
                || oauth.get("oauth_timestamp") == null) {
            return false;
        }
        String expected = signature(request, oauth);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                oauth.get("oauth_signature").getBytes(StandardCharsets.UTF_8));
    }

    private String signature(SimRequest request, Map<String, String> oauth) {
        List<String[]> params = new ArrayList<>();
        request.query().forEach((name, value) -> params.add(new String[] {encode(name), encode(value)}));
        oauth.forEach((name, value) -> {
            if (!name.equals("realm") && !name.equals("oauth_signature")) {
                params.add(new String[] {encode(name), encode(value)});
            }
        });
        params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        List<String> pairs = params.stream().map(p -> p[0] + "=" + p[1]).toList();
        String base = request.method() + "&" + encode(baseUrl.get() + rawPath(request.path())) + "&"
                + encode(String.join("&", pairs));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            String key = encode(keys.consumerSecret()) + "&" + encode(keys.tokenSecret());
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The path as the client sent it: the server hands it over decoded, so it is encoded again segment by
     * segment, except that everything after {@code /eid:} is one external id (clients encode it whole, slashes
     * included, and keep the {@code eid:} prefix as is).
     */
    static String rawPath(String decoded) {
        int eid = decoded.indexOf("/eid:");
        String head = eid < 0 ? decoded : decoded.substring(0, eid);
        List<String> segments = new ArrayList<>();
        for (String segment : head.split("/", -1)) {
            segments.add(encode(segment));
        }
        String path = String.join("/", segments);
        return eid < 0 ? path : path + "/eid:" + encode(decoded.substring(eid + "/eid:".length()));
    }

    /** RFC 3986 percent-encoding: everything but {@code A-Z a-z 0-9 - . _ ~}, upper-case hex. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
