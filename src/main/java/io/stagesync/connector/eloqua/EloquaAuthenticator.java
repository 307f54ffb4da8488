package io.stagesync.connector.eloqua;

/**
 * Produces the {@code Authorization} header of Eloqua requests. Implementations are thread-safe.
 */
interface EloquaAuthenticator {
    /**
     * The header value for the next request.
     *
     * @throws io.stagesync.connector.SystemCallException when credentials cannot be obtained
     *     (e.g. the OAuth 2.0 token endpoint failed)
     */
    String authorization();

    /**
     * Forgets the credentials Eloqua just refused with 401, so the next {@link #authorization()}
     * gets fresh ones. Credentials another thread has renewed meanwhile are kept.
     *
     * @param rejected the {@code Authorization} value that got the 401
     * @return true when new credentials may succeed (a token was or is being replaced), false
     *     when asking again cannot help (Basic sends the same fixed credentials)
     */
    boolean renew(String rejected);

    /** What an administrator should check when Eloqua keeps answering 401. */
    String unauthorizedAdvice();
}
