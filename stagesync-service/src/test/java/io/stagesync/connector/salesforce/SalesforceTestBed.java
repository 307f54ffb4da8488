package io.stagesync.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stagesync.connector.CallPolicy;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * WireMock on a dynamic port standing in for Salesforce (login host and instance at once) plus a real
 * {@link DefaultCamelContext} with the real camel-salesforce component configured by
 * {@link SalesforceComponentFactory}. One per test; {@link #close()} stops both.
 */
final class SalesforceTestBed implements AutoCloseable {
    static final String API = "/services/data/v62.0";
    static final String TOKEN_PATH = "/services/oauth2/token";
    static final String QUERY_PATH = API + "/query/";
    static final String FIRST_TOKEN = "00DXX0000000001!AQ4AQFAKE.FIRST.TOKEN.FOR.TESTS.ONLY";
    static final String RENEWED_TOKEN = "00DXX0000000001!AQ4AQFAKE.RENEWED.TOKEN.FOR.TESTS.ONLY";

    final WireMockServer server = new WireMockServer(options().dynamicPort());
    private DefaultCamelContext camel;
    private SalesforceClient client;

    SalesforceTestBed() {
        server.start();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** Username-password settings against this fake, with {@code overrides} applied (null values remove keys). */
    Map<String, String> passwordFlow(Map<String, String> overrides) {
        Map<String, String> p = new HashMap<>();
        p.put(SalesforceSettings.KEY_LOGIN_URL, baseUrl());
        p.put(SalesforceSettings.KEY_AUTH_TYPE, "password");
        p.put(SalesforceSettings.KEY_CLIENT_ID, "3MVG9-test-consumer-key");
        p.put(SalesforceSettings.KEY_CLIENT_SECRET, "test-consumer-secret");
        p.put(SalesforceSettings.KEY_USERNAME, "integration@example.com.sandbox");
        p.put(SalesforceSettings.KEY_PASSWORD, "test-password");
        p.put(SalesforceSettings.KEY_SECURITY_TOKEN, "test-security-token");
        overrides.forEach((k, v) -> {
            if (v == null) {
                p.remove(k);
            } else {
                p.put(k, v);
            }
        });
        return p;
    }

    /** Stubs the token endpoint with the first token and the revoke endpoint with 200. */
    SalesforceTestBed stubLogin() {
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(fixture("oauth-token-response.json"))));
        server.stubFor(get(urlPathEqualTo("/services/oauth2/revoke")).willReturn(aResponse().withStatus(200)));
        return this;
    }

    /** Starts Camel with the component configured from {@code properties} and returns a client on it. */
    SalesforceClient start(Map<String, String> properties, CallPolicy policy) {
        camel = new DefaultCamelContext();
        SalesforceComponentFactory.register(camel, SalesforceSettings.fromProperties(properties));
        camel.start();
        client = new SalesforceClient(camel, policy);
        return client;
    }

    SalesforceClient startPasswordFlow() {
        return start(passwordFlow(Map.of()), CallPolicy.direct());
    }

    DefaultCamelContext camel() {
        return camel;
    }

    /** Stops Camel (which revokes the token) but keeps WireMock, so its journal can be read. */
    void stopCamel() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (camel != null) {
            camel.stop();
            camel = null;
        }
    }

    /** The text of {@code src/test/resources/salesforce/<name>} with {@code {{baseUrl}}} replaced. */
    String fixture(String name) {
        try (InputStream in = SalesforceTestBed.class.getResourceAsStream("/salesforce/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{baseUrl}}", baseUrl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token requests received, each as its decoded form fields. */
    List<Map<String, String>> tokenRequests() {
        return server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).stream()
                .map(r -> form(r.getBodyAsString())).toList();
    }

    /** Every request received, in order, as {@code METHOD url}. */
    List<String> journal() {
        List<LoggedRequest> requests = new ArrayList<>(server.getAllServeEvents().stream().map(e -> e.getRequest())
                .toList());
        Collections.reverse(requests); // WireMock lists the newest first
        return requests.stream().map(r -> r.getMethod() + " " + r.getUrl()).toList();
    }

    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Override
    public void close() {
        try {
            stopCamel();
        } finally {
            server.stop();
        }
    }
}
