package io.stagesync.sandbox.netsuite;

/**
 * A NetSuite request fails; answered in NetSuite's error shape ({@code type, title, status, o:errorDetails[{detail,
 * o:errorCode, o:errorPath}]}, saas-apis.md §4.6) with one detail.
 */
final class NetSuiteRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final String path;

    /**
     * @param detail NetSuite's wording
     * @param path   the field concerned ({@code o:errorPath}), or null
     */
    NetSuiteRequestException(int status, String errorCode, String detail, String path) {
        super(detail);
        this.status = status;
        this.errorCode = errorCode;
        this.path = path;
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    String path() {
        return path;
    }

    /** 400 {@code INVALID_VALUE} for a field, in NetSuite's words. */
    static NetSuiteRequestException invalidValue(String field) {
        return new NetSuiteRequestException(400, "INVALID_VALUE", "Invalid value for the resource or sub-resource field '"
                + field + "'. Provide a valid value.", field);
    }

    /** 400 {@code USER_ERROR}: what NetSuite's own validation says about the record. */
    static NetSuiteRequestException userError(String detail, String field) {
        return new NetSuiteRequestException(400, "USER_ERROR", "Error while accessing a resource. " + detail, field);
    }
}
