package io.stagesync.sandbox.pardot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteResult;
import io.stagesync.connector.pardot.PardotCallException;
import io.stagesync.connector.pardot.PardotChangeReader;
import io.stagesync.connector.pardot.PardotClient;
import io.stagesync.connector.pardot.PardotRecordWriter;
import io.stagesync.connector.pardot.PardotSettings;
import io.stagesync.connector.resilience.ResilientCallPolicy;
import io.stagesync.sandbox.MarketingSimulatorConfig;
import io.stagesync.sandbox.http.SimResponse;
import io.stagesync.sandbox.http.SimulatorServer;
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
 * The real Pardot connector (settings from the config loader, client, change reader and record
 * writer built as the application assembles them) against the {@link PardotSimulator}.
 */
class PardotSimulatorRoundTripTest {
    @TempDir
    Path dir;

    PardotSimulator pardot;
    DefaultCamelContext camel;
    PardotClient client;
    PardotChangeReader reader;
    PardotRecordWriter writer;
    long campaignId;

    @BeforeEach
    void start() {
        pardot = PardotSimulator.start(PardotSimulator.Options.defaults());
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        camel.stop();
        pardot.close();
    }

    @Test
    void theRealReaderReadsEverySeededProspectAcrossPagesInOrder() {
        List<Long> seeded = seed(250);
        connect(Map.of());

        List<List<SystemRecord>> pages = readPages(null, 100);

        assertThat(pages).extracting(List::size).containsExactly(100, 100, 50);
        List<SystemRecord> all = pages.stream().flatMap(List::stream).toList();
        assertThat(all).extracting(r -> Long.parseLong(r.id())).containsExactlyElementsOf(seeded);
        assertThat(all).isSortedAccordingTo(Comparator.comparing(SystemRecord::modstamp)
                .thenComparing(r -> PardotChangeReader.cursor(r.id())));
        SystemRecord first = all.get(0);
        assertThat(first.fields()).containsEntry("email", "person0@example.com").containsEntry("score", 0)
                .containsEntry("Lifecycle_Stage__c", "MQL").containsEntry("campaignId", (int) campaignId)
                .containsEntry("phone", "+1 555 0100").containsEntry("optedOut", false)
                .containsEntry("salesforceLeadId", null);
        assertThat(first.modstamp()).isEqualTo(pardot.prospect(seeded.get(0)).orElseThrow().updatedAt());
    }

    @Test
    void anEditAfterThePositionIsTheOnlyThingTheNextReadReturns() {
        List<Long> seeded = seed(250);
        connect(Map.of());
        ChangePosition end = lastPosition(null);
        long edited = seeded.get(42);

        pardot.updateProspect(edited, Map.of("score", 97, "grade", "A"));
        List<SystemRecord> next = readPages(end, 100).stream().flatMap(List::stream).toList();

        assertThat(next).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(Long.toString(edited));
            assertThat(r.fields()).containsEntry("score", 97).containsEntry("grade", "A");
            assertThat(r.modstamp()).isAfter(end.modstamp());
        });
        ChangePosition afterEdit = lastPosition(end);
        assertThat(readPages(afterEdit, 100)).isEmpty();
    }

    @Test
    void anUpsertByEmailCreatesAProspectAndThenUpdatesTheSameOne() {
        seed(3);
        connect(Map.of());
        ChangePosition end = lastPosition(null);

        WriteResult created = writer.upsert("prospect", "email", List.of(new UpsertRequest("new.lead@example.com",
                fields("firstName", "Nia", "Lifecycle_Stage__c", "Nurture", "score", 12)))).get(0);
        WriteResult updated = writer.upsert("prospect", "email", List.of(new UpsertRequest("NEW.LEAD@example.com",
                fields("Lifecycle_Stage__c", "MQL")))).get(0);

        assertThat(created.success()).isTrue();
        assertThat(created.created()).isTrue();
        assertThat(updated.success()).isTrue();
        assertThat(updated.created()).isFalse();
        assertThat(updated.id()).isEqualTo(created.id());
        assertThat(pardot.prospectsByEmail("new.lead@example.com")).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(Long.parseLong(created.id()));
            assertThat(p.fields()).containsEntry("firstName", "Nia").containsEntry("Lifecycle_Stage__c", "MQL")
                    .containsEntry("score", 12);
        });
        assertThat(readPages(end, 100).stream().flatMap(List::stream).toList()).singleElement()
                .satisfies(r -> assertThat(r.fields()).containsEntry("Lifecycle_Stage__c", "MQL"));
    }

    @Test
    void anUpdateByIdChangesOnlyThatProspect() {
        List<Long> seeded = seed(3);
        connect(Map.of());

        WriteResult result = writer.upsert("prospect", "id", List.of(new UpsertRequest(seeded.get(1).toString(),
                fields("Lifecycle_Stage__c", "SQL", "optedOut", true)))).get(0);

        assertThat(result.success()).isTrue();
        assertThat(pardot.prospect(seeded.get(1)).orElseThrow().fields()).containsEntry("Lifecycle_Stage__c", "SQL")
                .containsEntry("optedOut", true);
        assertThat(pardot.prospect(seeded.get(0)).orElseThrow().fields()).containsEntry("Lifecycle_Stage__c", "MQL");
    }

    @Test
    void aBadEmailFailsThatRecordWithCode4AndTheNextIsStillWritten() {
        List<Long> seeded = seed(2);
        connect(Map.of());

        List<WriteResult> results = writer.upsert("prospect", "email", List.of(
                new UpsertRequest("not-an-email", fields("firstName", "Bad")),
                new UpsertRequest("good.one@example.com", fields("firstName", "Good"))));
        WriteResult badUpdate = writer.upsert("prospect", "id", List.of(new UpsertRequest(seeded.get(0).toString(),
                fields("email", "still not an email")))).get(0);

        assertThat(results.get(0).success()).isFalse();
        assertThat(results.get(0).errorCode()).isEqualTo("4");
        assertThat(results.get(0).message()).isEqualTo("Invalid prospect email address");
        assertThat(results.get(1).success()).isTrue();
        assertThat(badUpdate.errorCode()).isEqualTo("4");
        assertThat(pardot.prospect(seeded.get(0)).orElseThrow().email()).isEqualTo("person0@example.com");
        assertThat(pardot.prospects()).hasSize(3);
    }

    @Test
    void anUnknownProspectIdFailsThatRecordWithNotFound() {
        connect(Map.of());

        WriteResult result = writer.upsert("prospect", "id", List.of(new UpsertRequest("999999",
                fields("firstName", "Ghost")))).get(0);

        assertThat(result.success()).isFalse();
        assertThat(result.errorCode()).isEqualTo("192");
    }

    @Test
    void aWrongBusinessUnitIsThePermanentBusinessUnitErrorForReadsAndWrites() {
        seed(1);
        connect(Map.of(PardotSettings.KEY_BUSINESS_UNIT_ID, "0UvSB00000000090AA"));

        assertThatThrownBy(() -> readPages(null, 100)).isInstanceOfSatisfying(PardotCallException.class, e -> {
            assertThat(e.pardotCode()).isEqualTo(201);
            assertThat(e.retriable()).isFalse();
            assertThat(e.getMessage()).contains("does not accept the business unit", PardotSettings.KEY_BUSINESS_UNIT_ID);
        });
        assertThatThrownBy(() -> writer.upsert("prospect", "email", List.of(new UpsertRequest("x@example.com",
                fields("firstName", "X"))))).isInstanceOfSatisfying(PardotCallException.class,
                e -> assertThat(e.pardotCode()).isEqualTo(201));
        assertThat(pardot.prospects()).hasSize(1);
    }

    @Test
    void aRevokedTokenIsRenewedOnceAndTheReadGoesOn() {
        seed(5);
        connect(Map.of());
        readPages(null, 100);
        long before = pardot.requestCount();

        pardot.revokeTokens();
        List<SystemRecord> again = readPages(null, 100).stream().flatMap(List::stream).toList();

        assertThat(again).hasSize(5);
        assertThat(pardot.requestCount() - before).as("184, token, query again").isEqualTo(3);
    }

    @Test
    void wrongConnectedAppCredentialsAreRefusedByTheOwnTokenEndpoint() {
        connect(Map.of(PardotSettings.KEY_CLIENT_ID, "someone-else"));

        assertThatThrownBy(() -> readPages(null, 100)).isInstanceOfSatisfying(PardotCallException.class, e -> {
            assertThat(e.vendorCode()).isEqualTo("invalid_client_id");
            assertThat(e.retriable()).isFalse();
        });
    }

    @Test
    void tokensFromAnExternalIssuerAreAcceptedAndTheBusinessUnitIsStillChecked() {
        pardot.close();
        try (SimulatorServer issuer = new SimulatorServer("issuer")) {
            issuer.on("POST", "/services/oauth2/token", r -> SimResponse.json("{\"access_token\": \"issued-elsewhere\","
                    + " \"instance_url\": \"http://127.0.0.1\", \"token_type\": \"Bearer\"}")).start();
            pardot = PardotSimulator.start(PardotSimulator.Options.defaults()
                    .withExternalTokenIssuer(issuer.baseUrl(), "issued-elsewhere"::equals));
            seed(2);
            connect(Map.of());

            assertThat(client.settings().loginUrl()).isEqualTo(issuer.baseUrl());
            assertThat(readPages(null, 100).stream().flatMap(List::stream).toList()).hasSize(2);
            assertThat(issuer.requestCount()).isEqualTo(1);
        }
    }

    private List<Long> seed(int count) {
        campaignId = pardot.addCampaign("Spring webinar", 1500);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(pardot.createProspect(fields("email", "person" + i + "@example.com", "firstName", "First" + i,
                    "lastName", "Last" + i, "company", "Company " + i, "phone", "+1 555 0100", "score", i % 100,
                    "optedOut", false, "campaignId", campaignId, "Lifecycle_Stage__c", "MQL")));
        }
        return ids;
    }

    /** Builds settings through the real config loader, and the connector as the application assembles it. */
    private void connect(Map<String, String> overrides) {
        StagesyncConfig config = MarketingSimulatorConfig.load(dir.resolve("run" + System.nanoTime()), "pardot",
                pardot.applicationProperties(), pardot.environment(), overrides);
        PardotSettings settings = (PardotSettings) config.connectorSettings().connectors().get("pardot").settings();
        if (client != null) {
            client.close();
        }
        client = new PardotClient(camel, settings, new ResilientCallPolicy(config.connectorSettings().policies()
                .get("pardot")));
        reader = new PardotChangeReader(client);
        writer = new PardotRecordWriter(client);
    }

    private List<List<SystemRecord>> readPages(ChangePosition after, int pageSize) {
        List<List<SystemRecord>> pages = new ArrayList<>();
        reader.readChanges("prospect", after, pageSize, (page, end) -> pages.add(page));
        return pages;
    }

    private ChangePosition lastPosition(ChangePosition after) {
        ChangePosition[] last = {after};
        reader.readChanges("prospect", after, 100, (page, end) -> {
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
