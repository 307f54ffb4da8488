package io.stagesync.config;

import io.stagesync.mapping.SyncMappings;
import io.stagesync.model.EntityType;
import io.stagesync.stage.KpiModel;
import io.stagesync.stage.StageModel;
import java.util.List;

/**
 * Checks that the deal field the renewal declaration reads ({@code kpis.renewal.field} of stage-model.yaml) is
 * carried by some system's deal object in {@code mappings/}: a renewal field no system maps would leave every deal
 * unmarked and the renewal rate silently empty. (With no deal object mapped at all there are no deals to mark.)
 * And that a handoff rule reading {@code erpCustomerId} has an order system to set it (a {@code sales-orders}
 * entry in the mappings): without one, the move it guards would be held for ever, silently.
 */
final class KpiMappingCheck {
    private KpiMappingCheck() {
    }

    /** @param file the stage model's file name, for the errors */
    static void check(StageModel model, SyncMappings mappings, String file, List<ConfigError> errors) {
        KpiModel.RenewalDeclaration renewal = model.kpis().renewal();
        boolean dealsMapped = mappings.objects().stream().anyMatch(o -> o.entity() == EntityType.DEAL);
        if (renewal != null && dealsMapped && !mapped(mappings, renewal.field())) {
            errors.add(new ConfigError(file, 0, KpisReader.SECTION + ".renewal.field", "'" + renewal.field()
                    + "' is mapped from no deal object in " + MappingsLoader.DIR + "/ (e.g. salesforce.yaml, "
                    + "Opportunity: Type: " + renewal.field() + "), so no deal could ever be a renewal"));
        }
        if (dealsMapped && mappings.salesOrders().isEmpty()) {
            for (io.stagesync.stage.Transition transition : model.transitions()) {
                for (io.stagesync.stage.HandoffRule rule : transition.rules()) {
                    if (rule.condition().fields().contains(ERP_CUSTOMER_ID)) {
                        errors.add(new ConfigError(file, 0, transition.label() + " rule " + rule.id(), "uses '"
                                + ERP_CUSTOMER_ID + "', which only an order system sets, and no file in "
                                + MappingsLoader.DIR + "/ declares 'sales-orders' (the shipped netsuite.yaml has "
                                + "'sales-orders: {object: salesOrder, customer: customer}'), so this move could "
                                + "never be accepted; see docs/mappings.md"));
                    }
                }
            }
        }
    }

    /** The derived canonical field holding the account's id in the order system (see StageDecider). */
    static final String ERP_CUSTOMER_ID = "erpCustomerId";

    private static boolean mapped(SyncMappings mappings, String canonicalField) {
        return mappings.objects().stream().filter(o -> o.entity() == EntityType.DEAL)
                .flatMap(o -> o.fields().stream()).anyMatch(f -> f.canonicalField().equals(canonicalField));
    }
}
