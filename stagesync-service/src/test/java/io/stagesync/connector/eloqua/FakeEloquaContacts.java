package io.stagesync.connector.eloqua;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WireMock transformer that answers {@code GET /api/REST/1.0/data/contacts} the way Eloqua
 * would over a fixed data set: it accepts only the query shape the reader is meant to send
 * ({@code depth=complete}, {@code orderBy=updatedAt}, {@code count}, {@code page} and optionally
 * {@code search=updatedAt>='yyyy-MM-dd HH:mm:ss'} read as UTC), filters, orders by
 * {@code updatedAt} only, keeping contacts that share a second in the data set's order (not by
 * id, as Eloqua promises nothing there), and pages with page/count in the list envelope of
 * saas-apis.md §2.4. Anything else gets a 400 in Eloqua's error shape, so a wrong query fails
 * the test. {@link #touch} changes a contact's {@code updatedAt} after a given request, as if
 * someone edited it during the read.
 */
final class FakeEloquaContacts implements ResponseDefinitionTransformerV2 {
    static final String NAME = "fake-eloqua-contacts";
    private static final Pattern SEARCH = Pattern.compile("updatedAt>='([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2})'");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Set<String> PARAMETERS = Set.of("depth", "count", "page", "orderBy", "search");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One contact: id and {@code updatedAt} in epoch seconds. */
    record Row(long id, long updatedAt) {
    }

    private final List<Row> rows;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int touchAfter = -1;
    private volatile Row touched;

    FakeEloquaContacts(List<Row> rows) {
        this.rows = new ArrayList<>(rows);
    }

    /** After the {@code request}-th list request, the contact {@code id} gets {@code updatedAt}. */
    void touch(int request, long id, long updatedAt) {
        this.touchAfter = request;
        this.touched = new Row(id, updatedAt);
    }

    /** The data set as it stands, in (updatedAt, id) order: what a complete read must end with. */
    synchronized List<Row> ordered() {
        return rows.stream().sorted(Comparator.comparingLong(Row::updatedAt).thenComparingLong(Row::id)).toList();
    }

    int requests() {
        return requests.get();
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
            ResponseDefinition answer = answer(serveEvent.getRequest());
            if (requests.incrementAndGet() == touchAfter) {
                apply(touched);
            }
            return answer;
        } catch (RuntimeException e) {
            return badRequest(e.toString());
        }
    }

    private synchronized ResponseDefinition answer(Request request) {
        String url = request.getUrl();
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
        for (String pair : query.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!PARAMETERS.contains(name)) {
                return badRequest("unexpected parameter " + name);
            }
        }
        if (!"complete".equals(value(request, "depth")) || !"updatedAt".equals(value(request, "orderBy"))) {
            return badRequest("depth=complete and orderBy=updatedAt expected");
        }
        int count = Integer.parseInt(value(request, "count"));
        int page = Integer.parseInt(value(request, "page"));
        String search = value(request, "search");
        long bound = Long.MIN_VALUE;
        if (search != null) {
            Matcher m = SEARCH.matcher(search);
            if (!m.matches()) {
                return badRequest("unexpected search " + search);
            }
            bound = LocalDateTime.parse(m.group(1), DATE_TIME).toEpochSecond(ZoneOffset.UTC);
        }
        if (count < 1 || count > 1000 || page < 1) {
            return badRequest("count 1-1000 and page >= 1 expected");
        }
        long from = bound;
        List<Row> selected = rows.stream().filter(r -> r.updatedAt() >= from)
                .sorted(Comparator.comparingLong(Row::updatedAt)).toList();
        List<Row> slice = selected.stream().skip((long) (page - 1) * count).limit(count).toList();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode elements = body.putArray("elements");
        for (Row r : slice) {
            ObjectNode c = elements.addObject();
            c.put("type", "Contact").put("id", Long.toString(r.id())).put("createdAt", "1704067200")
                    .put("depth", "complete").put("name", "c" + r.id() + "@example.com")
                    .put("updatedAt", Long.toString(r.updatedAt())).put("emailAddress", "c" + r.id() + "@example.com");
            c.putArray("fieldValues").addObject().put("type", "FieldValue").put("id", "100201").put("value", "Lead");
        }
        body.put("page", page).put("pageSize", count).put("total", selected.size());
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body.toString()).build();
    }

    private synchronized void apply(Row change) {
        rows.removeIf(r -> r.id() == change.id());
        rows.add(change);
    }

    private static String value(Request request, String name) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter.isPresent() ? parameter.firstValue() : null;
    }

    private static ResponseDefinition badRequest(String detail) {
        ArrayNode body = JSON.createArrayNode();
        body.addObject().put("type", "EndpointParameterError").put("parameter", "search").put("value", detail);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(400).withBody(body.toString()).build();
    }
}
