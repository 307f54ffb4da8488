package io.stagesync.connector.pardot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock transformer that answers the change reader's prospect query the way Account
 * Engagement v5 would over a fixed data set (saas-apis.md §3.2): a first request with exactly
 * {@code fields}, {@code limit}, {@code orderBy=updatedAt,id} and optionally
 * {@code updatedAtAfterOrEqualTo}, ordered by (updatedAt, id); later pages only through
 * {@code nextPageToken} sent with {@code fields} and nothing else. Anything else gets a 400 in
 * the v5 error shape, so a wrong request fails the test. The next {@link #tokensToExpire} page
 * token requests are answered with error 210 (expired).
 */
final class FakeProspectQuery implements ResponseDefinitionTransformerV2 {
    static final String NAME = "fake-prospect-query";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One prospect: id and updatedAt as Pardot writes it (ISO 8601 with an offset). */
    record Row(long id, String updatedAt) {
        Instant instant() {
            return OffsetDateTime.parse(updatedAt).toInstant();
        }
    }

    private record Rest(List<Row> rows, int limit) {
    }

    private final List<Row> rows;
    private final String fields;
    private final Map<String, Rest> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();
    final AtomicInteger tokensToExpire = new AtomicInteger();

    /** @param fields the exact {@code fields} value every request must carry */
    FakeProspectQuery(List<Row> rows, String fields) {
        this.rows = rows.stream().sorted(Comparator.comparing(Row::instant).thenComparingLong(Row::id)).toList();
        this.fields = fields;
    }

    /** The data set in (updatedAt, id) order: what a complete read must deliver, once each. */
    List<Row> ordered() {
        return rows;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        try {
            Map<String, String> params = params(serveEvent.getRequest().getUrl());
            if (!fields.equals(params.get("fields"))) {
                return error(400, 180, "Invalid fields: " + params.get("fields"));
            }
            if (params.containsKey("nextPageToken")) {
                if (!params.keySet().equals(Set.of("fields", "nextPageToken"))) {
                    return error(400, 13, "Only fields may be sent with nextPageToken: " + params.keySet());
                }
                if (tokensToExpire.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return error(400, 210, "The page token has expired.");
                }
                Rest rest = tokens.remove(params.get("nextPageToken"));
                return rest == null ? error(400, 211, "Invalid page token.") : page(rest.rows(), rest.limit());
            }
            if (!Set.of("fields", "limit", "orderBy", "updatedAtAfterOrEqualTo").containsAll(params.keySet())
                    || !"updatedAt,id".equals(params.get("orderBy"))) {
                return error(400, 13, "Unexpected query: " + params);
            }
            int limit = Integer.parseInt(params.get("limit"));
            String from = params.get("updatedAtAfterOrEqualTo");
            Instant since = from == null ? Instant.MIN : OffsetDateTime.parse(from).toInstant();
            return page(rows.stream().filter(r -> !r.instant().isBefore(since)).toList(), limit);
        } catch (RuntimeException e) {
            return error(400, 13, e.toString());
        }
    }

    private ResponseDefinition page(List<Row> selected, int limit) {
        List<Row> page = selected.stream().limit(limit).toList();
        ObjectNode body = JSON.createObjectNode();
        if (selected.size() > limit) {
            String token = "fake-token-" + issued.incrementAndGet();
            tokens.put(token, new Rest(selected.subList(limit, selected.size()), limit));
            body.put("nextPageToken", token);
            body.put("nextPageUrl", "https://pi.pardot.com/api/v5/objects/prospects?nextPageToken=" + token);
        } else {
            body.putNull("nextPageToken");
            body.putNull("nextPageUrl");
        }
        ArrayNode values = body.putArray("values");
        for (Row r : page) {
            values.addObject().put("id", r.id()).put("email", "p" + r.id() + "@example.com").put("firstName", "First" + r.id())
                    .put("lastName", "Last" + r.id()).put("company", "Company " + r.id()).put("score", r.id() % 100)
                    .put("grade", "B").putNull("campaignId").put("updatedAt", r.updatedAt()).put("Lifecycle_Stage__c", "MQL")
                    .putNull("salesforceLeadId").putNull("salesforceContactId");
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body.toString()).build();
    }

    private static Map<String, String> params(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static ResponseDefinition error(int status, int code, String message) {
        ObjectNode body = JSON.createObjectNode().put("code", code).put("message", message);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body.toString()).build();
    }
}
