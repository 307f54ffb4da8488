package io.stagesync.connector.netsuite;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SuiteQL over camel-http: the exact request per page and offset paging while {@code hasMore}. */
class NetSuiteSuiteQlPagingTest extends NetSuiteWireMockTestBase {
    private static final String QUERY = "SELECT id, entityid, companyname, email FROM customer ORDER BY id";
    private static final String QUERY_JSON = "{\"q\": \"" + QUERY + "\"}";

    private void stubPage(int offset, String fixture) {
        wireMock.stubFor(post(urlPathEqualTo("/services/rest/query/v1/suiteql"))
                .withQueryParam("limit", equalTo("2"))
                .withQueryParam("offset", equalTo(Integer.toString(offset)))
                .willReturn(okJson(fixture(fixture))));
    }

    @Test
    void readsThreePagesSendingTheExactRequestForEach() {
        stubPage(0, "suiteql-customer-page1.json");
        stubPage(2, "suiteql-customer-page2.json");
        stubPage(4, "suiteql-customer-page3.json");
        List<SuiteQlPage> pages = new ArrayList<>();

        client.suiteQlPages(QUERY, 2, page -> pages.add(page));

        assertThat(pages).extracting(SuiteQlPage::offset).containsExactly(0, 2, 4);
        assertThat(pages).extracting(SuiteQlPage::hasMore).containsExactly(true, true, false);
        assertThat(pages.stream().flatMap(p -> p.items().stream()).map(r -> r.get("id")))
                .containsExactly("101", "102", "103", "104", "105");
        for (int offset : new int[] {0, 2, 4}) {
            wireMock.verify(1, postRequestedFor(urlEqualTo("/services/rest/query/v1/suiteql?limit=2&offset=" + offset))
                    .withHeader("Prefer", equalTo("transient"))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withHeader("Authorization", equalTo(expectedTba("POST", "/services/rest/query/v1/suiteql",
                            "limit=2&" + OAUTH_PARAMS + "&offset=" + offset)))
                    .withRequestBody(equalToJson(QUERY_JSON)));
        }
        assertThat(wireMock.getAllServeEvents()).hasSize(3);
    }

    @Test
    void rowsKeepColumnOrderAndValuesDropLinksAndSurviveNonAscii() {
        stubPage(2, "suiteql-customer-page2.json");

        SuiteQlPage page = client.suiteQl(QUERY, 2, 2);

        assertThat(page.count()).isEqualTo(2);
        assertThat(page.totalResults()).isEqualTo(5);
        Map<String, Object> first = page.items().get(0);
        assertThat(first.keySet()).containsExactly("id", "entityid", "companyname", "email");
        assertThat(first.get("companyname")).isEqualTo("Démo Tools SARL");
        assertThat(first).containsEntry("email", null);
        assertThat(page.items().get(1).get("companyname")).isEqualTo("テスト食品株式会社");
    }

    @Test
    void consumerReturningFalseStopsBeforeTheNextPage() {
        stubPage(0, "suiteql-customer-page1.json");
        stubPage(2, "suiteql-customer-page2.json");
        List<SuiteQlPage> pages = new ArrayList<>();

        client.suiteQlPages(QUERY, 2, page -> pages.add(page) && false);

        assertThat(pages).hasSize(1);
        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/services/rest/query/v1/suiteql")));
    }

    @Test
    void queryTextWithQuotesAndNonAsciiArrivesIntactAsUtf8Json() {
        String query = "SELECT id FROM customer WHERE companyname = " + SuiteQl.string("Zoë's \"Café\"");
        wireMock.stubFor(post(urlPathEqualTo("/services/rest/query/v1/suiteql"))
                .willReturn(okJson(fixture("suiteql-customer-page3.json"))));

        client.suiteQl(query, 1000, 0);

        wireMock.verify(postRequestedFor(urlEqualTo("/services/rest/query/v1/suiteql?limit=1000&offset=0"))
                .withRequestBody(equalToJson("{\"q\": \"SELECT id FROM customer WHERE companyname = 'Zoë''s \\\"Café\\\"'\"}")));
    }
}
