package io.stagesync.connector.netsuite;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.stagesync.connector.CallPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * WireMock on a dynamic port, a real {@link DefaultCamelContext} with camel-http, and a
 * {@link NetSuiteClient} signing with TBA at a fixed clock and nonce (the credentials of the
 * known-answer vector), so each request's {@code Authorization} header can be asserted exactly.
 */
abstract class NetSuiteWireMockTestBase {
    static final String CONSUMER_KEY = "ck-4f1e";
    static final String CONSUMER_SECRET = "cs-secret+1";
    static final String TOKEN_ID = "tk-9a2b";
    static final String TOKEN_SECRET = "ts/secret=2";
    static final String NONCE = "n0nce42";
    static final long TIMESTAMP = 1_700_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC);
    /** The oauth_* parameters of every test request, encoded and sorted, written out by hand. */
    static final String OAUTH_PARAMS = "oauth_consumer_key=ck-4f1e&oauth_nonce=n0nce42"
            + "&oauth_signature_method=HMAC-SHA256&oauth_timestamp=1700000000&oauth_token=tk-9a2b&oauth_version=1.0";

    WireMockServer wireMock;
    DefaultCamelContext camel;
    NetSuiteClient client;

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
        values.put(NetSuiteSettings.KEY_ACCOUNT_ID, "1234567_SB1");
        values.put(NetSuiteSettings.KEY_BASE_URL, baseUrl());
        values.put(NetSuiteSettings.KEY_TBA_CONSUMER_KEY, CONSUMER_KEY);
        values.put(NetSuiteSettings.KEY_TBA_CONSUMER_SECRET, CONSUMER_SECRET);
        values.put(NetSuiteSettings.KEY_TBA_TOKEN_ID, TOKEN_ID);
        values.put(NetSuiteSettings.KEY_TBA_TOKEN_SECRET, TOKEN_SECRET);
        return values;
    }

    NetSuiteClient newClient(CallPolicy policy) {
        return new NetSuiteClient(camel, NetSuiteSettings.from(settingsValues()), policy, CLOCK, () -> NONCE);
    }

    /**
     * The TBA header NetSuite expects, computed here independently of {@link TbaSigner}: the
     * caller writes the normalized parameter string out by hand.
     *
     * @param path             the percent-encoded path as sent
     * @param normalizedParams query and oauth parameters, encoded, sorted, joined with {@code &}
     */
    String expectedTba(String method, String path, String normalizedParams) {
        String base = method + "&" + encode(baseUrl() + path) + "&" + encode(normalizedParams);
        String key = encode(CONSUMER_SECRET) + "&" + encode(TOKEN_SECRET);
        String signature;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            signature = Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return "OAuth realm=\"1234567_SB1\", oauth_consumer_key=\"ck-4f1e\", oauth_token=\"tk-9a2b\", "
                + "oauth_signature_method=\"HMAC-SHA256\", oauth_timestamp=\"1700000000\", oauth_nonce=\"n0nce42\", "
                + "oauth_version=\"1.0\", oauth_signature=\"" + encode(signature) + "\"";
    }

    /** RFC 3986 encoding via the JDK's form encoder, corrected for the three characters where they differ. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** A fixture under src/test/resources/netsuite/. */
    static String fixture(String name) {
        try (InputStream in = NetSuiteWireMockTestBase.class.getResourceAsStream("/netsuite/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture netsuite/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
