package io.stagesync.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP Basic {@code Site\User} and OAuth 2.0 (refresh-token and password grants) as saas-apis.md §2.1 describes them. */
class EloquaAuthTest extends EloquaWireMockTestBase {
    private static final String TOKEN = "/auth/oauth2/token";
    /** {@code Basic base64("client-1:client-secret")}, computed outside the code under test. */
    private static final String CLIENT_BASIC = "Basic Y2xpZW50LTE6Y2xpZW50LXNlY3JldA==";
    private static final String CONTACT_7 = CONTACT + "/7";

    private EloquaClient oauth2Client(Map<String, String> extra) {
        client.close();
        Map<String, String> values = new HashMap<>();
        values.put(EloquaSettings.KEY_LOGIN_URL, loginUrl());
        values.put(EloquaSettings.KEY_AUTH_TYPE, "oauth2");
        values.put(EloquaSettings.KEY_CLIENT_ID, "client-1");
        values.put(EloquaSettings.KEY_CLIENT_SECRET, "client-secret");
        values.put(EloquaSettings.KEY_REFRESH_TOKEN, "rt-1");
        values.putAll(extra);
        values.values().removeIf(v -> v == null);
        client = new EloquaClient(camel, EloquaSettings.from(values), CallPolicy.direct(), clock);
        return client;
    }

    private static String tokenJson(String access, String refresh) {
        return "{\"access_token\": \"" + access + "\", \"token_type\": \"bearer\", \"expires_in\": 28800,"
                + " \"refresh_token\": \"" + refresh + "\"}";
    }

    private void stubTokens(String... accessTokens) {
        for (int i = 0; i < accessTokens.length; i++) {
            login.stubFor(post(urlEqualTo(TOKEN)).inScenario("tokens").whenScenarioStateIs(i == 0 ? "Started" : "t" + i)
                    .willReturn(okJson(tokenJson(accessTokens[i], "rt-" + (i + 2)))).willSetStateTo("t" + (i + 1)));
        }
    }

    private void stubDiscoveryFor(String bearer) {
        login.stubFor(get(urlEqualTo("/id")).withHeader("Authorization", equalTo("Bearer " + bearer))
                .willReturn(okJson(idResponse(podUrl()))));
    }

    private void stubContactFor(String bearer) {
        pod.stubFor(get(urlEqualTo(CONTACT_7)).withHeader("Authorization", equalTo("Bearer " + bearer))
                .willReturn(okJson("{\"type\": \"Contact\", \"id\": \"7\"}")));
    }

    @Test
    void basicSendsSiteBackslashUserToTheLoginHostAndThePod() {
        stubDiscovery();
        pod.stubFor(get(urlEqualTo(CONTACT_7)).withHeader("Authorization", equalTo(BASIC)).willReturn(okJson("{\"id\": \"7\"}")));

        client.get("get contact", CONTACT_7, null);

        login.verify(getRequestedFor(urlEqualTo("/id")).withHeader("Authorization", equalTo(BASIC)));
        pod.verify(getRequestedFor(urlEqualTo(CONTACT_7)).withHeader("Authorization", equalTo(BASIC)));
        assertThat(BasicAuthenticator.header("ExampleCo\\api.user", "s3cret:pass")).isEqualTo(BASIC);
    }

    @Test
    void theRefreshTokenGrantAuthenticatesTheAppAndTheBearerIsUsedEverywhere() {
        oauth2Client(Map.of());
        stubTokens("tok-1");
        stubDiscoveryFor("tok-1");
        stubContactFor("tok-1");

        client.get("get contact", CONTACT_7, null);

        login.verify(1, postRequestedFor(urlEqualTo(TOKEN))
                .withHeader("Authorization", equalTo(CLIENT_BASIC))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"grant_type\": \"refresh_token\", \"refresh_token\": \"rt-1\","
                        + " \"scope\": \"full\"}")));
        login.verify(1, getRequestedFor(urlEqualTo("/id")).withHeader("Authorization", equalTo("Bearer tok-1")));
        pod.verify(1, getRequestedFor(urlEqualTo(CONTACT_7)).withHeader("Authorization", equalTo("Bearer tok-1")));
    }

    @Test
    void theRedirectUriGoesWithTheRefreshGrantWhenConfigured() {
        oauth2Client(Map.of(EloquaSettings.KEY_REDIRECT_URI, "https://stagesync.example.com/eloqua/callback"));
        stubTokens("tok-1");
        stubDiscoveryFor("tok-1");
        stubContactFor("tok-1");

        client.get("get contact", CONTACT_7, null);

        login.verify(postRequestedFor(urlEqualTo(TOKEN)).withRequestBody(equalToJson("{\"grant_type\": \"refresh_token\","
                + " \"refresh_token\": \"rt-1\", \"scope\": \"full\","
                + " \"redirect_uri\": \"https://stagesync.example.com/eloqua/callback\"}")));
    }

    @Test
    void withoutARefreshTokenThePasswordGrantSendsSiteBackslashUser() {
        Map<String, String> password = new HashMap<>();
        password.put(EloquaSettings.KEY_REFRESH_TOKEN, null);
        password.put(EloquaSettings.KEY_SITE, SITE);
        password.put(EloquaSettings.KEY_USERNAME, USER);
        password.put(EloquaSettings.KEY_PASSWORD, PASSWORD);
        oauth2Client(password);
        stubTokens("tok-1");
        stubDiscoveryFor("tok-1");
        stubContactFor("tok-1");

        client.get("get contact", CONTACT_7, null);

        login.verify(postRequestedFor(urlEqualTo(TOKEN)).withHeader("Authorization", equalTo(CLIENT_BASIC))
                .withRequestBody(equalToJson("{\"grant_type\": \"password\", \"scope\": \"full\","
                        + " \"username\": \"ExampleCo\\\\api.user\", \"password\": \"s3cret:pass\"}")));
    }

    @Test
    void theTokenIsCachedUntilShortlyBeforeItExpires() {
        oauth2Client(Map.of());
        stubTokens("tok-1", "tok-2");
        stubDiscoveryFor("tok-1");
        stubContactFor("tok-1");
        stubContactFor("tok-2");

        client.get("get contact", CONTACT_7, null);
        clock.advance(Duration.ofSeconds(28800 - 61));
        client.get("get contact", CONTACT_7, null);
        login.verify(1, postRequestedFor(urlEqualTo(TOKEN)));

        clock.advance(Duration.ofSeconds(1));
        client.get("get contact", CONTACT_7, null);

        login.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
        login.verify(postRequestedFor(urlEqualTo(TOKEN)).withRequestBody(matchingJsonPath("$.refresh_token", equalTo("rt-2"))));
        pod.verify(2, getRequestedFor(urlEqualTo(CONTACT_7)).withHeader("Authorization", equalTo("Bearer tok-1")));
        pod.verify(1, getRequestedFor(urlEqualTo(CONTACT_7)).withHeader("Authorization", equalTo("Bearer tok-2")));
    }

    @Test
    void unauthorizedRefreshesOnceWithTheRotatedRefreshTokenAndRetriesOnce() {
        oauth2Client(Map.of());
        stubTokens("tok-revoked", "tok-2");
        stubDiscoveryFor("tok-revoked");
        stubDiscoveryFor("tok-2");
        pod.stubFor(get(urlEqualTo(CONTACT_7)).withHeader("Authorization", equalTo("Bearer tok-revoked"))
                .willReturn(aResponse().withStatus(401)));
        stubContactFor("tok-2");

        assertThat(client.get("get contact", CONTACT_7, null).path("id").asText()).isEqualTo("7");

        login.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
        login.verify(1, postRequestedFor(urlEqualTo(TOKEN)).withRequestBody(matchingJsonPath("$.refresh_token", equalTo("rt-1"))));
        login.verify(1, postRequestedFor(urlEqualTo(TOKEN)).withRequestBody(matchingJsonPath("$.refresh_token", equalTo("rt-2"))));
        login.verify(1, getRequestedFor(urlEqualTo("/id")).withHeader("Authorization", equalTo("Bearer tok-2")));
        pod.verify(2, getRequestedFor(urlEqualTo(CONTACT_7)));
    }

    @Test
    void aSecond401IsPermanentAfterExactlyOneRefresh() {
        oauth2Client(Map.of());
        stubTokens("tok-1", "tok-2", "tok-3");
        stubDiscoveryFor("tok-1");
        stubDiscoveryFor("tok-2");
        pod.stubFor(get(urlEqualTo(CONTACT_7)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.get("get contact", CONTACT_7, null))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains("OAuth 2.0 access token even after a new one was issued");
                });
        login.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
        pod.verify(2, getRequestedFor(urlEqualTo(CONTACT_7)));
    }

    @Test
    void notAuthenticatedAtDiscoveryGetsOneNewToken() {
        oauth2Client(Map.of());
        stubTokens("tok-stale", "tok-2");
        login.stubFor(get(urlEqualTo("/id")).withHeader("Authorization", equalTo("Bearer tok-stale"))
                .willReturn(okJson(fixture("id-not-authenticated.json"))));
        stubDiscoveryFor("tok-2");
        stubContactFor("tok-2");

        client.get("get contact", CONTACT_7, null);

        login.verify(2, getRequestedFor(urlEqualTo("/id")));
        login.verify(2, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void aRefusedRefreshTokenIsPermanentAndSaysWhatToDo() {
        oauth2Client(Map.of());
        login.stubFor(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"invalid_grant\"}")));

        assertThatThrownBy(() -> client.get("get contact", CONTACT_7, null))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.operation()).isEqualTo("oauth2 token");
                    assertThat(e.vendorCode()).isEqualTo("invalid_grant");
                    assertThat(e.getMessage()).contains("Authorize the app again", EloquaSettings.KEY_REFRESH_TOKEN);
                });
        assertThat(pod.getAllServeEvents()).isEmpty();
        login.verify(0, getRequestedFor(urlEqualTo("/id")));
    }

    @Test
    void anUnavailableTokenEndpointIsRetriable() {
        oauth2Client(Map.of());
        login.stubFor(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "5")));

        assertThatThrownBy(() -> client.get("get contact", CONTACT_7, null))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
                });
        login.verify(1, postRequestedFor(urlEqualTo(TOKEN)));
    }

    @Test
    void aTokenResponseWithoutAnAccessTokenNeverEchoesTheBody() {
        oauth2Client(Map.of());
        login.stubFor(post(urlEqualTo(TOKEN)).willReturn(okJson("{\"refresh_token\": \"rt-secret\"}")));

        assertThatThrownBy(() -> client.get("get contact", CONTACT_7, null))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.getMessage()).contains("no access_token").doesNotContain("rt-secret");
                    assertThat(e.bodyExcerpt()).isNull();
                });
    }
}
