package io.stagesync.connector.pardot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stagesync.connector.CallPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * WireMock on a dynamic port standing in for both the Salesforce login host and the Account
 * Engagement API host, a real {@link DefaultCamelContext} with camel-http, and a
 * {@link PardotClient} authenticating with the password flow at a fixed clock.
 */
abstract class PardotWireMockTestBase {
    static final String BUSINESS_UNIT_ID = "0UvXX00000000010AA";
    static final String CLIENT_ID = "3MVG9-pardot-test-consumer-key";
    static final String CLIENT_SECRET = "pardot-test-consumer-secret";
    static final String USERNAME = "integration@example.com";
    static final String PASSWORD = "test-password";
    static final String SECURITY_TOKEN = "test-security-token";
    static final String FIRST_TOKEN = "00DXX0000000001!AQ4AQPARDOT.FIRST.TOKEN.FOR.TESTS.ONLY";
    static final String RENEWED_TOKEN = "00DXX0000000001!AQ4AQPARDOT.RENEWED.TOKEN.FOR.TESTS.ONLY";
    static final String TOKEN_PATH = "/services/oauth2/token";
    static final String PROSPECTS = "/api/v5/objects/prospects";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    WireMockServer wireMock;
    DefaultCamelContext camel;
    PardotClient client;

    @BeforeEach
    void startWireMockAndCamel() {
        wireMock = new WireMockServer(wireMockOptions());
        wireMock.start();
        camel = new DefaultCamelContext();
        camel.start();
        client = newClient(CallPolicy.direct());
    }

    @AfterEach
    void stopWireMockAndCamel() {
        if (client != null) {
            client.close();
        }
        camel.stop();
        wireMock.stop();
    }

    /** WireMock's configuration: a dynamic port; subclasses may add extensions. */
    WireMockConfiguration wireMockOptions() {
        return options().dynamicPort();
    }

    String baseUrl() {
        return "http://localhost:" + wireMock.port();
    }

    Map<String, String> settingsValues() {
        Map<String, String> values = new HashMap<>();
        values.put(PardotSettings.KEY_BASE_URL, baseUrl());
        values.put(PardotSettings.KEY_LOGIN_URL, baseUrl());
        values.put(PardotSettings.KEY_AUTH_TYPE, "password");
        values.put(PardotSettings.KEY_CLIENT_ID, CLIENT_ID);
        values.put(PardotSettings.KEY_CLIENT_SECRET, CLIENT_SECRET);
        values.put(PardotSettings.KEY_USERNAME, USERNAME);
        values.put(PardotSettings.KEY_PASSWORD, PASSWORD);
        values.put(PardotSettings.KEY_SECURITY_TOKEN, SECURITY_TOKEN);
        values.put(PardotSettings.KEY_BUSINESS_UNIT_ID, BUSINESS_UNIT_ID);
        return values;
    }

    PardotClient newClient(CallPolicy policy) {
        return new PardotClient(camel, PardotSettings.from(settingsValues()), policy, CLOCK);
    }

    /** Replaces the client with one using {@code policy}. */
    void useClient(CallPolicy policy) {
        client.close();
        client = newClient(policy);
    }

    /** The token endpoint answers every request with the first token. */
    void stubToken() {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(fixture("oauth-token-response.json"))));
    }

    /** The token endpoint answers the first request with the first token and every later one with the renewed token. */
    void stubTokenThenRenewed() {
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(fixture("oauth-token-response.json"))).willSetStateTo("issued"));
        wireMock.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("token").whenScenarioStateIs("issued")
                .willReturn(okJson(fixture("oauth-token-response-renewed.json"))));
    }

    /** A v5 error response with a fixture body. */
    static ResponseDefinitionBuilder pardotError(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
    }

    /** The token requests received, each as its decoded form fields in order. */
    List<Map<String, String>> tokenRequests() {
        return wireMock.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))
                .stream().map(r -> form(r.getBodyAsString())).toList();
    }

    /** The requests that reached the Account Engagement API (anything under /api/v5), in arrival order. */
    List<LoggedRequest> apiRequests() {
        return wireMock.findAll(anyRequestedFor(urlPathMatching("/api/v5/.*")));
    }

    /** Every API request carried the business unit header and {@code Bearer token}. */
    void assertEveryApiCallCarries(String token) {
        assertThat(apiRequests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + token);
            assertThat(r.getHeader("Pardot-Business-Unit-Id")).isEqualTo(BUSINESS_UNIT_ID);
        });
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

    /** A fixture under src/test/resources/pardot/. */
    static String fixture(String name) {
        try (InputStream in = PardotWireMockTestBase.class.getResourceAsStream("/pardot/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture pardot/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
