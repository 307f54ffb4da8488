package io.stagesync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WireMock transformer answering NetSuiteChangeReader's SuiteQL change queries over customer rows the
 * test changes as it goes, the way NetSuite would: {@code lastmodifieddate} in whole seconds (as
 * {@code TO_CHAR} writes it; several rows may share one, and an edit may keep the second of an earlier one),
 * the reader's {@code (lastmodifieddate, id)} position applied, rows in that order, pages of {@code limit}
 * from {@code offset} with {@code hasMore}, in the SuiteQL response shape of saas-apis.md §4.4. Contact and
 * transaction queries get no rows; any other query a 400 in NetSuite's error shape, so a wrong query fails
 * the test. Thread-safe.
 */
final class SuiteQlCustomerTable implements ResponseDefinitionTransformerV2 {
    static final String NAME = "suiteql-customer-table";
    private static final String TIMESTAMP = "TO_TIMESTAMP\\('([0-9: -]{19})', 'YYYY-MM-DD HH24:MI:SS'\\)";
    private static final Pattern QUERY = Pattern.compile("SELECT id, [a-z_, ]+, TO_CHAR\\(lastmodifieddate,"
            + " 'YYYY-MM-DD HH24:MI:SS'\\) AS modstamp FROM (customer|contact|transaction)"
            + "(?: WHERE (?:type = 'Opprtnty'(?: AND )?)?(?:\\(lastmodifieddate > " + TIMESTAMP
            + " OR \\(lastmodifieddate = " + TIMESTAMP + " AND id > ([0-9]+)\\)\\))?)? ORDER BY lastmodifieddate, id");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A customer row: its SuiteQL columns (lower case) and its lastmodifieddate as TO_CHAR writes it. */
    private record Row(long id, String modstamp, Map<String, Object> columns) {
    }

    private final Map<Long, Row> rows = new LinkedHashMap<>();
    private final List<String> queries = new ArrayList<>();

    /** Sets a customer's columns (merged into what it has) and its lastmodifieddate ({@code yyyy-MM-dd HH:mm:ss}). */
    synchronized void put(long id, String modstamp, Map<String, Object> columns) {
        Map<String, Object> merged = new LinkedHashMap<>(rows.containsKey(id) ? rows.get(id).columns() : Map.of());
        merged.putAll(columns);
        rows.put(id, new Row(id, modstamp, merged));
    }

    /** The SuiteQL text of every query answered, in order. */
    synchronized List<String> queries() {
        return List.copyOf(queries);
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
    public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
        try {
            String q = JSON.readTree(serveEvent.getRequest().getBodyAsString()).path("q").asText();
            int limit = Integer.parseInt(serveEvent.getRequest().queryParameter("limit").firstValue());
            int offset = Integer.parseInt(serveEvent.getRequest().queryParameter("offset").firstValue());
            Matcher m = QUERY.matcher(q);
            if (!m.matches() || (m.group(2) != null && !m.group(2).equals(m.group(3)))) {
                return badRequest("Invalid search query. Detailed unprocessed description follows: " + q);
            }
            queries.add(q);
            String after = m.group(2);
            List<Row> selected = !m.group(1).equals("customer") ? List.of() : rows.values().stream()
                    .filter(r -> after == null || r.modstamp().compareTo(after) > 0
                            || (r.modstamp().equals(after) && r.id() > Long.parseLong(m.group(4))))
                    .sorted(Comparator.comparing(Row::modstamp).thenComparingLong(Row::id)).toList();
            List<Row> page = selected.stream().skip(offset).limit(limit).toList();
            ObjectNode body = JSON.createObjectNode();
            body.putArray("links").addObject().put("rel", "self")
                    .put("href", "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/query/v1/suiteql?limit="
                            + limit + "&offset=" + offset);
            body.put("count", page.size());
            body.put("hasMore", offset + page.size() < selected.size());
            ArrayNode items = body.putArray("items");
            for (Row r : page) {
                ObjectNode item = items.addObject();
                item.putArray("links");
                item.put("id", Long.toString(r.id()));
                r.columns().forEach((column, value) -> item.putPOJO(column, value));
                item.put("modstamp", r.modstamp());
            }
            body.put("offset", offset);
            body.put("totalResults", selected.size());
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/vnd.oracle.resource+json; type=collection")
                    .withBody(body.toString()).build();
        } catch (Exception e) {
            return badRequest(e.toString());
        }
    }

    private static ResponseDefinition badRequest(String detail) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1").put("title", "Bad Request")
                .put("status", 400);
        body.putArray("o:errorDetails").addObject().put("detail", detail).put("o:errorCode", "INVALID_PARAMETER");
        return ResponseDefinitionBuilder.responseDefinition().withStatus(400).withBody(body.toString()).build();
    }
}
