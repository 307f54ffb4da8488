package io.stagesync.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.SystemCallException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pod's base URL comes from {@code GET {login-url}/id} once, and again only after a 401 (saas-apis.md §2.2). */
class EloquaBaseUrlDiscoveryTest extends EloquaWireMockTestBase {

    @Test
    void discoversOnceThenSendsEveryCallToTheBaseUrl() {
        stubDiscovery();
        pod.stubFor(get(urlPathEqualTo(CONTACT + "/7")).willReturn(okJson("{\"type\": \"Contact\", \"id\": \"7\"}")));

        assertThat(client.get("get contact", CONTACT + "/7", null).path("id").asText()).isEqualTo("7");
        assertThat(client.get("get contact", CONTACT + "/7", null).path("id").asText()).isEqualTo("7");
        assertThat(client.baseUrl()).isEqualTo(podUrl());

        login.verify(1, getRequestedFor(urlEqualTo("/id")).withHeader("Authorization", equalTo(BASIC))
                .withHeader("Accept", equalTo("application/json")));
        assertThat(login.getAllServeEvents()).hasSize(1);
        pod.verify(2, getRequestedFor(urlEqualTo(CONTACT + "/7")).withHeader("Authorization", equalTo(BASIC)));
    }

    @Test
    void aConfiguredBaseUrlSkipsDiscovery() {
        client.close();
        Map<String, String> values = settingsValues();
        values.put(EloquaSettings.KEY_BASE_URL, podUrl());
        client = new EloquaClient(camel, EloquaSettings.from(values), CallPolicy.direct(), clock);
        pod.stubFor(get(urlEqualTo(CONTACT + "/7")).willReturn(okJson("{\"id\": \"7\"}")));

        client.get("get contact", CONTACT + "/7", null);

        assertThat(client.baseUrl()).isEqualTo(podUrl());
        assertThat(login.getAllServeEvents()).isEmpty();
    }

    @Test
    void notAuthenticatedIsAPermanentFailureThatSaysWhatToCheck() {
        login.stubFor(get(urlEqualTo("/id")).willReturn(okJson(fixture("id-not-authenticated.json"))));

        assertThatThrownBy(() -> client.get("get contact", CONTACT + "/7", null))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.system()).isEqualTo("eloqua");
                    assertThat(e.operation()).isEqualTo("discover base url");
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains(EloquaSettings.KEY_SITE, EloquaSettings.KEY_USERNAME,
                            "API access", "gave no urls.base", "it said: Not authenticated.");
                    assertThat(e.bodyExcerpt()).isEqualTo("\"Not authenticated.\"");
                });
        login.verify(1, getRequestedFor(urlEqualTo("/id")));
        assertThat(pod.getAllServeEvents()).isEmpty();
    }

    @Test
    void aPodMoveAfter401IsFollowedWithOneRetryAtTheNewBaseUrl() {
        login.stubFor(get(urlEqualTo("/id")).inScenario("pods").whenScenarioStateIs("Started")
                .willReturn(okJson(idResponse(podUrl() + "/p01"))).willSetStateTo("moved"));
        login.stubFor(get(urlEqualTo("/id")).inScenario("pods").whenScenarioStateIs("moved")
                .willReturn(okJson(idResponse(podUrl() + "/p03"))));
        pod.stubFor(get(urlEqualTo("/p01" + CONTACT + "/7")).willReturn(aResponse().withStatus(401)));
        pod.stubFor(get(urlEqualTo("/p03" + CONTACT + "/7")).willReturn(okJson("{\"id\": \"7\"}")));

        assertThat(client.get("get contact", CONTACT + "/7", null).path("id").asText()).isEqualTo("7");
        client.get("get contact", CONTACT + "/7", null);

        login.verify(2, getRequestedFor(urlEqualTo("/id")));
        pod.verify(1, getRequestedFor(urlEqualTo("/p01" + CONTACT + "/7")));
        pod.verify(2, getRequestedFor(urlEqualTo("/p03" + CONTACT + "/7")).withHeader("Authorization", equalTo(BASIC)));
        assertThat(client.baseUrl()).isEqualTo(podUrl() + "/p03");
    }

    @Test
    void a401ThatPersistsWithBasicIsPermanentWithoutResendingTheSameCredentials() {
        stubDiscovery();
        pod.stubFor(get(urlEqualTo(CONTACT + "/7")).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> client.get("get contact", CONTACT + "/7", null))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.operation()).isEqualTo("get contact");
                    assertThat(e.getMessage()).contains("refused the HTTP Basic credentials", EloquaSettings.KEY_PASSWORD);
                });
        login.verify(2, getRequestedFor(urlEqualTo("/id")));
        pod.verify(1, getRequestedFor(urlEqualTo(CONTACT + "/7")));
    }

    @Test
    void aBaseUrlThatIsNotAnHttpUrlIsRefused() {
        login.stubFor(get(urlEqualTo("/id")).willReturn(okJson(idResponse("javascript:alert(1)"))));

        assertThatThrownBy(() -> client.baseUrl())
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains("urls.base is not an http(s) URL");
                });
        assertThat(pod.getAllServeEvents()).isEmpty();
    }

    @Test
    void anUnavailableLoginHostIsRetriableAndNothingIsCached() {
        login.stubFor(get(urlEqualTo("/id")).inScenario("down").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "4")).willSetStateTo("up"));
        login.stubFor(get(urlEqualTo("/id")).inScenario("down").whenScenarioStateIs("up")
                .willReturn(okJson(idResponse(podUrl()))));

        assertThatThrownBy(() -> client.baseUrl())
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(4));
                });
        assertThat(client.baseUrl()).isEqualTo(podUrl());
        login.verify(2, getRequestedFor(urlEqualTo("/id")));
    }
}
