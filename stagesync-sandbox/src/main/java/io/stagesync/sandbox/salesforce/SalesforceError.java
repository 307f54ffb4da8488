package io.stagesync.sandbox.salesforce;

import java.util.List;

/**
 * One error as Salesforce reports it for a record ({@code statusCode}, {@code message}, {@code fields}) or for a
 * whole request ({@code errorCode}, {@code message}).
 *
 * @param code    e.g. {@code REQUIRED_FIELD_MISSING}, {@code INVALID_FIELD}
 * @param message Salesforce's wording
 * @param fields  the API names of the fields concerned, possibly empty
 */
public record SalesforceError(String code, String message, List<String> fields) {
    public SalesforceError {
        fields = List.copyOf(fields);
    }

    @Override
    public String toString() {
        return code + ": " + message + (fields.isEmpty() ? "" : " " + fields);
    }
}
