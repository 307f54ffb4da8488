package io.stagesync.connector.netsuite;

import io.stagesync.connector.SystemCallException;
import java.time.Duration;
import java.util.List;

/**
 * A NetSuite call that got an error response, with NetSuite's {@code o:errorDetails} kept apart
 * so a per-record failure can be reported with the vendor's own words.
 */
public class NetSuiteCallException extends SystemCallException {
    private final List<ErrorDetail> details;

    /** One entry of {@code o:errorDetails}: {@code detail}, {@code o:errorCode}, {@code o:errorPath} (each nullable). */
    public record ErrorDetail(String detail, String errorCode, String errorPath) {
        /** The detail followed by {@code (path: …)} when NetSuite named the field. */
        public String describe() {
            String text = detail == null ? "" : detail;
            return errorPath == null || errorPath.isBlank() ? text : text + " (path: " + errorPath + ")";
        }
    }

    public NetSuiteCallException(String operation, int status, String vendorCode, String message, String bodyExcerpt,
                                 boolean retriable, Duration retryAfter, List<ErrorDetail> details) {
        super(NetSuiteHttp.SYSTEM, operation, status, vendorCode, message, bodyExcerpt, retriable, retryAfter, null);
        this.details = List.copyOf(details);
    }

    /** The parsed {@code o:errorDetails}, in order; empty when the body had none. */
    public List<ErrorDetail> details() {
        return details;
    }

    /** The details as one text ({@code detail (path: p); …}), or null when there were none. */
    public String detail() {
        return details.isEmpty() ? null : String.join("; ", details.stream().map(ErrorDetail::describe).toList());
    }
}
