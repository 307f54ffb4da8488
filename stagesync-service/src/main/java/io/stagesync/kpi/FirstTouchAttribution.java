package io.stagesync.kpi;

import io.stagesync.store.StageHistoryEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which deals were won in a period, and the first-touch campaign each is attributed to, so
 * {@link CampaignRoiCalculator} can weigh them against campaign costs.
 *
 * <p><b>Won in the period</b>: the deal's first step into the won stage (the model's {@code kpis.won} role; by the
 * {@link Journey} rules: accepted moves, and refused ones under the {@code flag} policy; a jump through it counts)
 * lies in [from, to) and not after now. A deal that was won earlier and again in the period counts in the earlier
 * period only. A model without a won stage has no won deals.
 *
 * <p><b>Attribution</b>: a deal → its account ({@code accountId}) → the people of that account who carry a
 * {@code firstTouchCampaign} → the one stagesync saw first (earliest stage-history entry not after now;
 * people without history after those with; ties by canonical id) → that person's campaign. A deal with no
 * account, or whose account has no such person, is unattributed. Deterministic for the same inputs.
 *
 * <p>The amount is the deal's current {@code amount}; a won deal without one counts with 0. Stateless,
 * thread-safe.
 */
public final class FirstTouchAttribution {
    static final String DEAL = "deal";

    private final String wonStage;

    /** @param wonStage nullable: the stage a won deal is at ({@code StageModel.kpis().won()}); null = none */
    public FirstTouchAttribution(String wonStage) {
        this.wonStage = wonStage;
    }

    /**
     * A deal as the canonical store holds it.
     *
     * @param accountId nullable: the canonical id of its account
     * @param amount    nullable: the deal amount
     */
    public record DealFacts(String canonicalId, String accountId, BigDecimal amount) {
        public DealFacts {
            Objects.requireNonNull(canonicalId, "canonicalId");
        }
    }

    /**
     * A person as the canonical store holds it.
     *
     * @param accountId          nullable: the canonical id of the person's account
     * @param firstTouchCampaign nullable: the campaign of the person's first touch (the MA system's campaign id)
     */
    public record PersonFacts(String canonicalId, String accountId, String firstTouchCampaign) {
        public PersonFacts {
            Objects.requireNonNull(canonicalId, "canonicalId");
        }
    }

    /**
     * The deals won in the period with their amounts and attributed campaigns, ordered by the time they were won,
     * then id.
     *
     * @param history the stage history (any order; entries of every entity type may be mixed in)
     * @param deals   the deals' facts; a won deal missing here counts with amount 0 and no account
     * @param people  the people's facts
     */
    public List<WonDeal> wonDeals(List<StageHistoryEntry> history, KpiPeriod period, Instant now,
                                  List<DealFacts> deals, List<PersonFacts> people) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(now, "now");
        Map<String, List<StageHistoryEntry>> byRecord = new LinkedHashMap<>();
        Map<String, Instant> firstSeen = new HashMap<>();
        history.stream().filter(e -> !e.occurredAt().isAfter(now))
                .sorted(Comparator.comparing(StageHistoryEntry::occurredAt).thenComparingLong(StageHistoryEntry::id))
                .forEach(e -> {
                    firstSeen.putIfAbsent(e.canonicalId(), e.occurredAt());
                    if (DEAL.equals(e.entityType())) {
                        byRecord.computeIfAbsent(e.canonicalId(), k -> new ArrayList<>()).add(e);
                    }
                });
        Map<String, DealFacts> dealsById = new HashMap<>();
        deals.forEach(d -> dealsById.put(d.canonicalId(), d));
        Map<String, List<PersonFacts>> byAccount = new HashMap<>();
        for (PersonFacts person : people) {
            if (person.accountId() != null && person.firstTouchCampaign() != null
                    && !person.firstTouchCampaign().isBlank()) {
                byAccount.computeIfAbsent(person.accountId(), k -> new ArrayList<>()).add(person);
            }
        }
        Comparator<PersonFacts> firstTouched = Comparator
                .comparing((PersonFacts p) -> firstSeen.get(p.canonicalId()), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(PersonFacts::canonicalId);
        List<Won> won = new ArrayList<>();
        byRecord.forEach((id, entries) -> Journey.of(id, entries).moves().stream()
                .filter(m -> m.to().equals(wonStage)).findFirst()
                .filter(m -> period.contains(m.at()))
                .ifPresent(m -> won.add(new Won(id, m.at()))));
        won.sort(Comparator.comparing(Won::at).thenComparing(Won::id));
        List<WonDeal> out = new ArrayList<>();
        for (Won w : won) {
            DealFacts facts = dealsById.getOrDefault(w.id(), new DealFacts(w.id(), null, null));
            String campaign = facts.accountId() == null ? null
                    : byAccount.getOrDefault(facts.accountId(), List.of()).stream().min(firstTouched)
                            .map(PersonFacts::firstTouchCampaign).orElse(null);
            BigDecimal amount = facts.amount() == null || facts.amount().signum() < 0 ? BigDecimal.ZERO : facts.amount();
            out.add(new WonDeal(w.id(), amount, campaign));
        }
        return out;
    }

    private record Won(String id, Instant at) {
    }
}
