package io.stagesync.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** The service's admin API as the test reads it: {@code GET /api/connectors}, or nothing while it is not up. */
final class ServiceAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI connectors;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServiceAdmin(int port, String token) {
        this.connectors = URI.create("http://127.0.0.1:" + port + "/api/connectors");
        this.token = token;
    }

    /** One entry per connector ({@code system}, {@code configured}, {@code lastSuccessfulPoll}, …); empty while down.
     */
    JsonNode connectors() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(connectors)
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("connectors")
                    : JSON.createArrayNode();
        } catch (IOException e) {
            return JSON.createArrayNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.createArrayNode();
        }
    }

    /** Each {@code system/object}'s watermark position as stored; empty while the service is down. */
    Map<String, String> watermarks() {
        Map<String, String> positions = new TreeMap<>();
        for (JsonNode connector : connectors()) {
            for (JsonNode object : connector.path("objects")) {
                positions.put(connector.path("system").asText() + "/" + object.path("objectType").asText(),
                        object.path("watermark").asText() + " " + object.path("lastId").asText());
            }
        }
        return positions;
    }
}
