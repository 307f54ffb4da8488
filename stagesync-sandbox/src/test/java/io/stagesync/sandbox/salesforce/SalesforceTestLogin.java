package io.stagesync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Logs in to a Salesforce simulator as the connector does (OAuth username-password flow), for tests of its REST API. */
final class SalesforceTestLogin {
    private SalesforceTestLogin() {
    }

    /** @return the access token; asserts the simulator names itself as the instance URL */
    static String token(SalesforceSimulator salesforce, HttpClient http) throws Exception {
        Map<String, String> env = salesforce.env();
        String form = "grant_type=password&client_id=" + enc(SalesforceSimulator.CLIENT_ID) + "&client_secret="
                + enc(env.get(SalesforceSimulator.ENV_CLIENT_SECRET)) + "&username=" + enc(SalesforceSimulator.USERNAME)
                + "&password=" + enc(env.get(SalesforceSimulator.ENV_PASSWORD));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(salesforce.baseUrl()
                        + "/services/oauth2/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("instance_url").asText()).isEqualTo(salesforce.baseUrl());
        return body.get("access_token").asText();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
