package io.stagesync.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The admin server cannot listen on its configured address. Thrown before Camel starts: camel-main's
 * Vert.x server only logs a failed bind and runs on without its HTTP endpoints, which would leave an
 * admin believing the API is up.
 */
public final class AdminPortUnavailableException extends RuntimeException {

    private AdminPortUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Binds and releases the address (with SO_REUSEADDR, so a socket of a previous run in TIME_WAIT does not
     * count as taken).
     *
     * @throws AdminPortUnavailableException naming the address, the keys and the system's reason
     */
    public static void checkFree(AdminSettings settings) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(settings.host(), settings.port()));
        } catch (IOException | SecurityException | IllegalArgumentException e) {
            throw new AdminPortUnavailableException("the admin API cannot listen on " + settings.host() + ":"
                    + settings.port() + " (stagesync.admin.host, stagesync.admin.port): " + e.getMessage(), e);
        }
    }
}
