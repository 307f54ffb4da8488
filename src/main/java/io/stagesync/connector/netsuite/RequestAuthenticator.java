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
     * Forgets the credentials NetSuite just refused with 401, so the next
     * {@link #authorization} gets fresh ones. Credentials another thread has renewed meanwhile
     * are kept.
     *
     * @param rejected the {@code Authorization} value that got the 401
     * @return true when new credentials may succeed (a cached token was or is being replaced),
     *     false when asking again cannot help (TBA signs every request with fixed keys)
     */
    boolean renew(String rejected);
}
