package io.stagesync.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.stagesync.connector.CallPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two WireMock servers on dynamic ports, as Eloqua has two hosts: {@link #login} plays
 * {@code login.eloqua.com} ({@code /id}, the token endpoint), {@link #pod} the pod whose base URL
 * {@code /id} hands out (Application and Bulk API). A real {@link DefaultCamelContext} with
 * camel-http, and an {@link EloquaClient} with HTTP Basic credentials whose header is written out
 * by hand in {@link #BASIC}, so each request's {@code Authorization} can be asserted exactly.
 */
abstract class EloquaWireMockTestBase {
    static final String SITE = "ExampleCo";
    static final String USER = "api.user";
    static final String PASSWORD = "s3cret:pass";
    /** {@code Basic base64("ExampleCo\api.user:s3cret:pass")}, computed outside the code under test. */
    static final String BASIC = "Basic RXhhbXBsZUNvXGFwaS51c2VyOnMzY3JldDpwYXNz";
    static final String REST = "/api/REST/1.0";
    static final String BULK = "/api/bulk/2.0";
    static final String FIELDS = REST + "/assets/contact/fields";
    static final String CONTACTS = REST + "/data/contacts";
    static final String CONTACT = REST + "/data/contact";

    WireMockServer login;
    WireMockServer pod;
    DefaultCamelContext camel;
    EloquaClient client;
    final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));

    @BeforeEach
    void startWireMockAndCamel() {
        login = new WireMockServer(wireMockOptions());
        login.start();
        pod = new WireMockServer(wireMockOptions());
        pod.start();
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
        pod.stop();
        login.stop();
    }

    /** WireMock's configuration for both servers: a dynamic port; subclasses may add extensions. */
    WireMockConfiguration wireMockOptions() {
        return options().dynamicPort();
    }

    String loginUrl() {
        return "http://localhost:" + login.port();
    }

    String podUrl() {
        return "http://localhost:" + pod.port();
    }

    /** Basic credentials, the login server as login URL, search date-times in UTC. */
    Map<String, String> settingsValues() {
        Map<String, String> values = new HashMap<>();
        values.put(EloquaSettings.KEY_LOGIN_URL, loginUrl());
        values.put(EloquaSettings.KEY_SITE, SITE);
        values.put(EloquaSettings.KEY_USERNAME, USER);
        values.put(EloquaSettings.KEY_PASSWORD, PASSWORD);
        values.put(EloquaSettings.KEY_SEARCH_TIMEZONE, "UTC");
        return values;
    }

    EloquaClient newClient(CallPolicy policy) {
        return new EloquaClient(camel, EloquaSettings.from(settingsValues()), policy, clock);
    }

    /** {@code GET /id} on the login server answers with the pod's base URL. */
    void stubDiscovery() {
        login.stubFor(get(urlEqualTo("/id")).willReturn(okJson(idResponse(podUrl()))));
    }

    /** The contact fields, all on one page of the default size. */
    void stubContactFields() {
        pod.stubFor(get(urlPathEqualTo(FIELDS)).withQueryParam("page", equalTo("1"))
                .willReturn(okJson(fixture("contact-fields-all.json"))));
    }

    /** The {@code /id} answer of saas-apis.md §2.2 with {@code base} as {@code urls.base}. */
    static String idResponse(String base) {
        return fixture("id.json").replace("{{base}}", base);
    }

    /** A fixture under src/test/resources/eloqua/. */
    static String fixture(String name) {
        try (InputStream in = EloquaWireMockTestBase.class.getResourceAsStream("/eloqua/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture eloqua/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
