package io.stagesync.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.SystemRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SOQL sent, {@code nextRecordsUrl} paging, positions and ties, against WireMock through the real component. */
class SalesforceQueryPagingTest {
    private static final String LEAD_PAGE_2 = SalesforceTestBed.API + "/query/01gXX0000000001AAA-2";
    private static final String LEAD_PAGE_3 = SalesforceTestBed.API + "/query/01gXX0000000001AAA-4";
    private static final String CONTACT_PAGE_2 = SalesforceTestBed.API + "/query/01gXX0000000007AAA-3";
    private static final List<String> LEAD_FIELDS = List.of("LastName", "Company", "Email", "Status", "Score__c");
    private static final List<String> CONTACT_FIELDS = List.of("LastName", "Email", "Account.Name");

    private final SalesforceTestBed bed = new SalesforceTestBed().stubLogin();

    @AfterEach
    void close() {
        bed.close();
    }

    private SalesforceChangeReader reader() {
        return new SalesforceChangeReader(bed.startPasswordFlow(),
                Map.of("Lead", LEAD_FIELDS, "Contact", CONTACT_FIELDS, "Account", List.of("Name"),
                        "Opportunity", List.of("StageName", "Amount")));
    }

    private void stubQuery(String soql, String fixture) {
        bed.server.stubFor(get(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)).withQueryParam("q", equalTo(soql))
                .willReturn(okJson(bed.fixture(fixture))));
    }

    private void stubPage(String path, String fixture) {
        bed.server.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(bed.fixture(fixture))));
    }

    private void stubLeadPages() {
        stubQuery("SELECT Id, SystemModstamp, LastName, Company, Email, Status, Score__c FROM Lead"
                + " ORDER BY SystemModstamp, Id", "query-lead-page-1.json");
        stubPage(LEAD_PAGE_2, "query-lead-page-2.json");
        stubPage(LEAD_PAGE_3, "query-lead-page-3.json");
    }

    @Test
    void readsThreeBatchesByFollowingNextRecordsUrlUntilDone() {
        stubLeadPages();
        List<List<String>> pages = new ArrayList<>();
        List<ChangePosition> ends = new ArrayList<>();

        reader().readChanges("Lead", null, 500, (page, end) -> {
            pages.add(page.stream().map(SystemRecord::id).toList());
            ends.add(end);
            return true;
        });

        assertThat(pages).containsExactly(
                List.of("00QXX0000000001AAA", "00QXX0000000002AAA"),
                List.of("00QXX0000000003AAA", "00QXX0000000004AAA"),
                List.of("00QXX0000000005AAA"));
        assertThat(ends).containsExactly(
                new ChangePosition(Instant.parse("2026-01-02T03:04:06Z"), "00QXX0000000002AAA"),
                new ChangePosition(Instant.parse("2026-01-02T03:04:08Z"), "00QXX0000000004AAA"),
                new ChangePosition(Instant.parse("2026-01-02T03:04:09Z"), "00QXX0000000005AAA"));
        assertThat(bed.journal()).filteredOn(r -> r.startsWith("GET " + SalesforceTestBed.API)).hasSize(3)
                .element(1).isEqualTo("GET " + LEAD_PAGE_2);
        assertThat(bed.journal()).filteredOn(r -> r.startsWith("GET " + SalesforceTestBed.API)).element(2)
                .isEqualTo("GET " + LEAD_PAGE_3);
        // the page size hint travels on every page, with the bearer token of the login
        for (LoggedRequest request : bed.server.findAll(getRequestedFor(urlPathMatching(SalesforceTestBed.API + "/query/.*")))) {
            assertThat(request.getHeader("Sforce-Query-Options")).isEqualTo("batchSize=500");
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SalesforceTestBed.FIRST_TOKEN);
        }
    }

    @Test
    void recordsCarryTheApiFieldsWithoutAttributes() {
        stubLeadPages();
        List<SystemRecord> all = new ArrayList<>();

        reader().readChanges("Lead", null, 2000, (page, end) -> all.addAll(page));

        SystemRecord first = all.get(0);
        assertThat(first.system()).isEqualTo("salesforce");
        assertThat(first.objectType()).isEqualTo("Lead");
        assertThat(first.id()).isEqualTo("00QXX0000000001AAA");
        assertThat(first.modstamp()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Id", "00QXX0000000001AAA");
        expected.put("SystemModstamp", "2026-01-02T03:04:05.000+0000");
        expected.put("LastName", "Example-One");
        expected.put("Company", "Example Corp");
        expected.put("Email", "one@example.com");
        expected.put("Status", "Open - Not Contacted");
        expected.put("Score__c", 42);
        assertThat(first.fields()).containsExactlyEntriesOf(expected);
        assertThat(all.get(1).fields()).containsEntry("Company", null).containsEntry("Score__c", new BigDecimal("55.5"));
    }

    @Test
    void theSoqlAfterAPositionBreaksModstampTiesByIdAndIsSentAsQ() {
        String soql = "SELECT Id, SystemModstamp, StageName, Amount FROM Opportunity"
                + " WHERE SystemModstamp > 2026-01-02T03:04:05.000Z"
                + " OR (SystemModstamp = 2026-01-02T03:04:05.000Z AND Id > '006XX0000000009AAA')"
                + " ORDER BY SystemModstamp, Id";
        stubQuery(soql, "query-empty.json");
        List<Object> pages = new ArrayList<>();

        reader().readChanges("Opportunity", new ChangePosition(Instant.parse("2026-01-02T03:04:05Z"),
                "006XX0000000009AAA"), 200, (page, end) -> pages.add(page));

        List<LoggedRequest> queries = bed.server.findAll(getRequestedFor(urlPathEqualTo(SalesforceTestBed.QUERY_PATH)));
        assertThat(queries).hasSize(1);
        assertThat(queries.get(0).queryParameter("q").firstValue()).isEqualTo(soql);
        assertThat(queries.get(0).getUrl()).startsWith(SalesforceTestBed.QUERY_PATH + "?q=SELECT%20Id");
        assertThat(pages).as("an empty result is no page").isEmpty();
    }

    @Test
    void aFilteredObjectIsQueriedWithItsFilterFromTheBeginningAndAfterAPosition() {
        SalesforceChangeReader reader = new SalesforceChangeReader(bed.startPasswordFlow(),
                Map.of("Lead", List.of("Email", "Status")), Map.of("Lead", Map.of("IsConverted", false)));
        String first = "SELECT Id, SystemModstamp, Email, Status FROM Lead WHERE IsConverted = false"
                + " ORDER BY SystemModstamp, Id";
        String after = "SELECT Id, SystemModstamp, Email, Status FROM Lead WHERE IsConverted = false"
                + " AND (SystemModstamp > 2026-01-02T03:04:05.000Z"
                + " OR (SystemModstamp = 2026-01-02T03:04:05.000Z AND Id > '00QXX0000000009AAA'))"
                + " ORDER BY SystemModstamp, Id";
        stubQuery(first, "query-empty.json");
        stubQuery(after, "query-empty.json");

        reader.readChanges("Lead", null, 200, (page, end) -> true);
        reader.readChanges("Lead", new ChangePosition(Instant.parse("2026-01-02T03:04:05Z"), "00QXX0000000009AAA"),
                200, (page, end) -> true);

        assertThat(bed.server.findAll(getRequestedFor(urlPathEqualTo(SalesforceTestBed.QUERY_PATH))))
                .extracting(r -> r.queryParameter("q").firstValue()).containsExactly(first, after);
    }

    @Test
    void aFilterOnAnObjectThatIsNotReadOrWithAnInjectedValueIsRefusedUpFront() {
        SalesforceClient client = bed.startPasswordFlow();
        assertThatThrownBy(() -> new SalesforceChangeReader(client, Map.of("Lead", List.of("Email")),
                Map.of("Contact", Map.of("IsDeleted", false)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Contact");
        assertThatThrownBy(() -> new SalesforceChangeReader(client, Map.of("Lead", List.of("Email")),
                Map.of("Lead", Map.of("IsConverted = false OR Id", false)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SalesforceChangeReader(client, Map.of("Lead", List.of("Email")),
                Map.of("Lead", Map.of("Score__c", 5)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("true, false or text");
    }

    @Test
    void recordsSharingAModstampAcrossAPageBoundaryAreNeitherSkippedNorRepeated() {
        Instant start = Instant.parse("2026-02-01T09:00:00Z");
        stubQuery("SELECT Id, SystemModstamp, LastName, Email, Account.Name FROM Contact"
                + " WHERE SystemModstamp > 2026-02-01T09:00:00.000Z"
                + " OR (SystemModstamp = 2026-02-01T09:00:00.000Z AND Id > '003XX0000000000AAA')"
                + " ORDER BY SystemModstamp, Id", "query-contact-tie-page-1.json");
        stubPage(CONTACT_PAGE_2, "query-contact-tie-page-2.json");
        // what Salesforce returns for the tie-breaking query after (10:00:01, C): D shares C's modstamp
        stubQuery("SELECT Id, SystemModstamp, LastName, Email, Account.Name FROM Contact"
                + " WHERE SystemModstamp > 2026-02-01T10:00:01.000Z"
                + " OR (SystemModstamp = 2026-02-01T10:00:01.000Z AND Id > '003XX0000000003AAA')"
                + " ORDER BY SystemModstamp, Id", "query-contact-after-tie.json");
        SalesforceChangeReader reader = reader();
        List<String> taken = new ArrayList<>();
        ChangePosition[] saved = new ChangePosition[1];

        // first run: takes one page (it ends inside the tie: B and C at 10:00:01, D follows) and stops
        reader.readChanges("Contact", new ChangePosition(start, "003XX0000000000AAA"), 200, (page, end) -> {
            page.forEach(r -> taken.add(r.id()));
            saved[0] = end;
            return false;
        });
        assertThat(saved[0]).isEqualTo(new ChangePosition(Instant.parse("2026-02-01T10:00:01Z"), "003XX0000000003AAA"));
        assertThat(bed.server.findAll(getRequestedFor(urlPathEqualTo(CONTACT_PAGE_2))))
                .as("stopping reads no further page").isEmpty();

        // second run resumes from the saved position
        reader.readChanges("Contact", saved[0], 200, (page, end) -> {
            page.forEach(r -> taken.add(r.id()));
            saved[0] = end;
            return true;
        });

        assertThat(taken).containsExactly("003XX0000000001AAA", "003XX0000000002AAA", "003XX0000000003AAA",
                "003XX0000000004AAA", "003XX0000000005AAA");
        assertThat(saved[0]).isEqualTo(new ChangePosition(Instant.parse("2026-02-01T10:00:02Z"), "003XX0000000005AAA"));
    }

    @Test
    void aTieStraddlingTwoPagesOfOneReadIsDeliveredOnce() {
        stubQuery("SELECT Id, SystemModstamp, LastName, Email, Account.Name FROM Contact ORDER BY SystemModstamp, Id",
                "query-contact-tie-page-1.json");
        stubPage(CONTACT_PAGE_2, "query-contact-tie-page-2.json");
        List<String> taken = new ArrayList<>();

        reader().readChanges("Contact", null, 200, (page, end) -> taken.addAll(page.stream().map(SystemRecord::id).toList()));

        assertThat(taken).doesNotHaveDuplicates().hasSize(5);
    }

    @Test
    void nestedRelationshipObjectsLoseTheirAttributesToo() {
        stubQuery("SELECT Id, SystemModstamp, LastName, Email, Account.Name FROM Contact ORDER BY SystemModstamp, Id",
                "query-contact-tie-page-1.json");
        stubPage(CONTACT_PAGE_2, "query-contact-tie-page-2.json");
        List<SystemRecord> all = new ArrayList<>();

        reader().readChanges("Contact", null, 200, (page, end) -> all.addAll(page));

        assertThat(all.get(0).fields()).containsEntry("Account", Map.of("Name", "Example Account"))
                .doesNotContainKey("attributes");
    }

    @Test
    void unconfiguredObjectsAndNonIdCursorsAreRefusedBeforeAnyCall() {
        SalesforceChangeReader reader = reader();

        assertThatThrownBy(() -> reader.readChanges("Case", null, 200, (p, e) -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Case");
        assertThatThrownBy(() -> reader.readChanges("Lead",
                new ChangePosition(Instant.parse("2026-01-01T00:00:00Z"), "x' OR Id != null OR Id = 'y"), 200,
                (p, e) -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Salesforce record id");
        assertThat(bed.journal()).isEmpty();
    }
}
