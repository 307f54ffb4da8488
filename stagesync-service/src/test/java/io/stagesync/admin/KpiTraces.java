package io.stagesync.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Reads a {@code GET /api/kpis/{kpi}/entries} answer the way {@link io.stagesync.testing.KpiRecomputation} lists records. */
public final class KpiTraces {
    private KpiTraces() {
    }

    /** "canonicalId role [entry ids]" of each record the trace lists, sorted. */
    public static TreeSet<String> records(JsonNode trace) {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode r : trace.get("records")) {
            List<Long> ids = new ArrayList<>();
            r.get("entryIds").forEach(id -> ids.add(id.asLong()));
            out.add(r.get("canonicalId").asText() + " " + r.get("role").asText() + " " + ids);
        }
        return out;
    }
}
