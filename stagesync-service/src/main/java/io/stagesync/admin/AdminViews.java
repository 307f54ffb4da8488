package io.stagesync.admin;

import io.stagesync.metrics.ApiQuota;
import io.stagesync.store.DeadLetter;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.XrefEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of stored things, one map per object with a fixed key order (docs/admin-api.md). */
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

    static final String QUOTA_NOT_RUNNING = "not measured: the system is not a configured connector of this process";
    static final String QUOTA_NOT_REPORTED = "no response from the system read yet: its usage comes with every response";
    static final String WINDOW_REPORTED = "the system's rolling 24 h (org-wide, all integrations)";
    static final String WINDOW_COUNTED = "rolling 24 h, calls this process sent since it started";

    /** The {@code apiQuota} of a connector ({@code null} quota: not measured). */
    static Map<String, Object> quota(ApiQuota q) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (q == null) {
            view.put("available", false);
            view.put("note", QUOTA_NOT_RUNNING);
            return view;
        }
        boolean reported = ApiQuota.REPORTED.equals(q.source());
        view.put("available", q.used() != null);
        view.put("note", q.used() == null ? QUOTA_NOT_REPORTED
                : q.allowed() == null ? "no daily allowance configured (stagesync." + q.system() + ".daily-calls)"
                : null);
        view.put("source", reported ? "Sforce-Limit-Info" : "counted");
        view.put("window", reported ? WINDOW_REPORTED : WINDOW_COUNTED);
        view.put("used", q.used());
        view.put("allowed", q.allowed());
        view.put("remaining", q.remaining());
        view.put("usedRatio", q.usedRatio());
        view.put("observedAt", q.observedAt());
        view.put("callsLast24h", q.callsLast24h());
        return view;
    }

    static Map<String, Object> link(XrefEntry x) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("system", x.system());
        view.put("objectType", x.objectType());
        view.put("externalId", x.externalId());
        view.put("updatedAt", x.updatedAt());
        view.put("deletedAt", x.deletedAt());
        view.put("mergedInto", x.mergedInto());
        return view;
    }

    static Map<String, Object> reconcile(Reconciliations.Run run) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", run.after().at());
        view.put("drifted", run.after().drifted());
        view.put("truncated", run.after().truncated());
        view.put("objects", run.after().objects().stream().map(o -> {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("system", o.system());
            object.put("object", o.object());
            object.put("field", o.field());
            object.put("checked", o.checked());
            object.put("drifted", o.drifted());
            object.put("pending", o.pending());
            object.put("held", o.held());
            object.put("deadLettered", o.deadLettered());
            object.put("notRead", o.notRead());
            object.put("shown", o.shown());
            object.put("canonical", o.canonical());
            object.put("error", o.error());
            return object;
        }).toList());
        view.put("drifts", run.after().drifts().stream().map(AdminViews::drift).toList());
        if (run.found() != run.after()) {
            view.put("repairs", run.repairs());
            view.put("driftedBeforeRepair", run.found().drifts().stream().map(AdminViews::drift).toList());
        }
        return view;
    }

    private static Map<String, Object> drift(io.stagesync.sync.ReconcileReport.Drift d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("canonicalId", d.canonicalId());
        view.put("entityType", d.entityType());
        view.put("system", d.system());
        view.put("object", d.object());
        view.put("externalId", d.externalId());
        view.put("field", d.field());
        view.put("valueThere", d.valueThere());
        view.put("stageThere", d.stageThere());
        view.put("canonicalStage", d.canonicalStage());
        view.put("expectedValue", d.expectedValue());
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
