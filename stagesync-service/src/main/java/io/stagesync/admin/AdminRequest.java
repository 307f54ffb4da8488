package io.stagesync.admin;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * What the admin API reads of an HTTP request, taken from the Vert.x request itself when the exchange
 * came from platform-http: platform-http also copies query parameters into message headers, so a header
 * read from the message could have been sent as {@code ?Authorization=…}; the raw request cannot.
 *
 * @param method        e.g. {@code GET}
 * @param path          the decoded path, e.g. {@code /api/records/7f3c/history}
 * @param rawQuery      nullable: the query string without {@code ?}, still percent-encoded
 * @param authorization nullable: the {@code Authorization} header
 */
record AdminRequest(String method, String path, String rawQuery, String authorization) {

    static AdminRequest of(Exchange exchange) {
        if (exchange.getIn() instanceof HttpMessage http && http.getRequest() != null) {
            var request = http.getRequest();
            return new AdminRequest(request.method().name(), request.path(), request.query(),
                    request.getHeader("Authorization"));
        }
        // not from platform-http (direct calls in tests): only Camel's own headers, never copied parameters
        var in = exchange.getIn();
        return new AdminRequest(in.getHeader(Exchange.HTTP_METHOD, "GET", String.class),
                in.getHeader(Exchange.HTTP_PATH, "", String.class), in.getHeader(Exchange.HTTP_RAW_QUERY, String.class),
                null);
    }

    /** The path's segments, empty ones dropped: {@code /api/records/x/history} → [api, records, x, history]. */
    List<String> segments() {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
                .map(s -> java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8))
                .toList();
    }
}
