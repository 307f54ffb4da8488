package io.stagesync.sandbox.salesforce;

import java.util.List;

/**
 * A whole Salesforce request fails (e.g. 400 {@code INVALID_FIELD}, {@code MALFORMED_QUERY},
 * {@code JSON_PARSER_ERROR}); answered as the top-level error array {@code [{"message","errorCode"}]}.
 */
final class SalesforceRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    SalesforceRequestException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    SalesforceError error() {
        return new SalesforceError(errorCode, getMessage(), List.of());
    }
}
