package io.stagesync.connector.eloqua;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.RequestAuthenticator;
import io.stagesync.connector.SystemCallException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.CamelContext;

/**
 * Talks to Eloqua: finds the pod's base URL, authenticates, sends JSON requests and classifies
 * failures. The Application API, field metadata and Bulk API classes of this package build on it.
 *
 * <p><b>Base URL.</b> Unless {@link EloquaSettings#baseUrl()} is set, the first call asks
 * {@code GET {login-url}/id} with the credentials and caches {@code urls.base} (saas-apis.md
 * §2.2). A response without it (Eloqua answers {@code "Not authenticated."} to bad credentials)
 * is a permanent failure that says what to check.
 *
 * <p><b>Calls.</b> Every call runs through the injected {@link CallPolicy}, the only retry owner;
 * discovery and token requests happen inside the attempt that needs them, so they are covered
 * by that call's policy without nesting it. One attempt sends one request, plus, when Eloqua
 * answers 401, one more after the credentials were renewed (OAuth 2.0: a new token) and, with a
 * discovered base URL, {@code /id} was asked again (an instance can move pods); a second 401 is
 * permanent and says what to check. A non-2xx answer becomes an {@link EloquaCallException}
 * classified by {@link EloquaErrors}; no answer becomes a retriable {@link SystemCallException}
 * with status 0.
 *
 * <p>Thread-safe; {@link #close()} releases the producer template, not the Camel context.
 */
public final class EloquaClient implements AutoCloseable {
    /** Application API 1.0 prefix. */
    public static final String REST = "/api/REST/1.0";
    /** Bulk API 2.0 prefix. */
    public static final String BULK = "/api/bulk/2.0";
    static final String ID_PATH = "/id";
    static final String DISCOVER = "discover base url";
    private static final String JSON_TYPE = "application/json";

    private final EloquaSettings settings;
    private final CallPolicy policy;
    private final Clock clock;
    private final EloquaHttp http;
    private final RequestAuthenticator auth;
    private final ObjectMapper json = io.stagesync.connector.VendorJson.mapper();
    private String discoveredBaseUrl;

    /** A client with the system clock. */
    public EloquaClient(CamelContext camel, EloquaSettings settings, CallPolicy policy) {
        this(camel, settings, policy, Clock.systemUTC());
    }

    /**
     * @param camel    the context whose camel-http component sends the requests
     * @param settings validated settings
     * @param policy   the resilience policy every call runs under
     * @param clock    time for token expiry and HTTP-date {@code Retry-After}
     */
    public EloquaClient(CamelContext camel, EloquaSettings settings, CallPolicy policy, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = new EloquaHttp(camel, settings.maxConcurrentCalls(), settings.timeouts());
        this.auth = settings.authType() == EloquaSettings.AuthType.BASIC
                ? new BasicAuthenticator(settings)
                : new OAuth2Authenticator(settings, http, clock);
    }

    public EloquaSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    /**
     * The base URL every Application and Bulk API call goes to: the configured one, else the one
     * {@code /id} gave (asked once, under the policy as operation {@value #DISCOVER}).
     */
    public String baseUrl() {
        return settings.baseUrl().orElseGet(() -> policy.execute(DISCOVER, this::currentBaseUrl));
    }

    /**
     * {@code GET {base}{path}?{query}}.
     *
     * @return the JSON body, or {@link NullNode} when Eloqua answered without one (e.g. 204)
     */
    JsonNode get(String operation, String path, String query) {
        return send(operation, "GET", path, query, null);
    }

    /**
     * One JSON call to the base URL.
     *
     * @param method {@code GET}, {@code POST}, {@code PUT} or {@code DELETE}
     * @param path   percent-encoded path from the base URL, starting with {@code /}
     * @param query  encoded query (see {@link UrlQuery}), or null
     * @param body   serialized as JSON, or null for none
     * @return the JSON body, or {@link NullNode} when there is none
     */
    JsonNode send(String operation, String method, String path, String query, Object body) {
        byte[] bytes = body == null ? null : write(body);
        Map<String, String> headers = bytes == null ? Map.of("Accept", JSON_TYPE)
                : Map.of("Accept", JSON_TYPE, "Content-Type", JSON_TYPE);
        EloquaHttp.Response response = policy.execute(operation,
                () -> attempt(operation, method, path, query, headers, bytes));
        return read(operation, response);
    }

    @Override
    public void close() {
        http.close();
    }

    private EloquaHttp.Response attempt(String operation, String method, String path, String query,
                                        Map<String, String> headers, byte[] body) {
        String base = currentBaseUrl();
        EloquaHttp.Request request = new EloquaHttp.Request(method, base, path, query, headers, body);
        String authorization = authorization(request);
        EloquaHttp.Response response = http.send(operation, request.withHeader("Authorization", authorization));
        if (response.status() == 401) {
            boolean renewed = auth.renew(authorization);
            boolean moved = false;
            if (settings.baseUrl().isEmpty()) {
                forgetBaseUrl(base);
                String now = currentBaseUrl();
                moved = !now.equals(base);
                base = now;
            }
            if (renewed || moved) {
                EloquaHttp.Request again = request.at(base);
                response = http.send(operation, again.withHeader("Authorization", authorization(again)));
            }
        }
        if (response.status() / 100 != 2) {
            throw EloquaErrors.fromResponse(operation, response.status(), response.body(),
                    response.header("Retry-After"), auth.unauthorizedAdvice(), clock);
        }
        return response;
    }

    private String authorization(EloquaHttp.Request request) {
        return auth.authorization(request.method(), request.baseUrl() + request.path()
                + (request.query() == null ? "" : "?" + request.query()));
    }

    /** The configured base URL, or the cached discovered one, discovering it (inside the current attempt) when needed. */
    private String currentBaseUrl() {
        if (settings.baseUrl().isPresent()) {
            return settings.baseUrl().get();
        }
        synchronized (this) {
            if (discoveredBaseUrl == null) {
                discoveredBaseUrl = discover();
            }
            return discoveredBaseUrl;
        }
    }

    private synchronized void forgetBaseUrl(String rejected) {
        if (rejected.equals(discoveredBaseUrl)) {
            discoveredBaseUrl = null;
        }
    }

    private String discover() {
        EloquaHttp.Request request = new EloquaHttp.Request("GET", settings.loginUrl(), ID_PATH, null,
                Map.of("Accept", JSON_TYPE), null);
        String authorization = authorization(request);
        EloquaHttp.Response response = http.send(DISCOVER, request.withHeader("Authorization", authorization));
        if ((response.status() == 401 || baseOf(response) == null) && auth.renew(authorization)) {
            response = http.send(DISCOVER, request.withHeader("Authorization", authorization(request)));
        }
        if (response.status() / 100 != 2) {
            throw EloquaErrors.fromResponse(DISCOVER, response.status(), response.body(), response.header("Retry-After"),
                    auth.unauthorizedAdvice(), clock);
        }
        String base = baseOf(response);
        if (base == null) {
            String said = said(response.body());
            throw new EloquaCallException(DISCOVER, response.status(), null, auth.unauthorizedAdvice()
                    + ". " + settings.loginUrl() + ID_PATH + " gave no urls.base"
                    + (said == null ? "" : "; it said: " + said), EloquaErrors.excerpt(response.body()), false, null,
                    List.of());
        }
        return validBaseUrl(base, response);
    }

    /** {@code urls.base} of an {@code /id} answer, or null when it has none (e.g. {@code "Not authenticated."}). */
    private String baseOf(EloquaHttp.Response response) {
        if (response.status() / 100 != 2) {
            return null;
        }
        try {
            JsonNode base = json.readTree(response.body()).path("urls").path("base");
            return base.isTextual() && !base.asText().isBlank() ? base.asText().trim() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String said(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isTextual() ? node.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String validBaseUrl(String base, EloquaHttp.Response response) {
        String value = base;
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawQuery() == null
                    && uri.getRawUserInfo() == null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw EloquaErrors.unusable(DISCOVER, response.status(), "urls.base is not an http(s) URL: " + base,
                response.body(), null);
    }

    private JsonNode read(String operation, EloquaHttp.Response response) {
        if (response.body().isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw EloquaErrors.unusable(operation, response.status(),
                    io.stagesync.connector.VendorJson.problem(e, "the response is not JSON"), response.body(), e);
        }
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
