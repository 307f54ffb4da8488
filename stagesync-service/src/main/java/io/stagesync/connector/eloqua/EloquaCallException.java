package io.stagesync.connector.eloqua;

import io.stagesync.connector.SystemCallException;
import java.time.Duration;
import java.util.List;

/**
 * An Eloqua call that got an error response, with Eloqua's validation errors (a 400 body is a
 * JSON list of them) kept apart so a per-record failure can be reported in Eloqua's own terms.
 */
public class EloquaCallException extends SystemCallException {
    private final List<ValidationError> validationErrors;

    /**
     * One entry of a 400 body, each part nullable. The offending {@code value} Eloqua echoes is
     * deliberately not kept here (it is record data); it stays in the body excerpt.
     *
     * @param type        e.g. {@code ObjectValidationError}, {@code EndpointParameterError}
     * @param property    the property or field at fault, e.g. {@code emailAddress}
     * @param requirement the requirement it broke, e.g. {@code EmailAddressRequirement}
     * @param parameter   the URL parameter at fault ({@code EndpointParameterError})
     */
    public record ValidationError(String type, String property, String requirement, String parameter) {
        /** E.g. {@code emailAddress: EmailAddressRequirement} or {@code parameter search: EndpointParameterError}. */
        public String describe() {
            String what = code() == null ? "invalid" : code();
            if (property != null) {
                return property + ": " + what;
            }
            return parameter != null ? "parameter " + parameter + ": " + what : what;
        }

        /** The most specific code: the requirement, else the type. */
        public String code() {
            return requirement != null ? requirement : type;
        }
    }

    public EloquaCallException(String operation, int status, String vendorCode, String message, String bodyExcerpt,
                               boolean retriable, Duration retryAfter, List<ValidationError> validationErrors) {
        super(EloquaHttp.SYSTEM, operation, status, vendorCode, message, bodyExcerpt, retriable, retryAfter, null);
        this.validationErrors = List.copyOf(validationErrors);
    }

    /** The parsed validation errors, in Eloqua's order; empty when the body had none. */
    public List<ValidationError> validationErrors() {
        return validationErrors;
    }

    /** The validation errors as one text ({@code property: Requirement; …}), or null when there were none. */
    public String detail() {
        return validationErrors.isEmpty() ? null
                : String.join("; ", validationErrors.stream().map(ValidationError::describe).toList());
    }
}
