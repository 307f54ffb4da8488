package io.stagesync.app;

import io.stagesync.config.ConnectorSettings;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the configured systems' API usage is shown against: each connector's daily allowance
 * ({@code SystemSettings#dailyCallAllowance()}, e.g. {@code stagesync.NAME.daily-calls}), and which systems report
 * their own usage instead ({@code SystemConnector#reportsItsOwnUsage()}). Stateless.
 */
final class QuotaAllowances {
    private QuotaAllowances() {
    }

    /** The allowance per configured system that has one. */
    static Map<String, Long> from(ConnectorSettings connectors) {
        Map<String, Long> allowances = new LinkedHashMap<>();
        connectors.connectors().forEach((system, configured) ->
                configured.settings().dailyCallAllowance().ifPresent(calls -> allowances.put(system, calls)));
        return allowances;
    }

    /** The configured systems that report their own usage. */
    static Set<String> reporting(ConnectorSettings connectors) {
        Set<String> reporting = new LinkedHashSet<>();
        connectors.connectors().forEach((system, configured) -> {
            if (configured.connector().reportsItsOwnUsage()) {
                reporting.add(system);
            }
        });
        return reporting;
    }
}
