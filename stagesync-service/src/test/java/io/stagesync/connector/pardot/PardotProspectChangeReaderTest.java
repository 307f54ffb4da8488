package io.stagesync.connector.pardot;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Incremental prospect reads: exact v5 queries, nextPageToken paging, (updatedAt, id) positions without skips or repeats. */
class PardotProspectChangeReaderTest extends PardotWireMockTestBase {
    private static final String FIELDS = "id,email,firstName,lastName,company,score,grade,campaignId,updatedAt,"
            + "Lifecycle_Stage__c,salesforceLeadId,salesforceContactId";
    private static final String TOKEN_2 = "eyJwYWdlIjoyLCJxdWVyeSI6ImZpeHR1cmUifQ";
    private static final String TOKEN_3 = "eyJwYWdlIjozLCJxdWVyeSI6ImZpeHR1cmUifQ";
    private static final String TIE_TOKEN = "eyJwYWdlIjoyLCJxdWVyeSI6InRpZSJ9";
    /** 10:00:05-04:00, the updatedAt the tie fixtures share across their page boundary. */
    private static final Instant TIE = Instant.parse("2024-05-01T14:00:05Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Ties on updatedAt (also written with different offsets), ids not in time order, a tie group wider than most pages. */
    private final FakeProspectQuery fake = new FakeProspectQuery(List.of(
            new FakeProspectQuery.Row(57, "2024-05-01T10:00:00-04:00"),
            new FakeProspectQuery.Row(3, "2024-05-01T14:00:00Z"),
            new FakeProspectQuery.Row(61, "2024-05-01T10:00:05-04:00"),
            new FakeProspectQuery.Row(62, "2024-05-01T16:00:05+02:00"),
            new FakeProspectQuery.Row(9, "2024-05-01T10:00:05-04:00"),
            new FakeProspectQuery.Row(100, "2024-05-01T10:00:05-04:00"),
            new FakeProspectQuery.Row(1000, "2024-05-01T10:00:05-04:00"),
            new FakeProspectQuery.Row(12, "2024-05-01T10:00:09-04:00"),
            new FakeProspectQuery.Row(11, "2024-05-02T00:00:00-04:00"),
            new FakeProspectQuery.Row(99, "2024-05-02T00:00:00-04:00"),
            new FakeProspectQuery.Row(2, "2024-12-31T23:59:59-05:00"),
            new FakeProspectQuery.Row(5, "2025-01-01T00:00:00-05:00"),
            new FakeProspectQuery.Row(4, "2025-01-01T00:00:00-05:00")), FIELDS);

    @Override
    WireMockConfiguration wireMockOptions() {
        return super.wireMockOptions().extensions(fake);
    }

    private PardotChangeReader reader() {
        return new PardotChangeReader(client);
    }

    private void stubFake() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(aResponse().withTransformers(FakeProspectQuery.NAME)));
    }

    private static List<Long> ids(List<SystemRecord> records) {
        return records.stream().map(r -> Long.parseLong(r.id())).toList();
    }

    @Test
    void threePagesFollowNextPageTokenWithExactQueries() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withQueryParam("fields", equalTo(FIELDS))
                .withQueryParam("limit", equalTo("2")).withQueryParam("orderBy", equalTo("updatedAt,id"))
                .withQueryParam("updatedAtAfterOrEqualTo", absent()).withQueryParam("nextPageToken", absent())
                .willReturn(okJson(fixture("prospects-page-1.json"))));
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withQueryParam("fields", equalTo(FIELDS))
                .withQueryParam("nextPageToken", equalTo(TOKEN_2)).willReturn(okJson(fixture("prospects-page-2.json"))));
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withQueryParam("fields", equalTo(FIELDS))
                .withQueryParam("nextPageToken", equalTo(TOKEN_3)).willReturn(okJson(fixture("prospects-page-3.json"))));
        List<List<SystemRecord>> pages = new ArrayList<>();
        List<ChangePosition> ends = new ArrayList<>();

        reader().readChanges("prospect", null, 2, (page, end) -> {
            pages.add(page);
            ends.add(end);
            return true;
        });

        assertThat(pages).extracting(PardotProspectChangeReaderTest::ids)
                .containsExactly(List.of(1001L, 1002L), List.of(1003L, 1004L), List.of(1005L));
        assertThat(ends).containsExactly(
                new ChangePosition(Instant.parse("2024-05-01T10:00:07Z"), "00000000000000001002"),
                new ChangePosition(Instant.parse("2024-05-01T12:00:00Z"), "00000000000000001004"),
                new ChangePosition(Instant.parse("2024-05-02T13:15:30Z"), "00000000000000001005"));
        SystemRecord first = pages.get(0).get(0);
        assertThat(first.system()).isEqualTo("pardot");
        assertThat(first.objectType()).isEqualTo("prospect");
        assertThat(first.id()).isEqualTo("1001");
        assertThat(first.modstamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(first.fields().keySet()).containsExactly("id", "email", "firstName", "lastName", "company", "score",
                "grade", "campaignId", "updatedAt", "Lifecycle_Stage__c", "salesforceLeadId", "salesforceContactId");
        assertThat(first.fields()).containsEntry("id", 1001).containsEntry("score", 72).containsEntry("grade", "B+")
                .containsEntry("campaignId", 5001).containsEntry("Lifecycle_Stage__c", "MQL")
                .containsEntry("updatedAt", "2024-05-01T06:00:00-04:00")
                .containsEntry("salesforceLeadId", "00QXX0000000001AAA").containsEntry("salesforceContactId", null);
        List<LoggedRequest> requests = apiRequests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).getQueryParams().keySet()).containsExactlyInAnyOrder("fields", "limit", "orderBy");
        assertThat(requests.get(1).getQueryParams().keySet()).containsExactlyInAnyOrder("fields", "nextPageToken");
        assertThat(requests.get(2).getQueryParams().keySet()).containsExactlyInAnyOrder("fields", "nextPageToken");
        assertEveryApiCallCarries(FIRST_TOKEN);
    }

    @Test
    void equalUpdatedAtAcrossAPageBoundaryAndAResumeFromTheSavedPositionNeitherSkipNorRepeat() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withQueryParam("fields", equalTo(FIELDS))
                .withQueryParam("limit", equalTo("3")).withQueryParam("orderBy", equalTo("updatedAt,id"))
                .withQueryParam("updatedAtAfterOrEqualTo", absent()).withQueryParam("nextPageToken", absent())
                .willReturn(okJson(fixture("prospects-tie-page-1.json"))));
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withQueryParam("fields", equalTo(FIELDS))
                .withQueryParam("nextPageToken", equalTo(TIE_TOKEN)).willReturn(okJson(fixture("prospects-tie-page-2.json"))));
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withQueryParam("fields", equalTo(FIELDS))
                .withQueryParam("limit", equalTo("3")).withQueryParam("orderBy", equalTo("updatedAt,id"))
                .withQueryParam("updatedAtAfterOrEqualTo", equalTo("2024-05-01T14:00:05+00:00"))
                .withQueryParam("nextPageToken", absent())
                .willReturn(okJson(fixture("prospects-after-tie.json"))));

        // One continuous read: the boundary falls inside the 14:00:05Z tie (2002, 2005 | 2007).
        List<List<Long>> continuous = new ArrayList<>();
        reader().readChanges("prospect", null, 3, (page, end) -> continuous.add(ids(page)));
        assertThat(continuous).containsExactly(List.of(2001L, 2002L, 2005L), List.of(2007L, 2010L));

        // A poll that stops after the first page saves the position inside the tie ...
        ChangePosition[] saved = {null};
        reader().readChanges("prospect", null, 3, (page, end) -> {
            saved[0] = end;
            return false;
        });
        assertThat(saved[0]).isEqualTo(new ChangePosition(TIE, "00000000000000002005"));

        // ... and the next poll reads >= the modstamp and drops what is at or before the position.
        List<List<Long>> resumed = new ArrayList<>();
        List<ChangePosition> ends = new ArrayList<>();
        reader().readChanges("prospect", saved[0], 3, (page, end) -> {
            resumed.add(ids(page));
            ends.add(end);
            return true;
        });
        assertThat(resumed).containsExactly(List.of(2007L, 2010L));
        assertThat(ends).containsExactly(new ChangePosition(Instant.parse("2024-05-01T14:00:09Z"), "00000000000000002010"));
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(PROSPECTS))
                .withQueryParam("updatedAtAfterOrEqualTo", equalTo("2024-05-01T14:00:05+00:00")));
        assertThat(apiRequests()).hasSize(4); // continuous: 2, stopped: 1 (no token followed), resumed: 1
        assertEveryApiCallCarries(FIRST_TOKEN);
    }

    @ParameterizedTest(name = "page size {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 13, 1000})
    void oneContinuousReadDeliversEveryProspectOnceInOrder(int pageSize) {
        stubFake();
        List<Long> ids = new ArrayList<>();

        reader().readChanges("prospect", null, pageSize, (page, end) -> {
            assertThat(page).isNotEmpty();
            page.forEach(r -> ids.add(Long.parseLong(r.id())));
            assertThat(end.cursor()).isEqualTo(PardotChangeReader.cursor(page.get(page.size() - 1).id()));
            return true;
        });

        assertThat(ids).containsExactlyElementsOf(fake.ordered().stream().map(FakeProspectQuery.Row::id).toList());
    }

    @ParameterizedTest(name = "page size {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void stoppingAfterEveryPageAndResumingFromTheSavedPositionNeitherSkipsNorRepeats(int pageSize) {
        stubFake();
        List<Long> ids = new ArrayList<>();
        ChangePosition[] saved = {null};
        boolean[] delivered = {true};
        int reads = 0;
        while (delivered[0]) {
            delivered[0] = false;
            reader().readChanges("prospect", saved[0], pageSize, (page, end) -> {
                page.forEach(r -> ids.add(Long.parseLong(r.id())));
                saved[0] = end;
                delivered[0] = true;
                return false;
            });
            reads++;
            assertThat(reads).isLessThanOrEqualTo(fake.ordered().size() + 1);
        }

        assertThat(ids).containsExactlyElementsOf(fake.ordered().stream().map(FakeProspectQuery.Row::id).toList());
        assertThat(saved[0]).isEqualTo(new ChangePosition(Instant.parse("2025-01-01T05:00:00Z"), "00000000000000000005"));
    }

    @Test
    void anExpiredPageTokenStartsANewQueryFromTheLastPosition() {
        stubFake();
        fake.tokensToExpire.set(2);
        List<List<Long>> pages = new ArrayList<>();

        reader().readChanges("prospect", null, 4, (page, end) -> pages.add(ids(page)));

        // chain 1: 3 57 9 61 | expired; chain 2 from (14:00:05Z, 61): (9 61 dropped) 62 100 | expired;
        // chain 3 from (14:00:05Z, 100): (9 61 62 100 dropped) | 1000 12 11 99 | 2 4 5
        assertThat(pages).containsExactly(List.of(3L, 57L, 9L, 61L), List.of(62L, 100L), List.of(1000L, 12L, 11L, 99L),
                List.of(2L, 4L, 5L));
        assertThat(pages.stream().flatMap(List::stream).toList())
                .containsExactlyElementsOf(fake.ordered().stream().map(FakeProspectQuery.Row::id).toList());
        wireMock.verify(3, getRequestedFor(urlPathEqualTo(PROSPECTS)).withQueryParam("orderBy", equalTo("updatedAt,id")));
    }

    @Test
    void anExpiredTokenWithoutProgressIsThrownRatherThanLoopingForever() {
        stubFake();
        fake.tokensToExpire.set(Integer.MAX_VALUE);
        // The tie at 14:00:05Z holds 9, 61, 62, 100, 1000: from (14:00:05Z, 1000) a page of one only repeats what was read.
        ChangePosition endOfTie = new ChangePosition(TIE, PardotChangeReader.cursor("1000"));

        assertThatThrownBy(() -> reader().readChanges("prospect", endOfTie, 1, (page, end) -> {
            throw new AssertionError("nothing new expected, got " + page);
        })).isInstanceOf(PardotCallException.class).satisfies(e -> {
            assertThat(((PardotCallException) e).pardotCode()).isEqualTo(210);
            assertThat(((PardotCallException) e).retriable()).isFalse();
        });
        assertThat(apiRequests()).hasSize(2);
    }

    @Test
    void aResultCappedAt100000RowsContinuesWithANewQueryFromTheLastPosition() throws Exception {
        stubToken();
        ObjectNode capped = (ObjectNode) JSON.readTree(fixture("prospects-tie-page-1.json"));
        ((ArrayNode) capped.get("values")).remove(2);
        capped.putNull("nextPageToken");
        capped.putNull("nextPageUrl");
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).withQueryParam("updatedAtAfterOrEqualTo", absent())
                .willReturn(okJson(capped.toString()).withHeader("Pardot-Warning", "203")));
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS))
                .withQueryParam("updatedAtAfterOrEqualTo", equalTo("2024-05-01T14:00:05+00:00"))
                .willReturn(okJson(fixture("prospects-after-tie.json"))));
        List<List<Long>> pages = new ArrayList<>();

        reader().readChanges("prospect", null, 1000, (page, end) -> pages.add(ids(page)));

        assertThat(pages).containsExactly(List.of(2001L, 2002L), List.of(2005L, 2007L, 2010L));
        assertThat(apiRequests()).hasSize(2);
    }

    @Test
    void rowsOutOfUpdatedAtIdOrderStopTheReadInsteadOfSkipping() throws Exception {
        stubToken();
        ObjectNode page = (ObjectNode) JSON.readTree(fixture("prospects-tie-page-1.json"));
        ArrayNode values = (ArrayNode) page.get("values");
        values.insert(1, values.remove(2)); // 2001, 2005, 2002: 2002 comes after 2005 at the same updatedAt
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(okJson(page.toString())));
        List<SystemRecord> seen = new ArrayList<>();

        assertThatThrownBy(() -> reader().readChanges("prospect", null, 10, (p, end) -> seen.addAll(p)))
                .isInstanceOf(SystemCallException.class)
                .hasMessageContaining("prospect 2002 (updatedAt 2024-05-01T14:00:05Z) came after")
                .hasMessageContaining("not in (updatedAt, id) order");
        assertThat(seen).isEmpty();
    }

    @Test
    void nothingChangedDeliversNoPage() {
        stubFake();

        reader().readChanges("prospect", new ChangePosition(Instant.parse("2025-01-01T05:00:00Z"), PardotChangeReader.cursor("5")),
                10, (page, end) -> {
                    throw new AssertionError("no page expected, got " + page);
                });

        assertThat(apiRequests()).hasSize(1);
    }

    @Test
    void aPageSizeAbove1000AsksFor1000() {
        stubFake();

        reader().readChanges("prospect", null, 5000, (page, end) -> true);

        wireMock.verify(1, getRequestedFor(urlPathEqualTo(PROSPECTS)).withQueryParam("limit", equalTo("1000")));
    }

    @Test
    void theFieldsAreTheBaseOnesThenStageSalesforceIdsAndExtrasWithoutDuplicates() {
        Map<String, String> values = settingsValues();
        values.put(PardotSettings.KEY_STAGE_FIELD, "Stage__c");
        values.put(PardotSettings.KEY_SALESFORCE_ID_FIELDS, "none");
        values.put(PardotSettings.KEY_PROSPECT_FIELDS, "jobTitle,score,campaign.name");
        try (PardotClient other = new PardotClient(camel, PardotSettings.from(values), io.stagesync.connector.CallPolicy.direct(), CLOCK)) {
            assertThat(new PardotChangeReader(other).fields()).containsExactly("id", "email", "firstName", "lastName",
                    "company", "score", "grade", "campaignId", "updatedAt", "Stage__c", "jobTitle", "campaign.name");
        }
        assertThat(String.join(",", reader().fields())).isEqualTo(FIELDS);
    }

    @Test
    void cursorsAreZeroPaddedSoTheySortLikeIds() {
        assertThat(PardotChangeReader.cursor("42")).isEqualTo("00000000000000000042");
        assertThat(PardotChangeReader.idOf("00000000000000000042")).isEqualTo("42");
        assertThat(PardotChangeReader.idOf("00000000000000000000")).isEqualTo("0");
        assertThat(PardotChangeReader.cursor("9")).isLessThan(PardotChangeReader.cursor("10"));
        assertThatThrownBy(() -> PardotChangeReader.cursor("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PardotChangeReader.idOf("42")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTamperedCursorAnotherObjectOrAPageSizeBelowOneIsRejectedBeforeAnyCall() {
        stubFake();
        ChangePosition tampered = new ChangePosition(TIE, "1&orderBy=id");

        assertThatThrownBy(() -> reader().readChanges("prospect", tampered, 10, (p, e) -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 digits");
        assertThatThrownBy(() -> reader().readChanges("visitor-activity", null, 10, (p, e) -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[prospect]");
        assertThatThrownBy(() -> reader().readChanges("prospect", null, 0, (p, e) -> true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }
}
