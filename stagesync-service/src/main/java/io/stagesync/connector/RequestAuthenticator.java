package io.stagesync.connector;

/**
 * Produces the {@code Authorization} header of one request to a system, the one authentication contract of every
 * connector that sends its own HTTP requests (NetSuite TBA and OAuth 2.0 M2M, Eloqua Basic and OAuth 2.0, the
 * Salesforce OAuth flows Account Engagement uses). Salesforce's own connector needs none: camel-salesforce logs in
 * and renews the session itself. Implementations are thread-safe.
 *
 * <p>Contract of a caller: ask {@link #authorization} for each request; when the system answers that the credentials
 * are refused (401, or the vendor's equivalent), call {@link #renew} with the value that was refused and, only when
 * it returns true, send the request once more with a fresh {@link #authorization}.
 */
public interface RequestAuthenticator {
    /**
     * The header value for a request.
     *
     * @param method the HTTP method, upper-case
     * @param url    the exact URL sent: scheme, host, port, percent-encoded path and query (a signature covers it;
     *               a bearer token ignores it)
     * @return the {@code Authorization} header value, non-null
     * @throws SystemCallException when credentials cannot be obtained (e.g. the token endpoint failed)
     */
    String authorization(String method, String url);

    /**
     * Forgets the credentials the system just refused, so the next {@link #authorization} gets fresh ones.
     * Credentials another thread has renewed meanwhile are kept.
     *
     * @param rejected the {@code Authorization} value that was refused
     * @return true when new credentials may succeed (a cached token was or is being replaced), false when asking
     *     again cannot help (fixed credentials: TBA keys, HTTP Basic)
     */
    boolean renew(String rejected);

    /** What an administrator should check when the system keeps refusing the credentials; null for no advice. */
    default String unauthorizedAdvice() {
        return null;
    }
}
