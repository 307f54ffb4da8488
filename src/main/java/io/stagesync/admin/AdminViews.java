package io.stagesync.admin;

import io.stagesync.store.DeadLetter;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.XrefEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of stored things, one map per object with a fixed key order (README "Admin API"). */
final class AdminViews {
    private AdminViews() {
    }

    static Map<String, Object> entry(StageHistoryEntry e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.id());
        view.put("canonicalId", e.canonicalId());
        view.put("entityType", e.entityType());
        view.put("from", e.fromStage());
        view.put("to", e.toStage());
        view.put("outcome", e.outcome().name());
        view.put("policy", e.policy());
        view.put("sourceSystem", e.sourceSystem());
        view.put("path", e.path());
        view.put("rules", e.rules());
        view.put("reasons", e.reasons());
        view.put("occurredAt", e.occurredAt());
        return view;
    }

    static Map<String, Object> deadLetter(DeadLetter d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.id());
        view.put("status", d.status().name());
        view.put("system", d.system());
        view.put("objectType", d.objectType());
        view.put("externalId", d.externalId());
        view.put("error", d.error());
        view.put("attempts", d.attempts());
        view.put("createdAt", d.createdAt());
        view.put("updatedAt", d.updatedAt());
        view.put("payload", d.payload());
        view.put("resolution", d.resolution());
        return view;
    }

    static Map<String, Object> link(XrefEntry x) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("system", x.system());
        view.put("objectType", x.objectType());
        view.put("externalId", x.externalId());
        view.put("updatedAt", x.updatedAt());
        return view;
    }

    static Map<String, Object> error(int status, String message, String parameter) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", status);
        view.put("error", message);
        if (parameter != null) {
            view.put("parameter", parameter);
        }
        return view;
    }
}
