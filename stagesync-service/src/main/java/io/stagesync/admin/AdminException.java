package io.stagesync.admin;

/**
 * A request the API answers with an error status and a message, e.g. 400 naming the bad parameter.
 * The message is shown to the caller: it never carries secrets.
 */
public final class AdminException extends RuntimeException {
    private final int status;
    private final String parameter;

    /**
     * @param status    the HTTP status, 4xx or 5xx
     * @param parameter nullable: the request parameter at fault
     */
    public AdminException(int status, String parameter, String message) {
        super(message);
        this.status = status;
        this.parameter = parameter;
    }

    public static AdminException badParameter(String parameter, String message) {
        return new AdminException(400, parameter, message);
    }

    public static AdminException notFound(String message) {
        return new AdminException(404, null, message);
    }

    public int status() {
        return status;
    }

    /** Nullable: the parameter at fault. */
    public String parameter() {
        return parameter;
    }
}
