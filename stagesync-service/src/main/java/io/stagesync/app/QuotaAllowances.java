package io.stagesync.app;

import io.stagesync.config.AppSettings;
import io.stagesync.config.SettingKey;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The daily API allowances the counted systems are shown against ({@code stagesync.quota.*}): Pardot's from
 * {@code daily-calls}, else from its {@code edition}; Eloqua's and NetSuite's from {@code daily-calls} only.
 * Salesforce reports its own allocation. Stateless.
 */
final class QuotaAllowances {
    private QuotaAllowances() {
    }

    /** The allowance per system that has one configured (validated settings). */
    static Map<String, Long> from(AppSettings settings) {
        Map<String, Long> allowances = new LinkedHashMap<>();
        String pardot = settings.get(SettingKey.QUOTA_PARDOT_DAILY_CALLS).trim();
        String edition = settings.get(SettingKey.QUOTA_PARDOT_EDITION).trim().toLowerCase(Locale.ROOT);
        if (!pardot.isEmpty()) {
            allowances.put("pardot", Long.parseLong(pardot));
        } else if (!edition.isEmpty()) {
            allowances.put("pardot", SettingKey.PARDOT_EDITIONS.get(edition));
        }
        put(allowances, "eloqua", settings.get(SettingKey.QUOTA_ELOQUA_DAILY_CALLS));
        put(allowances, "netsuite", settings.get(SettingKey.QUOTA_NETSUITE_DAILY_CALLS));
        return allowances;
    }

    private static void put(Map<String, Long> allowances, String system, String value) {
        if (!value.isBlank()) {
            allowances.put(system, Long.parseLong(value.trim()));
        }
    }
}
