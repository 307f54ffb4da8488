package io.stagesync.connector.netsuite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WireMock transformer that answers the change reader's customer query the way NetSuite would
 * over a fixed data set: it accepts only the exact query shape the reader is meant to send,
 * applies its {@code (lastmodifieddate, id)} position, orders by it and pages with
 * limit/offset, answering in the SuiteQL response shape of saas-apis.md §4.4. Anything else gets
 * a 400 in NetSuite's error shape, so a wrong query fails the test.
 */
final class FakeSuiteQlChanges implements ResponseDefinitionTransformerV2 {
    static final String NAME = "fake-suiteql-changes";
    private static final Pattern QUERY = Pattern.compile(
            "SELECT id, entityid, companyname, email, phone, url, entitystatus, externalid,"
                    + " TO_CHAR\\(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS'\\) AS modstamp FROM customer"
                    + "(?: WHERE \\(lastmodifieddate > TO_TIMESTAMP\\('([0-9: -]{19})', 'YYYY-MM-DD HH24:MI:SS'\\)"
                    + " OR \\(lastmodifieddate = TO_TIMESTAMP\\('\\1', 'YYYY-MM-DD HH24:MI:SS'\\) AND id > ([0-9]+)\\)\\))?"
                    + " ORDER BY lastmodifieddate, id");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One customer row: internal id and modstamp as SuiteQL's TO_CHAR writes it. */
    record Row(long id, String modstamp) {
    }

    private final List<Row> rows;

    FakeSuiteQlChanges(List<Row> rows) {
        this.rows = rows.stream().sorted(Comparator.comparing(Row::modstamp).thenComparingLong(Row::id)).toList();
    }

    /** The data set in (modstamp, id) order: what a complete read must deliver, once each. */
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
            String q = JSON.readTree(serveEvent.getRequest().getBodyAsString()).path("q").asText();
            int limit = Integer.parseInt(serveEvent.getRequest().queryParameter("limit").firstValue());
            int offset = Integer.parseInt(serveEvent.getRequest().queryParameter("offset").firstValue());
            Matcher m = QUERY.matcher(q);
            if (!m.matches()) {
                return badRequest("Invalid search query. Detailed unprocessed description follows: " + q);
            }
            List<Row> selected = rows.stream()
                    .filter(r -> m.group(1) == null || r.modstamp().compareTo(m.group(1)) > 0
                            || (r.modstamp().equals(m.group(1)) && r.id() > Long.parseLong(m.group(2))))
                    .toList();
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
                item.put("id", Long.toString(r.id())).put("entityid", "Customer " + r.id())
                        .put("companyname", "Company " + r.id()).putNull("email").putNull("phone").putNull("url")
                        .put("entitystatus", "13").putNull("externalid").put("modstamp", r.modstamp());
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
