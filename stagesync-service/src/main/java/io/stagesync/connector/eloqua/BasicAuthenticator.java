package io.stagesync.connector.eloqua;

import io.stagesync.connector.RequestAuthenticator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic as Eloqua documents it (saas-apis.md §2.1):
 * {@code Basic base64("{Site}\{User}:{Password}")}, UTF-8. Immutable and thread-safe.
 */
final class BasicAuthenticator implements RequestAuthenticator {
    static final String ADVICE = "Eloqua refused the HTTP Basic credentials. Check " + EloquaSettings.KEY_SITE
            + " (the company name entered at login), " + EloquaSettings.KEY_USERNAME + " and "
            + EloquaSettings.KEY_PASSWORD + ", that the user is not locked out and that it has API access"
            + " (\"Advanced Users - Marketing\" or equivalent)";

    private final String header;

    BasicAuthenticator(EloquaSettings settings) {
        if (settings.authType() != EloquaSettings.AuthType.BASIC) {
            throw new IllegalArgumentException("the settings are for " + settings.authType().key() + ", not basic");
        }
        this.header = header(settings.siteUser(), settings.password());
    }

    /** {@code Basic base64(user:password)} over UTF-8 bytes. */
    static String header(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String authorization(String method, String url) {
        return header;
    }

    @Override
    public boolean renew(String rejected) {
        return false;
    }

    @Override
    public String unauthorizedAdvice() {
        return ADVICE;
    }
}
