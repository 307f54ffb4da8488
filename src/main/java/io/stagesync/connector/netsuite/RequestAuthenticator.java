package io.stagesync.connector.netsuite;

/**
 * Produces the {@code Authorization} header of one NetSuite request. Implementations are
 * thread-safe.
 */
public interface RequestAuthenticator {
    /**
     * The header value for a request.
     *
     * @param method the HTTP method, upper-case
     * @param url    the exact URL sent: scheme, host, port, percent-encoded path and query
     * @return the {@code Authorization} header value, non-null
     * @throws io.stagesync.connector.SystemCallException when credentials cannot be obtained
     *     (e.g. the OAuth 2.0 token endpoint failed)
     */
    String authorization(String method, String url);

    /**
     * Forgets cached credentials after NetSuite answered 401, so the next
     * {@link #authorization} gets fresh ones.
     *
     * @return true when new credentials may succeed (a cached token was dropped), false when
     *     asking again cannot help (TBA signs every request with fixed keys)
     */
    boolean renew();
}
