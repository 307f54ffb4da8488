package io.stagesync.admin;

import io.stagesync.config.AppSettings;
import io.stagesync.config.SettingKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * The admin HTTP server's settings ({@code stagesync.admin.*}), validated by the settings loader.
 *
 * @param enabled whether {@code run} serves the admin API
 * @param host    the bind address; loopback unless configured otherwise
 * @param port    the TCP port, 1..65535
 * @param token   nullable: the bearer token; null = none configured, every endpoint but health refuses
 */
public record AdminSettings(boolean enabled, String host, int port, String token) {
    public AdminSettings {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        if (token != null && token.isEmpty()) {
            token = null;
        }
    }

    public static AdminSettings from(AppSettings settings) {
        return new AdminSettings(Boolean.parseBoolean(settings.get(SettingKey.ADMIN_ENABLED).trim()),
                settings.get(SettingKey.ADMIN_HOST).trim(), Integer.parseInt(settings.get(SettingKey.ADMIN_PORT).trim()),
                settings.get(SettingKey.ADMIN_TOKEN));
    }

    /** Whether the bind address is a loopback address (127.0.0.0/8, ::1, or a name resolving to one). */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "AdminSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", token="
                + (token == null ? "none" : "******") + "]";
    }
}
