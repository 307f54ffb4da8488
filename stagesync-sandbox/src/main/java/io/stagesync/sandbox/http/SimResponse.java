package io.stagesync.sandbox.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a simulator answers: status, headers and a text body (JSON unless a header says otherwise). */
public record SimResponse(int status, Map<String, String> headers, String body) {

    /** 200 with a JSON body. */
    public static SimResponse json(String body) {
        return json(200, body);
    }

    /** The status with a JSON body. */
    public static SimResponse json(int status, String body) {
        return new SimResponse(status, Map.of("Content-Type", "application/json;charset=UTF-8"), body);
    }

    /** The status with no body (e.g. 204). */
    public static SimResponse empty(int status) {
        return new SimResponse(status, Map.of(), "");
    }

    /** This response with one more header. */
    public SimResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimResponse(status, Map.copyOf(more), body);
    }
}
