package io.stagesync.sandbox.eloqua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import io.stagesync.connector.eloqua.EloquaChangeReader;
import io.stagesync.connector.eloqua.EloquaClient;
import io.stagesync.connector.eloqua.EloquaFieldMetadata;
import io.stagesync.connector.eloqua.EloquaRecordWriter;
import io.stagesync.connector.eloqua.EloquaSettings;
import io.stagesync.connector.resilience.ResilientCallPolicy;
import io.stagesync.sandbox.MarketingSimulatorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Eloqua connector (settings from the config loader; client, field metadata, change
 * reader with lead scores and record writer built as the application assembles them) against the
 * {@link EloquaSimulator}.
 */
class EloquaSimulatorRoundTripTest {
    @TempDir
    Path dir;

    EloquaSimulator eloqua;
    DefaultCamelContext camel;
    EloquaClient client;
    EloquaFieldMetadata metadata;
    EloquaChangeReader reader;
    EloquaRecordWriter writer;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        camel.stop();
        if (eloqua != null) {
            eloqua.close();
        }
    }

    @Test
    void theBaseUrlIsDiscoveredThroughIdAndTheConfiguredFieldsResolveToTheirIds() {
        start(EloquaSimulator.Options.defaults());
        connect(Map.of(), Map.of());

        metadata.verify();

        assertThat(client.settings().baseUrl()).isEmpty();
        assertThat(client.baseUrl()).isEqualTo(eloqua.baseUrl());
        assertThat(client.settings().requiredContactFields()).contains("C_Lead_Stage1", "C_First_Touch_Campaign1");
        assertThat(metadata.byInternalName("C_Lead_Stage1")).hasValueSatisfying(f -> assertThat(f.id()).isEqualTo("100201"));
        assertThat(metadata.byInternalName("C_First_Touch_Campaign1")).isPresent();
        assertThat(metadata.byInternalName("C_DateModified")).hasValueSatisfying(f -> assertThat(f.readOnly()).isTrue());
        assertThat(metadata.byId("100001")).hasValueSatisfying(f -> assertThat(f.internalName()).isEqualTo("C_EmailAddress"));
    }

    @Test
    void theRealReaderReadsEverySeededContactAcrossPagesWithItsLeadScore() {
        start(EloquaSimulator.Options.defaults());
        List<Long> seeded = seed(250);
        eloqua.setLeadScore(seeded.get(0), new EloquaLeadScore("A1", 90, 87));
        connect(Map.of(), Map.of());
        long before = eloqua.requestCount();

        List<List<SystemRecord>> pages = readPages(null, 100);

        List<SystemRecord> all = pages.stream().flatMap(List::stream).toList();
        assertThat(all).extracting(r -> Long.parseLong(r.id())).containsExactlyElementsOf(reorderedAfterScore(seeded));
        assertThat(all).isSortedAccordingTo(Comparator.comparing(SystemRecord::modstamp)
                .thenComparing(r -> EloquaChangeReader.cursor(r.id())));
        assertThat(pages).hasSizeGreaterThanOrEqualTo(3).allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(100));
        SystemRecord scored = all.get(all.size() - 1);
        assertThat(scored.id()).isEqualTo(seeded.get(0).toString());
        assertThat(scored.fields()).containsEntry("emailAddress", "contact0@example.com")
                .containsEntry("C_Lead_Stage1", "MQL").containsEntry("C_First_Touch_Campaign1", "Spring webinar")
                .containsEntry("accountName", "Company 0")
                .containsEntry(EloquaChangeReader.LEAD_RATING, "A1").containsEntry(EloquaChangeReader.LEAD_SCORE, "87");
        assertThat(all.get(0).fields()).as("exported in the window, never scored")
                .containsEntry(EloquaChangeReader.LEAD_SCORE, null).containsEntry(EloquaChangeReader.LEAD_RATING, null);
        assertThat(scored.modstamp()).isEqualTo(eloqua.contact(seeded.get(0)).orElseThrow().updatedAt());
        assertThat(eloqua.requestCount() - before).as("several list pages and one export lifecycle per page")
                .isGreaterThan(3 + 5L * pages.size());
    }

    @Test
    void anEditOrANewScoreAfterThePositionIsTheOnlyThingTheNextReadReturns() {
        start(EloquaSimulator.Options.defaults().withBulkPollsUntilSuccess(0));
        List<Long> seeded = seed(30);
        connect(Map.of(), Map.of());
        ChangePosition end = lastPosition(null);

        eloqua.updateContact(seeded.get(7), Map.of("C_Lead_Stage1", "SQL"));
        List<SystemRecord> edited = readPages(end, 100).stream().flatMap(List::stream).toList();
        ChangePosition afterEdit = lastPosition(end);
        eloqua.setLeadScore(seeded.get(3), new EloquaLeadScore("B2", 60, 55));
        List<SystemRecord> rescored = readPages(afterEdit, 100).stream().flatMap(List::stream).toList();

        assertThat(edited).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(seeded.get(7).toString());
            assertThat(r.fields()).containsEntry("C_Lead_Stage1", "SQL");
        });
        assertThat(rescored).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(seeded.get(3).toString());
            assertThat(r.fields()).containsEntry(EloquaChangeReader.LEAD_RATING, "B2")
                    .containsEntry(EloquaChangeReader.LEAD_SCORE, "55");
        });
        assertThat(readPages(lastPosition(afterEdit), 100)).isEmpty();
    }

    @Test
    void aWriteByFieldValuesLandsInTheRightFieldAndLeavesTheOthers() {
        start(EloquaSimulator.Options.defaults().withBulkPollsUntilSuccess(0));
        List<Long> seeded = seed(3);
        connect(Map.of(), Map.of());

        WriteResult created = writer.upsert("contact", "emailAddress", List.of(new UpsertRequest("new.lead@example.com",
                fields("firstName", "Nia", "C_Lead_Stage1", "Nurture")))).get(0);
        WriteResult updated = writer.upsert("contact", "emailAddress", List.of(new UpsertRequest("contact1@example.com",
                fields("C_Lead_Stage1", "SAL")))).get(0);
        WriteResult byId = writer.upsert("contact", "id", List.of(new UpsertRequest(seeded.get(2).toString(),
                fields("businessPhone", "+1 555 0199")))).get(0);

        assertThat(created.success()).isTrue();
        assertThat(created.created()).isTrue();
        assertThat(eloqua.contactByEmail("new.lead@example.com")).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo(Long.parseLong(created.id()));
            assertThat(c.fields()).containsEntry("firstName", "Nia").containsEntry("C_Lead_Stage1", "Nurture");
        });
        assertThat(updated.success()).isTrue();
        assertThat(updated.created()).isFalse();
        assertThat(eloqua.contact(seeded.get(1)).orElseThrow().fields()).containsEntry("C_Lead_Stage1", "SAL")
                .containsEntry("firstName", "First1").containsEntry("accountName", "Company 1")
                .containsEntry("C_First_Touch_Campaign1", "Spring webinar");
        assertThat(byId.success()).isTrue();
        assertThat(eloqua.contact(seeded.get(2)).orElseThrow().fields()).containsEntry("businessPhone", "+1 555 0199")
                .containsEntry("C_Lead_Stage1", "MQL").containsEntry("lastName", "Last2");
        assertThat(eloqua.contact(seeded.get(0)).orElseThrow().fields()).containsEntry("C_Lead_Stage1", "MQL");
    }

    @Test
    void aBadEmailIsAValidationFailureOfThatRecordAndTheNextIsStillWritten() {
        start(EloquaSimulator.Options.defaults());
        List<Long> seeded = seed(2);
        connect(Map.of(), Map.of());

        List<WriteResult> results = writer.upsert("contact", "id", List.of(
                new UpsertRequest(seeded.get(0).toString(), fields("emailAddress", "not-an-email")),
                new UpsertRequest(seeded.get(1).toString(), fields("emailAddress", "contact0@example.com")),
                new UpsertRequest(seeded.get(1).toString(), fields("C_Lead_Stage1", "SQL"))));

        assertThat(results.get(0).success()).isFalse();
        assertThat(results.get(0).errorCode()).isEqualTo("EmailAddressRequirement");
        assertThat(results.get(0).message()).isEqualTo("emailAddress: EmailAddressRequirement");
        assertThat(results.get(1).errorCode()).as("the address another contact has").isEqualTo("UniquenessRequirement");
        assertThat(results.get(2).success()).isTrue();
        assertThat(eloqua.contact(seeded.get(0)).orElseThrow().email()).isEqualTo("contact0@example.com");
        assertThat(eloqua.contact(seeded.get(1)).orElseThrow().fields()).containsEntry("C_Lead_Stage1", "SQL")
                .containsEntry("emailAddress", "contact1@example.com");
    }

    @Test
    void aWrongPasswordStopsDiscoveryWithWhatToCheck() {
        start(EloquaSimulator.Options.defaults());
        connect(Map.of(), Map.of(EloquaSimulator.ENV_PASSWORD, "not-the-password"));

        assertThatThrownBy(() -> readPages(null, 100)).isInstanceOfSatisfying(SystemCallException.class, e -> {
            assertThat(e.retriable()).isFalse();
            assertThat(e.getMessage()).contains("Eloqua refused the HTTP Basic credentials", EloquaSettings.KEY_PASSWORD,
                    "it said: Not authenticated.");
        });
    }

    @Test
    void aWrongPasswordOnAConfiguredPodIsA401WithWhatToCheck() {
        start(EloquaSimulator.Options.defaults());
        connect(Map.of(EloquaSettings.KEY_BASE_URL, eloqua.baseUrl()),
                Map.of(EloquaSimulator.ENV_PASSWORD, "not-the-password"));

        assertThatThrownBy(() -> writer.upsert("contact", "id", List.of(new UpsertRequest("1", fields("firstName", "X")))))
                .isInstanceOfSatisfying(SystemCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains("Eloqua refused the HTTP Basic credentials");
                });
    }

    private void start(EloquaSimulator.Options options) {
        eloqua = EloquaSimulator.start(options);
    }

    private List<Long> seed(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(eloqua.createContact(fields("emailAddress", "contact" + i + "@example.com", "firstName", "First" + i,
                    "lastName", "Last" + i, "accountName", "Company " + i, "C_Lead_Stage1", "MQL",
                    "C_First_Touch_Campaign1", "Spring webinar")));
        }
        return ids;
    }

    /** The seeded ids in change order after the first one was scored (which touched it last). */
    private static List<Long> reorderedAfterScore(List<Long> seeded) {
        List<Long> order = new ArrayList<>(seeded.subList(1, seeded.size()));
        order.add(seeded.get(0));
        return order;
    }

    /** Builds settings through the real config loader, and the connector as the application assembles it. */
    private void connect(Map<String, String> overrides, Map<String, String> env) {
        Map<String, String> environment = new LinkedHashMap<>(eloqua.environment());
        environment.putAll(env);
        StagesyncConfig config = MarketingSimulatorConfig.load(dir.resolve("run" + System.nanoTime()), "eloqua",
                eloqua.applicationProperties(), environment, overrides);
        client = new EloquaClient(camel, (io.stagesync.connector.eloqua.EloquaSettings) config.connectorSettings().connectors().get("eloqua").settings(),
                new ResilientCallPolicy(config.connectorSettings().policies().get("eloqua")));
        metadata = new EloquaFieldMetadata(client);
        reader = new EloquaChangeReader(client, metadata);
        writer = new EloquaRecordWriter(client, metadata);
    }

    private List<List<SystemRecord>> readPages(ChangePosition after, int pageSize) {
        List<List<SystemRecord>> pages = new ArrayList<>();
        reader.readChanges("contact", after, pageSize, (page, end) -> pages.add(page));
        return pages;
    }

    private ChangePosition lastPosition(ChangePosition after) {
        ChangePosition[] last = {after};
        reader.readChanges("contact", after, 100, (page, end) -> {
            last[0] = end;
            return true;
        });
        return last[0];
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
