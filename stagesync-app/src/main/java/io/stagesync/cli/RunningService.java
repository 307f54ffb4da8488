package io.stagesync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.admin.AdminReply;
import io.stagesync.admin.AdminSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code run} service answering on the configured admin address, found by asking its health endpoint, and
 * its admin API for the commands that must go through the running engine. An address bound to every interface
 * ({@code 0.0.0.0}, {@code ::}) is reached on loopback.
 */
final class RunningService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT = Duration.ofSeconds(2);
    /** A replay of many letters may take a while: each is a round trip to a system. */
    private static final Duration REPLY = Duration.ofMinutes(10);

    private final HttpClient http;
    private final String base;
    private final String token;

    private RunningService(HttpClient http, String base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** The service answering at the admin address, or empty when nothing answers there (or the API is off). */
    static Optional<RunningService> find(AdminSettings admin) {
        if (!admin.enabled()) {
            return Optional.empty();
        }
        String host = admin.host().equals("0.0.0.0") || admin.host().equals("::") ? "127.0.0.1" : admin.host();
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + admin.port();
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
        try {
            http.send(HttpRequest.newBuilder(URI.create(base + "/api/health")).timeout(CONNECT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return Optional.of(new RunningService(http, base, admin.token()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Where it answers, e.g. {@code http://127.0.0.1:8080}. */
    String url() {
        return base;
    }

    boolean hasToken() {
        return token != null;
    }

    /**
     * POSTs to the admin API and returns its status and JSON body.
     *
     * @throws IOException when the service does not answer or answers something that is not JSON
     */
    AdminReply post(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(REPLY).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        try {
            Map<String, Object> body = JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
            return new AdminReply(response.statusCode(), body);
        } catch (JsonProcessingException e) {
            throw new IOException("the admin API at " + base + " answered " + response.statusCode()
                    + " with a body that is not JSON");
        }
    }
}
