package io.stagesync.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Incremental contact reads by (updatedAt, id) position over one-second modstamps (saas-apis.md §2.3, §2.4). */
class EloquaContactChangeReaderTest extends EloquaWireMockTestBase {
    private static final long T = 1_714_557_600L; // 2024-05-01T10:00:00Z
    private static final Instant T0 = Instant.ofEpochSecond(T);

    /** Ties on the second with ids out of order, a tie group of six (wider than most pages), a day apart. */
    private final FakeEloquaContacts fake = new FakeEloquaContacts(List.of(
            new FakeEloquaContacts.Row(57, T), new FakeEloquaContacts.Row(3, T),
            new FakeEloquaContacts.Row(61, T + 5), new FakeEloquaContacts.Row(62, T + 5),
            new FakeEloquaContacts.Row(9, T + 5), new FakeEloquaContacts.Row(100, T + 5),
            new FakeEloquaContacts.Row(1000, T + 5), new FakeEloquaContacts.Row(8, T + 5),
            new FakeEloquaContacts.Row(12, T + 9),
            new FakeEloquaContacts.Row(11, T + 86_400), new FakeEloquaContacts.Row(99, T + 86_400),
            new FakeEloquaContacts.Row(2, T + 86_401),
            new FakeEloquaContacts.Row(5, T + 90_000), new FakeEloquaContacts.Row(4, T + 90_000)));

    @Override
    WireMockConfiguration wireMockOptions() {
        return super.wireMockOptions().extensions(fake);
    }

    private EloquaChangeReader reader() {
        return new EloquaChangeReader(client, new EloquaFieldMetadata(client), null);
    }

    private void useFake() {
        stubDiscovery();
        stubContactFields();
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).willReturn(aResponse().withTransformers(FakeEloquaContacts.NAME)));
    }

    private static RequestPatternBuilder listRequest(String search, int page, int count) {
        RequestPatternBuilder request = getRequestedFor(urlPathEqualTo(CONTACTS))
                .withQueryParam("depth", equalTo("complete"))
                .withQueryParam("orderBy", equalTo("updatedAt"))
                .withQueryParam("count", equalTo(Integer.toString(count)))
                .withQueryParam("page", equalTo(Integer.toString(page)))
                .withHeader("Authorization", equalTo(BASIC));
        return search == null ? request.withoutQueryParam("search") : request.withQueryParam("search", equalTo(search));
    }

    private void stubList(String search, int page, String fixture) {
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).withQueryParam("search", equalTo(search))
                .withQueryParam("page", equalTo(Integer.toString(page))).withQueryParam("count", equalTo("3"))
                .willReturn(okJson(fixture(fixture))));
    }

    private void stubTheThreeFixturePages() {
        stubDiscovery();
        stubContactFields();
        stubList("updatedAt>='2024-05-01 10:00:00'", 1, "contacts-changes-page1.json");
        stubList("updatedAt>='2024-05-01 10:00:05'", 1, "contacts-changes-page2.json");
        stubList("updatedAt>='2024-05-01 10:00:05'", 2, "contacts-changes-page3.json");
    }

    private static List<String> ids(List<SystemRecord> page) {
        return page.stream().map(SystemRecord::id).toList();
    }

    @Test
    void aTieAcrossThePageBoundaryIsReadWholeAndDeliveredInIdOrderWithExactRequests() {
        stubTheThreeFixturePages();
        List<List<String>> pages = new ArrayList<>();
        List<ChangePosition> ends = new ArrayList<>();
        List<SystemRecord> records = new ArrayList<>();

        reader().readChanges("contact", new ChangePosition(T0, EloquaChangeReader.cursor("42")), 3, (page, end) -> {
            pages.add(ids(page));
            ends.add(end);
            records.addAll(page);
            return true;
        });

        // page 1 held 57 and 3 at 10:00:00 (3 is at or before the saved position 42) and 61 at 10:00:05:
        // 10:00:05 may go on, so it is read again from its start; Eloqua's tie order 61, 9, 62 spans two pages.
        assertThat(pages).containsExactly(List.of("57"), List.of("9", "61", "62"), List.of("12"));
        assertThat(ends).containsExactly(
                new ChangePosition(T0, "00000000000000000057"),
                new ChangePosition(T0.plusSeconds(5), "00000000000000000062"),
                new ChangePosition(T0.plusSeconds(9), "00000000000000000012"));
        pod.verify(1, listRequest("updatedAt>='2024-05-01 10:00:00'", 1, 3));
        pod.verify(1, listRequest("updatedAt>='2024-05-01 10:00:05'", 1, 3));
        pod.verify(1, listRequest("updatedAt>='2024-05-01 10:00:05'", 2, 3));
        pod.verify(3, getRequestedFor(urlPathEqualTo(CONTACTS)));
        login.verify(1, getRequestedFor(urlEqualTo("/id")));
        pod.verify(1, getRequestedFor(urlPathEqualTo(FIELDS)));

        SystemRecord ada = records.get(0);
        assertThat(ada.system()).isEqualTo("eloqua");
        assertThat(ada.objectType()).isEqualTo("contact");
        assertThat(ada.modstamp()).isEqualTo(T0);
        assertThat(ada.fields()).containsEntry("emailAddress", "ada.ample@example.com").containsEntry("firstName", "Ada")
                .containsEntry("lastName", "Ample").containsEntry("accountName", "Example Co")
                .containsEntry("isSubscribed", "true").containsEntry("updatedAt", "1714557600")
                .containsEntry("C_EmailAddress", "ada.ample@example.com").containsEntry("C_Lead_Stage1", "MQL")
                .containsEntry("C_Company_Size1", null).containsEntry("fieldValue.100999", "added later")
                .doesNotContainKey("fieldValues");
        assertThatThrownBy(() -> ada.fields().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void resumingFromASavedPositionInsideTheTieNeitherSkipsNorRepeats() {
        stubTheThreeFixturePages();
        List<List<String>> pages = new ArrayList<>();

        reader().readChanges("contact", new ChangePosition(T0.plusSeconds(5), EloquaChangeReader.cursor("9")), 3,
                (page, end) -> pages.add(ids(page)));

        assertThat(pages).containsExactly(List.of("61", "62", "12"));
        pod.verify(1, listRequest("updatedAt>='2024-05-01 10:00:05'", 1, 3));
        pod.verify(1, listRequest("updatedAt>='2024-05-01 10:00:05'", 2, 3));
    }

    @Test
    void resumingAfterTheWholeTieDeliversOnlyWhatCameAfter() {
        stubTheThreeFixturePages();
        List<List<String>> pages = new ArrayList<>();

        reader().readChanges("contact", new ChangePosition(T0.plusSeconds(5), EloquaChangeReader.cursor("62")), 3,
                (page, end) -> pages.add(ids(page)));

        assertThat(pages).containsExactly(List.of("12"));
    }

    @ParameterizedTest(name = "page size {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 14, 1000})
    void oneContinuousReadDeliversEveryContactOnceInOrder(int pageSize) {
        useFake();
        List<Long> ids = new ArrayList<>();

        reader().readChanges("contact", null, pageSize, (page, end) -> {
            assertThat(page).isNotEmpty().hasSizeLessThanOrEqualTo(pageSize);
            page.forEach(r -> ids.add(Long.parseLong(r.id())));
            SystemRecord last = page.get(page.size() - 1);
            assertThat(end).isEqualTo(new ChangePosition(last.modstamp(), EloquaChangeReader.cursor(last.id())));
            return true;
        });

        assertThat(ids).containsExactlyElementsOf(fake.ordered().stream().map(FakeEloquaContacts.Row::id).toList());
        pod.verify(getRequestedFor(urlPathEqualTo(CONTACTS)).withoutQueryParam("search").withQueryParam("page", equalTo("1")));
    }

    @ParameterizedTest(name = "page size {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 7})
    void stoppingAfterEveryPageAndResumingFromTheSavedPositionNeitherSkipsNorRepeats(int pageSize) {
        useFake();
        List<Long> ids = new ArrayList<>();
        ChangePosition[] saved = {null};
        boolean[] delivered = {true};
        int reads = 0;
        while (delivered[0]) {
            delivered[0] = false;
            reader().readChanges("contact", saved[0], pageSize, (page, end) -> {
                page.forEach(r -> ids.add(Long.parseLong(r.id())));
                saved[0] = end;
                delivered[0] = true;
                return false;
            });
            reads++;
            assertThat(reads).isLessThanOrEqualTo(fake.ordered().size() + 1);
        }

        assertThat(ids).containsExactlyElementsOf(fake.ordered().stream().map(FakeEloquaContacts.Row::id).toList());
        assertThat(saved[0]).isEqualTo(new ChangePosition(Instant.ofEpochSecond(T + 90_000), "00000000000000000005"));
    }

    @ParameterizedTest(name = "page size {0}")
    @ValueSource(ints = {2, 3, 4})
    void aContactEditedDuringTheReadDoesNotPushAnotherOneOutOfSight(int pageSize) {
        useFake();
        // After the second request contact 57 (already delivered) is edited: it moves to the end of the order, and
        // an offset-paged read would shift every later contact one place to the left, losing one at a page edge.
        fake.touch(2, 57, T + 100_000);
        Set<String> seen = new HashSet<>();
        List<String> versions = new ArrayList<>();

        reader().readChanges("contact", null, pageSize, (page, end) -> {
            page.forEach(r -> versions.add(r.id() + "@" + r.modstamp().getEpochSecond()));
            return true;
        });

        assertThat(versions).doesNotHaveDuplicates();
        versions.forEach(v -> seen.add(v));
        for (FakeEloquaContacts.Row row : fake.ordered()) {
            assertThat(seen).as("latest version of contact %s", row.id()).contains(row.id() + "@" + row.updatedAt());
        }
    }

    @Test
    void nothingChangedDeliversNoPage() {
        useFake();

        reader().readChanges("contact", new ChangePosition(Instant.ofEpochSecond(T + 90_000), EloquaChangeReader.cursor("5")),
                10, (page, end) -> {
                    throw new AssertionError("no page expected, got " + page);
                });

        pod.verify(1, listRequest("updatedAt>='2024-05-02 11:00:00'", 1, 10));
    }

    @Test
    void noContentIsAnEmptyList() {
        stubDiscovery();
        stubContactFields();
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).willReturn(aResponse().withStatus(204)));

        reader().readChanges("contact", null, 10, (page, end) -> {
            throw new AssertionError("no page expected");
        });

        pod.verify(1, getRequestedFor(urlPathEqualTo(CONTACTS)));
    }

    @Test
    void stoppingAfterThePageAsksForNothingMore() {
        stubTheThreeFixturePages();
        List<List<String>> pages = new ArrayList<>();

        reader().readChanges("contact", new ChangePosition(T0, EloquaChangeReader.cursor("42")), 3,
                (page, end) -> pages.add(ids(page)) && false);

        assertThat(pages).containsExactly(List.of("57"));
        pod.verify(1, getRequestedFor(urlPathEqualTo(CONTACTS)));
    }

    @Test
    void searchDateTimesAreWrittenInTheConfiguredZoneDefaultingToEloquasEasternTime() {
        Map<String, String> values = settingsValues();
        values.remove(EloquaSettings.KEY_SEARCH_TIMEZONE);
        EloquaClient eastern = new EloquaClient(camel, EloquaSettings.from(values), io.stagesync.connector.CallPolicy.direct());
        try {
            EloquaChangeReader reader = new EloquaChangeReader(eastern, new EloquaFieldMetadata(eastern), null);
            assertThat(eastern.settings().searchZone()).isEqualTo(ZoneId.of("America/New_York"));
            // EDT (UTC-4) in May, EST (UTC-5) in January
            assertThat(reader.query(T0, 1, 1000)).isEqualTo("depth=complete&count=1000&page=1&orderBy=updatedAt"
                    + "&search=updatedAt%3E%3D%272024-05-01%2006%3A00%3A00%27");
            assertThat(reader.query(Instant.parse("2024-01-15T10:00:00.750Z"), 2, 5)).isEqualTo("depth=complete&count=5&page=2"
                    + "&orderBy=updatedAt&search=updatedAt%3E%3D%272024-01-15%2005%3A00%3A00%27");
            assertThat(reader.query(null, 1, 5)).isEqualTo("depth=complete&count=5&page=1&orderBy=updatedAt");
        } finally {
            eastern.close();
        }
    }

    @Test
    void contactsOutOfUpdatedAtOrderStopTheReadInsteadOfLosingAny() {
        stubDiscovery();
        stubContactFields();
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).willReturn(okJson("{\"elements\": ["
                + "{\"type\": \"Contact\", \"id\": \"5\", \"updatedAt\": \"1714557609\"},"
                + "{\"type\": \"Contact\", \"id\": \"6\", \"updatedAt\": \"1714557600\"}], \"page\": 1, \"pageSize\": 10, \"total\": 2}")));

        assertThatThrownBy(() -> reader().readChanges("contact", null, 10, (p, e) -> true))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains("not in updatedAt order", "orderBy=updatedAt");
                });
    }

    @Test
    void aContactWithoutANumericIdOrEpochUpdatedAtIsRefused() {
        stubDiscovery();
        stubContactFields();
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).willReturn(okJson("{\"elements\": ["
                + "{\"type\": \"Contact\", \"id\": \"1 OR 1=1\", \"updatedAt\": \"1714557600\"}], \"page\": 1, \"pageSize\": 10, \"total\": 1}")));

        assertThatThrownBy(() -> reader().readChanges("contact", null, 10, (p, e) -> true))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains("no numeric id");
                });
    }

    @Test
    void badArgumentsAreRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> reader().readChanges("account", null, 10, (p, e) -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[contact]");
        assertThatThrownBy(() -> reader().readChanges("contact", null, 0, (p, e) -> true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader().readChanges("contact", new ChangePosition(T0, "42' OR '1'='1"), 10, (p, e) -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 digits");
        assertThat(login.getAllServeEvents()).isEmpty();
        assertThat(pod.getAllServeEvents()).isEmpty();
    }

    @Test
    void cursorsAreZeroPaddedSoTheySortLikeIds() {
        assertThat(EloquaChangeReader.cursor("42")).isEqualTo("00000000000000000042");
        assertThat(EloquaChangeReader.idOf("00000000000000000042")).isEqualTo("42");
        assertThat(EloquaChangeReader.idOf("00000000000000000000")).isEqualTo("0");
        assertThat(EloquaChangeReader.cursor("9")).isLessThan(EloquaChangeReader.cursor("10"));
        assertThatThrownBy(() -> EloquaChangeReader.cursor("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(EloquaChangeReader.objectTypes()).containsExactly("contact");
    }
}
