package io.stagesync.stage;

import io.stagesync.config.StageModelLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The stage model shipped in {@code config/}, and a record that satisfies all of its rules. */
public final class ShippedModel {
    private static final StageModel MODEL = new StageModelLoader().load(Path.of("config"));

    private ShippedModel() {
    }

    public static StageModel model() {
        return MODEL;
    }

    /** A fictitious person who meets every handoff rule of the shipped model. */
    public static Map<String, Object> qualifyingRecord() {
        Map<String, Object> record = new HashMap<>();
        record.put("email", "ada@example.com");
        record.put("company", "Example Analytics Ltd");
        record.put("owner", "queue-inside-sales-emea");
        record.put("score", 82);
        record.put("grade", "A");
        record.put("budget", true);
        record.put("authority", true);
        record.put("need", true);
        record.put("timeline", true);
        record.put("amount", 24000.0);
        record.put("closeDate", "2026-12-15");
        record.put("lossReason", "chose a competitor");
        record.put("erpCustomerId", "1042");
        record.put("emailOptOut", false);
        return record;
    }
}
