package io.stagesync.sandbox.eloqua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link EloquaSimulator}'s own contract, over plain HTTP and its Java API: list paging and
 * search, PUT semantics, accounts and campaigns, the Bulk export lifecycle and its refusals.
 */
class EloquaSimulatorApiTest {
    static final Instant T0 = Instant.parse("2024-05-01T14:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newHttpClient();
    EloquaSimulator eloqua;
    String authorization;

    @AfterEach
    void stop() {
        eloqua.close();
    }

    @Test
    void contactFieldsArePagedInTheListEnvelope() {
        start(EloquaSimulator.Options.defaults());

        Reply page2 = get("/api/REST/1.0/assets/contact/fields?depth=complete&count=5&page=2");
        Reply last = get("/api/REST/1.0/assets/contact/fields?depth=complete&count=5&page=4");

        assertThat(page2.body().get("elements")).hasSize(5);
        assertThat(page2.body().get("page").asInt()).isEqualTo(2);
        assertThat(page2.body().get("pageSize").asInt()).isEqualTo(5);
        assertThat(page2.body().get("total").asInt()).isEqualTo(17);
        assertThat(page2.body().get("elements").get(0).get("internalName").asText()).isEqualTo("C_BusPhone");
        assertThat(last.body().get("elements")).hasSize(2);
        assertThat(last.body().get("elements").get(1).toString()).contains("\"internalName\":\"C_First_Touch_Campaign1\"",
                "\"isReadOnly\":\"false\"", "\"id\":\"100202\"");
    }

    @Test
    void searchOrderAndPagingFollowTheApplicationApi() {
        start(EloquaSimulator.Options.defaults().withZone(ZoneOffset.UTC).withClock(Clock.fixed(T0, ZoneOffset.UTC)));
        for (int i = 0; i < 5; i++) {
            eloqua.createContact(Map.of("emailAddress", "p" + i + "@example.com", "C_Lead_Stage1", i % 2 == 0 ? "MQL" : "SQL"));
        }

        Reply since = get("/api/REST/1.0/data/contacts?depth=minimal&count=2&page=1&orderBy=updatedAt"
                + "&search=updatedAt>='2024-05-01 14:00:02'");
        Reply mql = get("/api/REST/1.0/data/contacts?search=C_Lead_Stage1='mql'emailAddress='*@example.com'");
        Reply desc = get("/api/REST/1.0/data/contacts?orderBy=id%20DESC&count=1");

        assertThat(since.body().get("total").asInt()).isEqualTo(3);
        assertThat(since.body().get("elements").findValuesAsText("id")).containsExactly("3", "4");
        assertThat(since.body().get("elements").get(0).toString()).isEqualTo("{\"type\":\"Contact\",\"currentStatus\":"
                + "\"Awaiting action\",\"id\":\"3\",\"createdAt\":\"1714572002\",\"depth\":\"minimal\",\"name\":"
                + "\"p2@example.com\",\"updatedAt\":\"1714572002\"}");
        assertThat(mql.body().get("elements").findValuesAsText("id")).containsExactly("1", "3", "5");
        assertThat(desc.body().get("elements").findValuesAsText("id")).containsExactly("5");
    }

    @Test
    void badListParametersAreEndpointParameterErrors() {
        start(EloquaSimulator.Options.defaults());

        Reply count = get("/api/REST/1.0/data/contacts?count=1001");
        Reply term = get("/api/REST/1.0/data/contacts?search=shoeSize='44'");

        assertThat(count.status()).isEqualTo(400);
        assertThat(count.body().toString()).isEqualTo("[{\"type\":\"EndpointParameterError\",\"parameter\":\"count\","
                + "\"requirement\":{\"type\":\"IntegerRequirement\"},\"value\":\"1001\"}]");
        assertThat(term.status()).isEqualTo(400);
        assertThat(term.body().get(0).get("parameter").asText()).isEqualTo("search");
    }

    @Test
    void aPutBlanksTheProfilePropertiesItLeavesOutButKeepsTheFieldsItLeavesOut() {
        start(EloquaSimulator.Options.defaults());
        long id = eloqua.createContact(Map.of("emailAddress", "ada@example.com", "firstName", "Ada", "title", "CTO",
                "C_Lead_Stage1", "MQL", "C_First_Touch_Campaign1", "Webinar"));

        Reply put = send("PUT", "/api/REST/1.0/data/contact/" + id, "{\"type\": \"Contact\", \"id\": \"" + id + "\","
                + " \"emailAddress\": \"ada@example.com\", \"firstName\": \"Ada\","
                + " \"fieldValues\": [{\"type\": \"FieldValue\", \"id\": \"100201\", \"value\": \"SAL\"}]}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(eloqua.contact(id).orElseThrow().fields()).containsEntry("C_Lead_Stage1", "SAL")
                .containsEntry("C_First_Touch_Campaign1", "Webinar").containsEntry("firstName", "Ada")
                .doesNotContainKey("title");
        assertThat(put.body().get("fieldValues").toString()).contains("{\"type\":\"FieldValue\",\"id\":\"100201\","
                + "\"value\":\"SAL\"}", "{\"type\":\"FieldValue\",\"id\":\"100005\"}");
    }

    @Test
    void contactWritesAreValidatedInEloquasShapes() {
        start(EloquaSimulator.Options.defaults());
        long id = eloqua.createContact(Map.of("emailAddress", "ada@example.com"));
        eloqua.createContact(Map.of("emailAddress", "bo@example.com"));

        Reply badEmail = send("POST", "/api/REST/1.0/data/contact", "{\"emailAddress\": \"nope\"}");
        Reply taken = send("POST", "/api/REST/1.0/data/contact", "{\"emailAddress\": \"BO@example.com\"}");
        Reply readOnly = send("PUT", "/api/REST/1.0/data/contact/" + id, "{\"emailAddress\": \"ada@example.com\","
                + " \"fieldValues\": [{\"id\": \"100032\", \"value\": \"1\"}]}");
        Reply unknownField = send("PUT", "/api/REST/1.0/data/contact/" + id, "{\"emailAddress\": \"ada@example.com\","
                + " \"fieldValues\": [{\"id\": \"999999\", \"value\": \"1\"}]}");
        Reply missing = send("PUT", "/api/REST/1.0/data/contact/424242", "{\"emailAddress\": \"x@example.com\"}");

        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.body().get(0).get("requirement").get("type").asText()).isEqualTo("EmailAddressRequirement");
        assertThat(badEmail.body().get(0).get("container").get("objectType").asText()).isEqualTo("Contact");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(readOnly.body().get(0).get("requirement").get("type").asText()).isEqualTo("ImmutabilityRequirement");
        assertThat(unknownField.body().get(0).get("requirement").get("type").asText()).isEqualTo("IdRequirement");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(eloqua.contacts()).hasSize(2);
    }

    @Test
    void campaignsAndAccountsAreServedWithTheirCostAndProperties() {
        start(EloquaSimulator.Options.defaults());
        eloqua.addCampaign("Spring webinar", new BigDecimal("1500.00"));
        long account = eloqua.createAccount(Map.of("name", "Example Co", "country", "United States"));

        Reply campaigns = get("/API/REST/2.0/assets/campaigns?depth=complete");
        Reply accounts = get("/api/REST/1.0/data/accounts?depth=complete&search=name='Example*'");
        Reply created = send("POST", "/api/REST/1.0/data/account", "{\"name\": \"Sample Ltd\", \"city\": \"Leeds\"}");
        Reply updated = send("PUT", "/api/REST/1.0/data/account/" + account, "{\"city\": \"Springfield\"}");

        assertThat(campaigns.body().get("elements").get(0).get("actualCost").asText()).isEqualTo("1500.00");
        assertThat(campaigns.body().get("elements").get(0).get("name").asText()).isEqualTo("Spring webinar");
        assertThat(accounts.body().get("elements")).singleElement()
                .satisfies(a -> assertThat(a.get("country").asText()).isEqualTo("United States"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(eloqua.accounts()).extracting(EloquaAccount::name).containsExactly("Example Co", "Sample Ltd");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(eloqua.account(account).orElseThrow().fields()).containsEntry("city", "Springfield")
                .containsEntry("country", "United States");
    }

    @Test
    void aBulkExportRunsPendingActiveSuccessAndPagesItsData() {
        start(EloquaSimulator.Options.defaults().withBulkPollsUntilSuccess(2));
        for (int i = 0; i < 3; i++) {
            long id = eloqua.createContact(Map.of("emailAddress", "p" + i + "@example.com"));
            eloqua.setLeadScore(id, new EloquaLeadScore("B" + (i + 1), 50 + i, 40 + i));
        }

        Reply export = send("POST", "/api/bulk/2.0/contacts/exports", "{\"name\": \"scores\", \"fields\": {"
                + "\"ContactId\": \"{{Contact.Id}}\", \"Rating\": \"{{Contact.LeadScore.Model[1].Rating}}\","
                + " \"Email\": \"{{Contact.Field(C_EmailAddress)}}\"},"
                + " \"filter\": \"'{{Contact.UpdatedAt}}' >= '2000-01-01 00:00:00' AND '{{Contact.Id}}' > '1'\","
                + " \"areSystemTimestampsInUTC\": true}");
        Reply sync = send("POST", "/api/bulk/2.0/syncs", "{\"syncedInstanceUri\": \""
                + export.body().get("uri").asText() + "\"}");
        String syncUri = "/api/bulk/2.0" + sync.body().get("uri").asText();
        Reply poll1 = get(syncUri);
        Reply poll2 = get(syncUri);
        Reply data1 = get(syncUri + "/data?offset=0&limit=1");
        Reply data2 = get(syncUri + "/data?offset=1&limit=1");
        Reply logs = get(syncUri + "/logs");
        Reply delete = send("DELETE", "/api/bulk/2.0" + export.body().get("uri").asText(), null);

        assertThat(export.status()).isEqualTo(201);
        assertThat(export.body().get("uri").asText()).matches("/contacts/exports/[0-9]+");
        assertThat(sync.body().get("status").asText()).isEqualTo("pending");
        assertThat(poll1.body().get("status").asText()).isEqualTo("active");
        assertThat(poll2.body().get("status").asText()).isEqualTo("success");
        assertThat(data1.body().get("items").toString()).isEqualTo("[{\"ContactId\":\"2\",\"Rating\":\"B2\","
                + "\"Email\":\"p1@example.com\"}]");
        assertThat(data1.body().get("hasMore").asBoolean()).isTrue();
        assertThat(data1.body().get("totalResults").asInt()).isEqualTo(2);
        assertThat(data2.body().get("hasMore").asBoolean()).isFalse();
        assertThat(logs.body().get("items").get(0).get("statusCode").asText()).isEqualTo("ELQ-00001");
        assertThat(delete.status()).isEqualTo(204);
    }

    @Test
    void aBulkExportWithAnUnknownFieldOrSyncTargetIsRefused() {
        start(EloquaSimulator.Options.defaults());

        Reply field = send("POST", "/api/bulk/2.0/contacts/exports", "{\"name\": \"x\", \"fields\": {"
                + "\"Size\": \"{{Contact.Field(C_Shoe_Size1)}}\"}}");
        Reply model = send("POST", "/api/bulk/2.0/contacts/exports", "{\"name\": \"x\", \"fields\": {"
                + "\"Rating\": \"{{Contact.LeadScore.Model[9].Rating}}\"}}");
        Reply sync = send("POST", "/api/bulk/2.0/syncs", "{\"syncedInstanceUri\": \"/contacts/exports/999\"}");

        assertThat(field.status()).isEqualTo(400);
        assertThat(field.body().get("failures").get(0).get("field").asText()).isEqualTo("fields.Size");
        assertThat(model.status()).isEqualTo(400);
        assertThat(sync.status()).isEqualTo(400);
    }

    @Test
    void wrongCredentialsGet401AndIdSaysNotAuthenticated() {
        start(EloquaSimulator.Options.defaults());
        authorization = "Basic " + Base64.getEncoder().encodeToString("SandboxCo\\sandbox.api:wrong"
                .getBytes(StandardCharsets.UTF_8));

        Reply id = get("/id");
        Reply contacts = get("/api/REST/1.0/data/contacts");

        assertThat(id.status()).isEqualTo(200);
        assertThat(id.body().asText()).isEqualTo("Not authenticated.");
        assertThat(contacts.status()).isEqualTo(401);
    }

    @Test
    void theJavaApiRefusesWhatEloquaRefusesAndStampsEveryChange() {
        start(EloquaSimulator.Options.defaults().withClock(Clock.fixed(T0, ZoneOffset.UTC)));
        long a = eloqua.createContact(Map.of("emailAddress", "a@example.com"));
        long b = eloqua.createContact(Map.of("emailAddress", "b@example.com"));

        assertThatThrownBy(() -> eloqua.createContact(Map.of("emailAddress", "A@example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UniquenessRequirement");
        assertThatThrownBy(() -> eloqua.updateContact(a, Map.of("C_Shoe_Size1", "44")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C_Shoe_Size1");
        assertThatThrownBy(() -> eloqua.updateContact(a, Map.of("C_DateModified", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
        assertThat(eloqua.contact(a).orElseThrow().updatedAt()).isEqualTo(T0);
        assertThat(eloqua.contact(b).orElseThrow().updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(eloqua.updateContact(a, Map.of("C_Lead_Stage1", "MQL")).updatedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(eloqua.setLeadScore(b, new EloquaLeadScore("A2", 80, 70)).updatedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(eloqua.setLeadScore(b, new EloquaLeadScore("A2", 80, 70)).updatedAt()).isEqualTo(T0.plusSeconds(3));
    }

    private void start(EloquaSimulator.Options options) {
        eloqua = EloquaSimulator.start(options);
        authorization = "Basic " + Base64.getEncoder().encodeToString((options.site() + "\\" + options.username() + ":"
                + options.password()).getBytes(StandardCharsets.UTF_8));
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply get(String path) {
        return send("GET", path, null);
    }

    private Reply send(String method, String path, String body) {
        String[] parts = path.split("\\?", 2);
        String query = parts.length < 2 ? "" : "?" + encodeQuery(parts[1]);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(eloqua.baseUrl() + parts[0] + query))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", authorization);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
            return new Reply(response.statusCode(), response.body().isEmpty() ? JSON.nullNode()
                    : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encodeQuery(String query) {
        List<String> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            pairs.add(pair.substring(0, eq + 1)
                    + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8).replace("+", "%20")
                            .replace("%2520", "%20"));
        }
        return String.join("&", pairs);
    }
}
