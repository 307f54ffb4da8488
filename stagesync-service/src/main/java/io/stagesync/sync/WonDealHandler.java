package io.stagesync.sync;

import io.stagesync.mapping.ObjectMapping;
import io.stagesync.mapping.SalesOrderTarget;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.model.EntityType;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.StateStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a deal reaching the won stage sets off: its account moves to the customer stage (through the gate, with
 * the deal's amount and close date as input, so the rules on the way, e.g. OPPORTUNITY→WON and WON→CUSTOMER,
 * decide), and when that move is accepted Finance gets one sales order for the customer in the order system.
 * Which stages these are is the stage model's ({@code kpis} roles {@code won}, {@code customer},
 * {@code opportunity}); where the order goes is the mappings' ({@code sales-orders}, {@link SalesOrderTarget}).
 *
 * <p>An account with no stage yet is taken to stand where its deal stood (the opportunity stage; the won stage
 * when the model has none). An account already at the customer stage (an upsell) stays there and still gets the
 * sales order. A model without a customer stage moves no account and creates no sales order. The sales
 * order is upserted by external id = the deal's canonical id, so replays never create a second one.
 */
final class WonDealHandler {
    private final StateStore store;
    private final SyncMappings mappings;
    private final StageDecider decider;
    private final WritePlanner planner;
    private final CanonicalValues values;
    private final Connectors connectors;
    private final SyncSettings settings;

    WonDealHandler(StateStore store, SyncMappings mappings, StageDecider decider, WritePlanner planner,
                   CanonicalValues values, Connectors connectors, SyncSettings settings) {
        this.store = store;
        this.mappings = mappings;
        this.decider = decider;
        this.planner = planner;
        this.values = values;
        this.connectors = connectors;
        this.settings = settings;
    }

    /**
     * @param held the page's locks: the deal and its account are held from here until the page's
     *             writes are remembered
     */
    void onWon(String dealId, String sourceSystem, String sourceId, List<PlannedWrite> writes, PageLocks held) {
        String accountId = hold(dealId, held);
        if (accountId == null) {
            return;
        }
        CanonicalRecord deal = store.records().find(dealId).orElseThrow();
        Optional<CanonicalRecord> found = store.records().find(accountId);
        if (found.isEmpty()) {
            return;
        }
        CanonicalRecord account = found.get();
        String customerStage = decider.roles().customer();
        if (customerStage == null) {
            return;
        }
        String from = account.stage() != null ? account.stage()
                : decider.roles().opportunity() != null ? decider.roles().opportunity() : decider.roles().won();
        Map<String, Object> dealInput = new LinkedHashMap<>();
        for (String field : List.of("amount", "closeDate")) {
            if (deal.fields().get(field) != null) {
                dealInput.put(field, deal.fields().get(field));
            }
        }
        StageStep step = decider.decide(account.id(), EntityType.ACCOUNT, from, customerStage, account.fields(),
                dealInput, sourceSystem);
        if (step.action() != StageStep.Action.APPLY) {
            return;
        }
        CanonicalRecord saved = store.records().save(account.with(step.stage(), account.fields()));
        for (ObjectMapping target : mappings.objects()) {
            if (target.entity() == EntityType.ACCOUNT) {
                planner.plan(target, saved, sourceSystem, sourceId).ifPresent(writes::add);
            }
        }
        salesOrder(deal, saved).ifPresent(writes::add);
    }

    /**
     * Makes the page hold the deal's and its account's locks (call it before a unit of work that calls
     * {@link #onWon}: waiting for a record lock inside one could deadlock with the store's row locks).
     *
     * @return the deal's account, or null when it has none
     */
    String hold(String dealId, PageLocks held) {
        String accountId = accountOf(dealId);
        while (accountId != null) {
            held.hold(List.of(dealId, accountId));
            String now = accountOf(dealId);
            if (accountId.equals(now)) {
                break;
            }
            accountId = now; // re-pointed while the page let its locks go to wait in order
        }
        return accountId;
    }

    private String accountOf(String dealId) {
        Object accountId = store.records().find(dealId).orElseThrow().fields().get("accountId");
        return accountId == null ? null : accountId.toString();
    }

    /**
     * The sales order of a won deal for its account: empty when no order system is configured or connected, or
     * the deal has one.
     */
    Optional<PlannedWrite> salesOrder(CanonicalRecord deal, CanonicalRecord account) {
        Optional<SalesOrderTarget> orders = mappings.salesOrders();
        if (orders.isEmpty() || connectors.get(orders.get().system()).isEmpty()
                || store.xrefs().find(deal.id(), orders.get().system(), orders.get().object()).isPresent()) {
            return Optional.empty();
        }
        Optional<String> customer = decider.erpCustomerId(account.id(), account.fields());
        String problem = null;
        if (customer.isEmpty()) {
            problem = "the account has no " + orders.get().system() + " " + orders.get().customerObject()
                    + ", so no sales order can be created";
        } else if (settings.salesOrderItemId() == null) {
            problem = "set stagesync.sync.sales-order-item-id (the " + orders.get().system()
                    + " item for sales orders of won deals)";
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("item", Map.of("id", String.valueOf(settings.salesOrderItemId())));
        line.put("quantity", 1);
        line.put("amount", values.write("amount", deal.fields().get("amount")));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("entity", Map.of("id", customer.orElse("")));
        if (deal.fields().get("closeDate") != null) {
            fields.put("tranDate", values.write("closeDate", deal.fields().get("closeDate")));
        }
        fields.put("memo", "stagesync: won deal " + deal.fields().getOrDefault("name", deal.id()));
        fields.put("item", Map.of("items", List.of(line)));
        return Optional.of(new PlannedWrite(target(orders.get()), deal.id(), "externalId", deal.id(), fields, Map.of(),
                null, problem));
    }

    /** The write target of a sales order: its record type in the order system, mapping no fields. */
    static ObjectMapping target(SalesOrderTarget orders) {
        return new ObjectMapping(orders.system(), orders.object(), EntityType.DEAL, List.of(), Map.of());
    }
}
