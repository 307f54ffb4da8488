package io.stagesync.connector.eloqua;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.stagesync.connector.SystemCallException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bulk API 2.0 export lifecycle (saas-apis.md §2.5) and the lead scores read through it (§2.7). */
class EloquaBulkExportTest extends EloquaWireMockTestBase {
    private static final String MODEL_1 = BULK + "/contacts/scoring/models/1";
    private static final String EXPORTS = BULK + "/contacts/exports";
    private static final String EXPORT_123 = EXPORTS + "/123";
    private static final String SYNCS = BULK + "/syncs";
    private static final String SYNC_456 = SYNCS + "/456";
    private static final Instant FROM = Instant.parse("2024-05-01T10:00:05Z");
    private static final Instant TO = Instant.parse("2024-05-01T10:00:09Z");
    private static final String DEFINITION = "{\"name\": \"stagesync lead scores 2024-05-01T10:00:05Z to 2024-05-01T10:00:10Z\","
            + " \"fields\": {\"ContactId\": \"{{Contact.Id}}\", \"Rating\": \"{{Contact.LeadScore.Model[1].Rating}}\","
            + " \"Score\": \"{{Contact.LeadScore.Model[1].EngagementScore}}\"},"
            + " \"filter\": \"'{{Contact.UpdatedAt}}' >= '2024-05-01 10:00:05' AND '{{Contact.UpdatedAt}}' < '2024-05-01 10:00:10'\","
            + " \"areSystemTimestampsInUTC\": true, \"autoDeleteDuration\": \"PT1H\", \"dataRetentionDuration\": \"PT1H\"}";

    private final List<Duration> waits = new ArrayList<>();
    private EloquaBulkExport bulk;

    @BeforeEach
    void exportWithATestSleeper() {
        stubDiscovery();
        bulk = new EloquaBulkExport(client, d -> {
            waits.add(d);
            clock.advance(d);
        }, 2);
    }

    private EloquaLeadScores scores() {
        return new EloquaLeadScores(bulk, "1", "EngagementScore");
    }

    private void stubModel() {
        pod.stubFor(get(urlEqualTo(MODEL_1)).willReturn(okJson(fixture("scoring-model-1.json"))));
    }

    private void stubDefinitionAndSync() {
        pod.stubFor(post(urlEqualTo(EXPORTS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("bulk-export-created.json"))));
        pod.stubFor(post(urlEqualTo(SYNCS)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(fixture("bulk-sync-pending.json"))));
        pod.stubFor(delete(urlEqualTo(EXPORT_123)).willReturn(aResponse().withStatus(204)));
    }

    private void stubStatuses(String... fixtures) {
        for (int i = 0; i < fixtures.length; i++) {
            pod.stubFor(get(urlEqualTo(SYNC_456)).inScenario("sync").whenScenarioStateIs(i == 0 ? "Started" : "s" + i)
                    .willReturn(okJson(fixture(fixtures[i]))).willSetStateTo("s" + (i + 1)));
        }
    }

    private void stubData() {
        pod.stubFor(get(urlEqualTo(SYNC_456 + "/data?offset=0&limit=2")).willReturn(okJson(fixture("bulk-sync-data-page1.json"))));
        pod.stubFor(get(urlEqualTo(SYNC_456 + "/data?offset=2&limit=2")).willReturn(okJson(fixture("bulk-sync-data-page2.json"))));
    }

    /** The pod's requests, oldest first, as {@code METHOD url}. */
    private List<String> podRequests() {
        List<String> requests = new ArrayList<>();
        List<ServeEvent> events = new ArrayList<>(pod.getAllServeEvents());
        for (int i = events.size() - 1; i >= 0; i--) {
            requests.add(events.get(i).getRequest().getMethod() + " " + events.get(i).getRequest().getUrl());
        }
        return requests;
    }

    @Test
    void theLifecycleRunsDefinitionSyncPollDataPagesAndDeleteWithExactBodies() {
        stubModel();
        stubDefinitionAndSync();
        stubStatuses("bulk-sync-active.json", "bulk-sync-success.json");
        stubData();

        Map<String, EloquaLeadScores.LeadScore> result = scores().between(FROM, TO);

        assertThat(result).containsExactly(
                Map.entry("9", new EloquaLeadScores.LeadScore("A1", "87")),
                Map.entry("61", new EloquaLeadScores.LeadScore("B2", "55")),
                Map.entry("62", new EloquaLeadScores.LeadScore(null, null)));
        assertThat(podRequests()).containsExactly(
                "GET " + MODEL_1,
                "POST " + EXPORTS,
                "POST " + SYNCS,
                "GET " + SYNC_456,
                "GET " + SYNC_456,
                "GET " + SYNC_456 + "/data?offset=0&limit=2",
                "GET " + SYNC_456 + "/data?offset=2&limit=2",
                "DELETE " + EXPORT_123);
        pod.verify(postRequestedFor(urlEqualTo(EXPORTS)).withHeader("Authorization", equalTo(BASIC))
                .withHeader("Content-Type", equalTo("application/json")).withRequestBody(equalToJson(DEFINITION)));
        pod.verify(postRequestedFor(urlEqualTo(SYNCS))
                .withRequestBody(equalToJson("{\"syncedInstanceUri\": \"/contacts/exports/123\"}")));
        pod.verify(deleteRequestedFor(urlEqualTo(EXPORT_123)).withHeader("Authorization", equalTo(BASIC)));
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void theModelIsReadOnceAndItsStatementsAreUsedAsGiven() {
        stubModel();
        stubDefinitionAndSync();
        pod.stubFor(get(urlEqualTo(SYNC_456)).willReturn(okJson(fixture("bulk-sync-success.json"))));
        stubData();
        EloquaLeadScores profile = new EloquaLeadScores(bulk, "1", "ProfileScore");

        profile.between(FROM, TO);
        profile.between(FROM, TO);

        pod.verify(1, getRequestedFor(urlEqualTo(MODEL_1)));
        pod.verify(2, postRequestedFor(urlEqualTo(EXPORTS))
                .withRequestBody(matchingJsonPath("$.fields.Score", equalTo("{{Contact.LeadScore.Model[1].ProfileScore}}"))));
    }

    @Test
    void aSyncEndingInErrorIsPermanentQuotesTheLogsAndStillDeletesTheDefinition() {
        stubModel();
        stubDefinitionAndSync();
        stubStatuses("bulk-sync-error.json");
        pod.stubFor(get(urlEqualTo(SYNC_456 + "/logs")).willReturn(okJson(fixture("bulk-sync-logs-error.json"))));

        assertThatThrownBy(() -> scores().between(FROM, TO)).isInstanceOfSatisfying(SystemCallException.class, e -> {
            assertThat(e.retriable()).isFalse();
            assertThat(e.vendorCode()).isEqualTo("SYNC_ERROR");
            assertThat(e.getMessage()).contains("Bulk sync /syncs/456 of /contacts/exports/123 ended with status error:"
                    + " information ELQ-00001 Total records processed. (0); error ELQ-00060 The export could not be run. (0)");
        });
        pod.verify(0, getRequestedFor(urlPathEqualTo(SYNC_456 + "/data")));
        pod.verify(1, deleteRequestedFor(urlEqualTo(EXPORT_123)));
    }

    @Test
    void aSyncThatStaysPendingTimesOutRetriablyWithoutSleepingForReal() {
        stubModel();
        stubDefinitionAndSync();
        pod.stubFor(get(urlEqualTo(SYNC_456)).willReturn(okJson(fixture("bulk-sync-pending.json"))));

        assertThatThrownBy(() -> scores().between(FROM, TO)).isInstanceOfSatisfying(SystemCallException.class, e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.vendorCode()).isEqualTo("SYNC_TIMEOUT");
            assertThat(e.getMessage()).contains("still pending after 1800 s", EloquaSettings.KEY_BULK_SYNC_TIMEOUT_SECONDS);
        });
        // 1 + 2 + 4 + 8 + 16 s, then 30 s each until 1800 s have passed on the test clock
        assertThat(waits).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30));
        assertThat(waits.stream().mapToLong(Duration::toSeconds).sum()).isBetween(1800L, 1830L);
        pod.verify(1, deleteRequestedFor(urlEqualTo(EXPORT_123)));
    }

    @Test
    void aModelWithoutTheConfiguredScoreFieldIsAPermanentErrorBeforeAnyExport() {
        stubModel();

        assertThatThrownBy(() -> new EloquaLeadScores(bulk, "1", "TotalScore").between(FROM, TO))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.vendorCode()).isEqualTo("UNKNOWN_FIELD");
                    assertThat(e.getMessage()).contains("scoring model 1 (stagesync.eloqua.scoring-model-id) has no field"
                            + " TotalScore (it has [Rating, ProfileScore, EngagementScore]");
                });
        pod.verify(0, postRequestedFor(urlEqualTo(EXPORTS)));
    }

    @Test
    void aFailedDeleteIsAttachedToTheExportsOwnFailure() {
        stubModel();
        stubDefinitionAndSync();
        pod.stubFor(delete(urlEqualTo(EXPORT_123)).willReturn(aResponse().withStatus(404)));
        pod.stubFor(get(urlEqualTo(SYNC_456)).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> scores().between(FROM, TO)).isInstanceOfSatisfying(SystemCallException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.operation()).isEqualTo("bulk sync status");
            assertThat(e.getSuppressed()).singleElement().satisfies(s -> assertThat(((SystemCallException) s).status())
                    .isEqualTo(404));
        });
    }

    @Test
    void aFailedDeleteAfterASuccessfulExportDoesNotLoseTheData() {
        stubModel();
        stubDefinitionAndSync();
        pod.stubFor(delete(urlEqualTo(EXPORT_123)).willReturn(aResponse().withStatus(503)));
        pod.stubFor(get(urlEqualTo(SYNC_456)).willReturn(okJson(fixture("bulk-sync-success.json"))));
        stubData();

        assertThat(scores().between(FROM, TO)).containsOnlyKeys("9", "61", "62");
        pod.verify(1, deleteRequestedFor(urlEqualTo(EXPORT_123)));
    }

    @Test
    void theReaderMergesRatingAndScoreIntoThePageByContactId() {
        stubContactFields();
        stubModel();
        stubDefinitionAndSync();
        pod.stubFor(get(urlEqualTo(SYNC_456)).willReturn(okJson(fixture("bulk-sync-success.json"))));
        pod.stubFor(get(urlPathEqualTo(SYNC_456 + "/data")).willReturn(okJson("{\"totalResults\": 2, \"limit\": 2,"
                + " \"offset\": 0, \"count\": 2, \"hasMore\": false, \"items\": [{\"ContactId\": \"61\", \"Rating\": \"B2\","
                + " \"Score\": \"55\"}, {\"ContactId\": \"77\", \"Rating\": \"A1\", \"Score\": \"99\"}]}")));
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).willReturn(okJson("{\"elements\": ["
                + "{\"type\": \"Contact\", \"id\": \"61\", \"updatedAt\": \"1714557605\", \"emailAddress\": \"cy@example.com\"},"
                + "{\"type\": \"Contact\", \"id\": \"9\", \"updatedAt\": \"1714557609\", \"emailAddress\": \"di@example.com\"}],"
                + " \"page\": 1, \"pageSize\": 10, \"total\": 2}")));
        EloquaChangeReader reader = new EloquaChangeReader(client, new EloquaFieldMetadata(client), scores());
        List<io.stagesync.connector.SystemRecord> records = new ArrayList<>();

        reader.readChanges("contact", null, 10, (page, end) -> records.addAll(page));

        assertThat(records).hasSize(2);
        assertThat(records.get(0).fields()).containsEntry("leadRating", "B2").containsEntry("leadScore", "55")
                .containsEntry("emailAddress", "cy@example.com");
        assertThat(records.get(1).fields()).doesNotContainKeys("leadRating", "leadScore");
        pod.verify(postRequestedFor(urlEqualTo(EXPORTS)).withRequestBody(matchingJsonPath("$.filter",
                equalTo("'{{Contact.UpdatedAt}}' >= '2024-05-01 10:00:05' AND '{{Contact.UpdatedAt}}' < '2024-05-01 10:00:10'"))));
    }

    @Test
    void theReaderBuildsLeadScoresFromTheSettings() {
        client.close();
        Map<String, String> values = settingsValues();
        values.put(EloquaSettings.KEY_SCORING_MODEL_ID, "1");
        client = new EloquaClient(camel, EloquaSettings.from(values), io.stagesync.connector.CallPolicy.direct(), clock);
        stubContactFields();
        stubModel();
        pod.stubFor(post(urlEqualTo(EXPORTS)).willReturn(aResponse().withStatus(503)));
        pod.stubFor(get(urlPathEqualTo(CONTACTS)).willReturn(okJson("{\"elements\": [{\"type\": \"Contact\", \"id\": \"61\","
                + " \"updatedAt\": \"1714557605\"}], \"page\": 1, \"pageSize\": 10, \"total\": 1}")));
        EloquaChangeReader reader = new EloquaChangeReader(client, new EloquaFieldMetadata(client));

        assertThatThrownBy(() -> reader.readChanges("contact", null, 10, (page, end) -> {
            throw new AssertionError("a page without its scores must not be delivered");
        })).isInstanceOfSatisfying(SystemCallException.class, e -> assertThat(e.operation()).isEqualTo("bulk export definition"));
        pod.verify(1, getRequestedFor(urlEqualTo(MODEL_1)));
    }
}
