package io.stagesync.connector.pardot;

import io.stagesync.connector.SystemCallException;
import java.time.Duration;

/**
 * An Account Engagement (or Salesforce OAuth) call that got an error response, with the vendor's
 * own code and message kept apart, so a per-record failure can be reported in Pardot's words.
 * {@link #vendorCode()} is the numeric v5 {@code code} as text (e.g. {@code 66}), or the OAuth
 * {@code error} (e.g. {@code invalid_grant}) for the token endpoint.
 */
public class PardotCallException extends SystemCallException {
    private final String vendorMessage;

    /**
     * @param vendorCode    the vendor's code, or null when the body had none
     * @param vendorMessage the vendor's message as sent, or null
     * @param message       what went wrong and what to check, for logs and operators
     */
    public PardotCallException(String operation, int status, String vendorCode, String vendorMessage, String message,
                               String bodyExcerpt, boolean retriable, Duration retryAfter) {
        super(PardotHttp.SYSTEM, operation, status, vendorCode, message, bodyExcerpt, retriable, retryAfter, null);
        this.vendorMessage = vendorMessage;
    }

    /** The vendor's message as sent ({@code message} of a v5 error body), or null. */
    public String vendorMessage() {
        return vendorMessage;
    }

    /** The numeric v5 error code, or null when the vendor code is absent or not a number. */
    public Integer pardotCode() {
        String code = vendorCode();
        if (code == null || code.isEmpty() || !code.chars().allMatch(Character::isDigit) || code.length() > 9) {
            return null;
        }
        return Integer.valueOf(code);
    }
}
