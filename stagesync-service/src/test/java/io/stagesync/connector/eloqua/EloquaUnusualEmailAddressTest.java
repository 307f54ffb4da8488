package io.stagesync.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real addresses that Eloqua's search cannot take literally between its single quotes are still looked up (a
 * wildcard stands for each such character, and only the contact with exactly that address is taken) and then
 * written; an address Eloqua refuses comes back as a failed result with Eloqua's reason, which the engine puts
 * in the dead letters. One test per address of issue 10, defect 4.
 */
class EloquaUnusualEmailAddressTest extends EloquaWireMockTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EloquaRecordWriter writer;

    @BeforeEach
    void writerWithMetadata() {
        stubDiscovery();
        stubContactFields();
        writer = new EloquaRecordWriter(client, new EloquaFieldMetadata(client));
        pod.stubFor(post(urlEqualTo(CONTACT)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("contact-created.json"))));
    }

    /** A list page of contacts with these ids and addresses, out of {@code total}. */
    private static String page(int page, int pageSize, long total, Object... idsAndAddresses) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode elements = body.putArray("elements");
        for (int i = 0; i < idsAndAddresses.length; i += 2) {
            elements.addObject().put("type", "Contact").put("id", idsAndAddresses[i].toString())
                    .put("emailAddress", (String) idsAndAddresses[i + 1]).put("updatedAt", "1714557600");
        }
        body.put("page", page).put("pageSize", pageSize).put("total", total);
        return body.toString();
    }

    private void stubSearch(String search, String page, String body) {
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).withQueryParam("search", equalTo(search))
                .withQueryParam("page", equalTo(page)).willReturn(okJson(body)));
    }

    private WriteResult write(String email) {
        List<WriteResult> results = writer.upsert("contact", "emailAddress",
                List.of(new UpsertRequest(email, Map.of("firstName", "Example"))));
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void anApostropheIsSearchedWithAWildcardAndOnlyTheContactWithExactlyThatAddressIsUpdated() {
        stubSearch("emailAddress='o*brien@example.com'", "1",
                page(1, 100, 2, 2001, "obrien@example.com", 2002, "O'Brien@example.com"));
        pod.stubFor(put(urlEqualTo(CONTACT + "/2002")).willReturn(okJson(fixture("contact-1007.json"))));

        WriteResult result = write("o'brien@example.com");

        assertThat(result).isEqualTo(WriteResult.ok("o'brien@example.com", "2002", false));
        pod.verify(getRequestedFor(urlPathEqualTo(CONTACTS)).withQueryParam("count", equalTo("100")));
        pod.verify(1, putRequestedFor(urlEqualTo(CONTACT + "/2002"))
                .withRequestBody(matchingJsonPath("$.emailAddress", equalTo("O'Brien@example.com"))));
        pod.verify(0, putRequestedFor(urlEqualTo(CONTACT + "/2001")));
        pod.verify(0, postRequestedFor(urlEqualTo(CONTACT)));
    }

    @Test
    void aDoubleQuoteIsSearchedWithAWildcardAndTheContactCreatedWhenNoneHasExactlyThatAddress() {
        stubSearch("emailAddress='dq*quote@example.com'", "1", page(1, 100, 1, 2003, "dq.quote@example.com"));

        WriteResult result = write("dq\"quote@example.com");

        assertThat(result).isEqualTo(WriteResult.ok("dq\"quote@example.com", "1101", true));
        pod.verify(1, postRequestedFor(urlEqualTo(CONTACT))
                .withRequestBody(matchingJsonPath("$.emailAddress", equalTo("dq\"quote@example.com"))));
        pod.verify(0, putRequestedFor(urlPathMatching(CONTACT + "/.*")));
    }

    @Test
    void aSpaceIsSearchedExactlyAndEloquasRefusalOfTheAddressIsTheResultsReason() {
        stubSearch("emailAddress='space in@example.com'", "1", fixture("contact-search-none.json"));
        pod.stubFor(post(urlEqualTo(CONTACT)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"type\": \"ObjectValidationError\", \"property\": \"emailAddress\","
                        + " \"requirement\": {\"type\": \"EmailAddressRequirement\"}, \"value\": \"space in@example.com\"}]")));

        WriteResult result = write("space in@example.com");

        assertThat(result).isEqualTo(WriteResult.failed("space in@example.com", "EmailAddressRequirement",
                "emailAddress: EmailAddressRequirement"));
        assertThat(pod.findAll(getRequestedFor(urlPathEqualTo(CONTACTS)))).singleElement()
                .satisfies(r -> assertThat(r.getUrl()).contains("space%20in%40example.com").doesNotContain("+"));
    }

    @Test
    void aStarIsAWildcardInTheSearchButOnlyTheExactAddressCountsSoTheContactIsCreated() {
        stubSearch("emailAddress='star*@example.com'", "1", page(1, 100, 1, 2004, "starfish@example.com"));

        WriteResult result = write("star*@example.com");

        assertThat(result).isEqualTo(WriteResult.ok("star*@example.com", "1101", true));
        pod.verify(1, postRequestedFor(urlEqualTo(CONTACT))
                .withRequestBody(matchingJsonPath("$.emailAddress", equalTo("star*@example.com"))));
        pod.verify(0, putRequestedFor(urlEqualTo(CONTACT + "/2004")));
    }

    @Test
    void aWildcardSearchReadsEveryPageOfCandidatesBeforeDeciding() {
        Object[] first = new Object[200];
        for (int i = 0; i < 100; i++) {
            first[2 * i] = 3000 + i;
            first[2 * i + 1] = "o" + i + "brien@example.com";
        }
        stubSearch("emailAddress='o*brien@example.com'", "1", page(1, 100, 101, first));
        stubSearch("emailAddress='o*brien@example.com'", "2", page(2, 100, 101, 3100, "o'brien@example.com"));
        pod.stubFor(put(urlEqualTo(CONTACT + "/3100")).willReturn(okJson(fixture("contact-1007.json"))));

        WriteResult result = write("o'brien@example.com");

        assertThat(result).isEqualTo(WriteResult.ok("o'brien@example.com", "3100", false));
        pod.verify(2, getRequestedFor(urlPathEqualTo(CONTACTS)));
        pod.verify(0, postRequestedFor(urlEqualTo(CONTACT)));
    }

    @Test
    void anAddressWhoseWildcardSearchFindsTooManyContactsIsRefusedWithTheReasonNotGuessed() {
        stubSearch("emailAddress='*@example.com'", "1", page(1, 100, 12_000, 2005, "a@example.com"));

        WriteResult result = write("''@example.com");

        assertThat(result.success()).isFalse();
        assertThat(result.errorCode()).isEqualTo("UNSEARCHABLE_KEY");
        assertThat(result.message()).contains("'''", "emailAddress='*@example.com'", "12000 contacts");
        pod.verify(1, getRequestedFor(urlPathEqualTo(CONTACTS)));
        pod.verify(0, postRequestedFor(urlEqualTo(CONTACT)));
    }
}
