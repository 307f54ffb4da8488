package io.stagesync.connector.netsuite;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding per RFC 3986 section 2.1 as OAuth 1.0a (RFC 5849 section 3.6) requires: every
 * byte of the UTF-8 form except the unreserved characters {@code A-Z a-z 0-9 - . _ ~} becomes
 * {@code %XX} with upper-case hex digits. Unlike {@link java.net.URLEncoder}, a space is
 * {@code %20} (never {@code +}) and {@code *} is encoded. Stateless and thread-safe.
 */
final class Rfc3986 {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Rfc3986() {
    }

    /** The percent-encoded form of {@code value} (non-null). */
    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes one {@code application/x-www-form-urlencoded} query component ({@code +} is a space),
     * the way RFC 5849 section 3.4.1.3.1 reads query parameters.
     */
    static String decodeQueryComponent(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
