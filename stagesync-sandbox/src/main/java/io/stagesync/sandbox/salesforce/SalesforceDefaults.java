package io.stagesync.sandbox.salesforce;

import java.util.Map;

/**
 * What a Salesforce org fills in by itself: defaults of a new record (a Lead starts {@code Open - Not Contacted},
 * opt-outs and checkboxes such as the BANT ones false) and fields derived on every save ({@code Name} of a Lead or Contact from first and last name,
 * {@code IsClosed}/{@code IsWon} of an Opportunity from its stage). Stateless.
 */
final class SalesforceDefaults {
    static final String LEAD_DEFAULT_STATUS = "Open - Not Contacted";
    static final String LEAD_CONVERTED_STATUS = "Closed - Converted";
    static final String CLOSED_WON = "Closed Won";
    static final String CLOSED_LOST = "Closed Lost";

    private static final Map<String, Map<String, Object>> DEFAULTS = Map.of(
            "Lead", Map.of("Status", LEAD_DEFAULT_STATUS, "HasOptedOutOfEmail", false, "DoNotCall", false,
                    "IsConverted", false, "Budget_Confirmed__c", false, "Authority_Confirmed__c", false,
                    "Need_Confirmed__c", false, "Timeline_Confirmed__c", false),
            "Contact", Map.of("HasOptedOutOfEmail", false, "DoNotCall", false, "Budget_Confirmed__c", false,
                    "Authority_Confirmed__c", false, "Need_Confirmed__c", false, "Timeline_Confirmed__c", false),
            "Campaign", Map.of("IsActive", false));

    private SalesforceDefaults() {
    }

    /** The default of a field of a new record, or null. */
    static Object defaultOf(String type, String field) {
        return DEFAULTS.getOrDefault(type, Map.of()).get(field);
    }

    /** Puts the defaults of a new record of the type into it. */
    static void onCreate(String type, Map<String, Object> record) {
        record.putAll(DEFAULTS.getOrDefault(type, Map.of()));
    }

    /** Recomputes the derived fields after a change. */
    static void derive(String type, Map<String, Object> record) {
        switch (type) {
            case "Lead", "Contact" -> {
                Object first = record.get("FirstName");
                Object last = record.get("LastName");
                String name = ((first == null ? "" : first + " ") + (last == null ? "" : last)).trim();
                record.put("Name", name.isEmpty() ? null : name);
            }
            case "Opportunity" -> {
                Object stage = record.get("StageName");
                record.put("IsClosed", CLOSED_WON.equals(stage) || CLOSED_LOST.equals(stage));
                record.put("IsWon", CLOSED_WON.equals(stage));
            }
            default -> {
                // nothing derived
            }
        }
    }
}
