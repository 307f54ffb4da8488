package io.stagesync.sandbox.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the Eloqua simulator refuses, with the status and body Eloqua would answer (saas-apis.md
 * §2.6): a JSON list of validation errors for 400/409, or another body. Thrown by the state and
 * query code, turned into a response at the HTTP edge; the Java API lets it through as an
 * {@link IllegalArgumentException} whose message lists the errors.
 */
final class EloquaFault extends IllegalArgumentException {
    private final int status;
    private final transient JsonNode body;

    EloquaFault(int status, JsonNode body, String message) {
        super(message);
        this.status = status;
        this.body = body;
    }

    /**
     * A 400 with one {@code ObjectValidationError}.
     *
     * @param objectType  e.g. {@code Contact}
     * @param objectId    the record's id, or null for a create
     * @param property    the property at fault
     * @param requirement e.g. {@code EmailAddressRequirement}
     * @param value       the offending value, or null
     */
    static EloquaFault validation(int status, String objectType, Long objectId, String property, String requirement,
                                  String value) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        ObjectNode error = list.addObject();
        error.put("type", "ObjectValidationError");
        ObjectNode container = error.putObject("container");
        container.put("type", "ObjectKey");
        if (objectId != null) {
            container.put("objectId", objectId.toString());
        }
        container.put("objectType", objectType);
        error.put("property", property);
        ObjectNode requires = error.putObject("requirement");
        requires.put("type", requirement);
        if (requirement.equals("ValidTextLengthRequirement")) {
            requires.put("maximum", EloquaContactSchema.MAX_TEXT);
        }
        if (value != null) {
            error.put("value", value);
        }
        return new EloquaFault(status, list, property + ": " + requirement + (value == null ? "" : " (" + value + ")"));
    }

    /** A 400 {@code EndpointParameterError} about a URL parameter. */
    static EloquaFault parameter(String parameter, String requirement, String value) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        ObjectNode error = list.addObject();
        error.put("type", "EndpointParameterError");
        error.put("parameter", parameter);
        error.putObject("requirement").put("type", requirement);
        error.put("value", value);
        return new EloquaFault(400, list, "parameter " + parameter + ": " + requirement + " (" + value + ")");
    }

    /** A Bulk API refusal (VERIFY: the Bulk API's exact failure body): {@code {"failures": [{field, constraint, value}]}}. */
    static EloquaFault bulk(int status, String field, String constraint, String value) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode failure = body.putArray("failures").addObject();
        failure.put("field", field);
        failure.put("constraint", constraint);
        if (value != null) {
            failure.put("value", value);
        }
        return new EloquaFault(status, body, field + ": " + constraint + (value == null ? "" : " (" + value + ")"));
    }

    /** A 400 for a body that cannot be read as the object expected. */
    static EloquaFault serialization(String message) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        list.addObject().put("type", "SerializationError").put("message", message);
        return new EloquaFault(400, list, "SerializationError: " + message);
    }

    /** A 404 without a body. */
    static EloquaFault notFound(String what) {
        return new EloquaFault(404, null, what + " does not exist");
    }

    int status() {
        return status;
    }

    /** The body, or null for none. */
    JsonNode body() {
        return body;
    }
}
