package io.stagesync.stage;

import io.stagesync.model.EntityType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the funnel and team KPIs read of the stage model: the funnel's main line, the stages that play a role in
 * it, the canonical deal fields holding amount and close date, and which deals are renewals. Declared in
 * {@code stage-model.yaml}, section {@code kpis}; whatever is not declared is derived from the model by
 * {@link #resolve} (docs/kpis.md).
 *
 * <p>Derivation (for each role not declared):
 * <ul>
 *   <li>Funnel order: teams in config order, and within a team its stages in config order. A transition that
 *   goes against that order is a <em>backward</em> move.</li>
 *   <li>{@code recycle}: the stage entered by backward moves from the most distinct stages (ties: the first in
 *   config order); none when no move goes backward. The stages with a move into it are the <em>exits</em>.</li>
 *   <li>{@code mainLine}: every stage in funnel order except the recycling stage and the exits.</li>
 *   <li>{@code lead}: the first stage of the main line; {@code mql}: the last main-line stage of the lead's team;
 *   {@code sal}: the main-line stage after {@code mql}.</li>
 *   <li>{@code opportunity}: after {@code sal}, the first main-line stage that applies to deals and belongs to
 *   neither the lead's nor the SAL stage's team (else the first after {@code sal} that applies to deals);
 *   {@code won}: the next main-line stage that applies to deals; {@code customer}: the main-line stage after
 *   {@code won}.</li>
 *   <li>{@code lost}: the first stage off the main line that applies to deals and is entered from
 *   {@code opportunity}; {@code churned}: the first stage off the main line entered from {@code customer}.</li>
 *   <li>{@code dealAmountField}: {@code amount} when declared as a number; {@code dealCloseDateField}:
 *   {@code closeDate} when declared as a timestamp; {@code renewal}: none.</li>
 * </ul>
 * For The Model as shipped this gives the main line LEAD, MQL, SAL, SQL, OPPORTUNITY, WON, CUSTOMER with
 * NURTURE recycling and LOST, CHURNED as the deal's and the customer's exits.
 *
 * @param mainLine           the funnel's main line in order, at least one stage unless the model has none;
 *                           unmodifiable
 * @param lead               nullable: where leads are created
 * @param mql                nullable: the marketing-qualified stage
 * @param sal                nullable: the stage a lead enters when sales accepts it
 * @param opportunity        nullable: where deals start
 * @param won                nullable: a won deal's stage
 * @param lost               nullable: a lost deal's stage
 * @param customer           nullable: a customer's stage
 * @param churned            nullable: a lost customer's stage
 * @param recycle            nullable: where records are recycled (entries are the recycled volume)
 * @param dealAmountField    nullable: the canonical field of a deal's amount
 * @param dealCloseDateField nullable: the canonical field of a deal's (expected) close date
 * @param renewal            nullable: which deals are renewals; none = the renewal rate is not measurable
 */
public record KpiModel(List<String> mainLine, String lead, String mql, String sal, String opportunity, String won,
                       String lost, String customer, String churned, String recycle, String dealAmountField,
                       String dealCloseDateField, RenewalDeclaration renewal) {

    /** The stage roles, by their {@code kpis} key in stage-model.yaml. */
    public enum Role {
        LEAD, MQL, SAL, OPPORTUNITY, WON, LOST, CUSTOMER, CHURNED, RECYCLE;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The roles that must lie on the main line, in the order they must have there. */
        public static List<Role> onMainLine() {
            return List.of(LEAD, MQL, SAL, OPPORTUNITY, WON, CUSTOMER);
        }
    }

    /**
     * Which deals are renewals: those whose canonical {@code field} holds one of {@code values} (compared exactly,
     * e.g. Salesforce Opportunity {@code Type} = "Existing Customer - Renewal" mapped to {@code dealType}).
     *
     * @param field  a declared {@code string} field
     * @param values non-empty; unmodifiable
     */
    public record RenewalDeclaration(String field, List<String> values) {
        public RenewalDeclaration {
            Objects.requireNonNull(field, "field");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a renewal declaration needs at least one value");
            }
        }

        /** Whether a deal whose field holds {@code value} (nullable) is a renewal. */
        public boolean matches(Object value) {
            return value != null && values.contains(value.toString());
        }
    }

    /**
     * What {@code stage-model.yaml} declares; every member is nullable (not declared: derived).
     *
     * @param roles the declared stage of each role; unmodifiable
     */
    public record Declared(List<String> mainLine, Map<Role, String> roles, String dealAmountField,
                           String dealCloseDateField, RenewalDeclaration renewal) {
        public Declared {
            mainLine = mainLine == null ? null : List.copyOf(mainLine);
            roles = roles.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(roles));
        }

        /** Nothing declared: everything derived. */
        public static Declared none() {
            return new Declared(null, Map.of(), null, null, null);
        }
    }

    public KpiModel {
        mainLine = List.copyOf(mainLine);
    }

    /** The stage playing {@code role}, if any. */
    public Optional<String> stage(Role role) {
        return Optional.ofNullable(switch (role) {
            case LEAD -> lead;
            case MQL -> mql;
            case SAL -> sal;
            case OPPORTUNITY -> opportunity;
            case WON -> won;
            case LOST -> lost;
            case CUSTOMER -> customer;
            case CHURNED -> churned;
            case RECYCLE -> recycle;
        });
    }

    /**
     * The main handoffs, in funnel order: each consecutive pair of the main line from {@code mql} on (the lead's
     * own qualification into MQL is marketing's, reported as the MQL count). With no {@code mql}, from the start.
     */
    public List<List<String>> handoffs() {
        int start = mql == null ? 0 : Math.max(0, mainLine.indexOf(mql));
        List<List<String>> pairs = new ArrayList<>();
        for (int i = start; i + 1 < mainLine.size(); i++) {
            pairs.add(List.of(mainLine.get(i), mainLine.get(i + 1)));
        }
        return List.copyOf(pairs);
    }

    /**
     * The KPI model: what is declared, the rest derived (see the class comment).
     *
     * @param declared what stage-model.yaml declares; its stage ids must exist (the loader checks)
     */
    public static KpiModel resolve(Declared declared, List<Team> teams, List<Stage> stages,
                                   List<Transition> transitions, List<FieldDeclaration> fields) {
        Map<String, Stage> byId = stages.stream().collect(Collectors.toMap(Stage::id, Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
        List<String> order = funnelOrder(teams, stages);
        Map<Role, String> roles = declared.roles();
        String recycle = roles.containsKey(Role.RECYCLE) ? roles.get(Role.RECYCLE) : recycling(order, transitions);
        List<String> mainLine = declared.mainLine() != null ? declared.mainLine()
                : mainLine(order, recycle, transitions);
        String lead = declaredOr(roles, Role.LEAD, () -> mainLine.isEmpty() ? null : mainLine.get(0));
        String mql = declaredOr(roles, Role.MQL, () -> lastOfTeam(mainLine, lead, byId));
        String sal = declaredOr(roles, Role.SAL, () -> after(mainLine, mql, s -> true, byId));
        String opportunity = declaredOr(roles, Role.OPPORTUNITY, () -> opportunity(mainLine, lead, sal, byId));
        String won = declaredOr(roles, Role.WON, () -> opportunity == null ? null
                : after(mainLine, opportunity, s -> s.appliesTo(EntityType.DEAL), byId));
        String customer = declaredOr(roles, Role.CUSTOMER, () -> won == null ? null
                : after(mainLine, won, s -> true, byId));
        String lost = declaredOr(roles, Role.LOST, () -> offLine(order, mainLine, opportunity, transitions,
                s -> s.appliesTo(EntityType.DEAL), byId));
        String churned = declaredOr(roles, Role.CHURNED, () -> offLine(order, mainLine, customer, transitions,
                s -> true, byId));
        String amount = declared.dealAmountField() != null ? declared.dealAmountField()
                : fieldIf(fields, "amount", Set.of(FieldType.DOUBLE, FieldType.INT));
        String closeDate = declared.dealCloseDateField() != null ? declared.dealCloseDateField()
                : fieldIf(fields, "closeDate", Set.of(FieldType.TIMESTAMP));
        return new KpiModel(mainLine, lead, mql, sal, opportunity, won, lost, customer, churned, recycle, amount,
                closeDate, declared.renewal());
    }

    /** Stage ids by team (config order), then by their own config order. */
    private static List<String> funnelOrder(List<Team> teams, List<Stage> stages) {
        Map<String, Integer> teamIndex = new HashMap<>();
        for (int i = 0; i < teams.size(); i++) {
            teamIndex.put(teams.get(i).id(), i);
        }
        List<Stage> sorted = new ArrayList<>(stages);
        sorted.sort(Comparator.comparingInt(s -> teamIndex.getOrDefault(s.teamId(), Integer.MAX_VALUE)));
        return sorted.stream().map(Stage::id).toList();
    }

    private static String recycling(List<String> order, List<Transition> transitions) {
        Map<String, Set<String>> backwardSources = new HashMap<>();
        for (Transition t : transitions) {
            int from = order.indexOf(t.from());
            int to = order.indexOf(t.to());
            if (from >= 0 && to >= 0 && to < from) {
                backwardSources.computeIfAbsent(t.to(), k -> new LinkedHashSet<>()).add(t.from());
            }
        }
        String best = null;
        for (String stage : order) {
            int sources = backwardSources.getOrDefault(stage, Set.of()).size();
            if (sources > 0 && (best == null || sources > backwardSources.get(best).size())) {
                best = stage;
            }
        }
        return best;
    }

    private static List<String> mainLine(List<String> order, String recycle, List<Transition> transitions) {
        Set<String> exits = new LinkedHashSet<>();
        if (recycle != null) {
            transitions.stream().filter(t -> t.to().equals(recycle)).forEach(t -> exits.add(t.from()));
        }
        return order.stream().filter(s -> !s.equals(recycle) && !exits.contains(s)).toList();
    }

    private static String declaredOr(Map<Role, String> roles, Role role, java.util.function.Supplier<String> derived) {
        return roles.containsKey(role) ? roles.get(role) : derived.get();
    }

    private static String lastOfTeam(List<String> mainLine, String first, Map<String, Stage> byId) {
        int at = first == null ? -1 : mainLine.indexOf(first);
        if (at < 0) {
            return null;
        }
        String team = byId.get(first).teamId();
        String last = first;
        for (int i = at + 1; i < mainLine.size() && byId.get(mainLine.get(i)).teamId().equals(team); i++) {
            last = mainLine.get(i);
        }
        return last;
    }

    /** After sal, the first deal stage of a team other than the lead's and sal's; else the first deal stage after sal. */
    private static String opportunity(List<String> mainLine, String lead, String sal, Map<String, Stage> byId) {
        Set<String> salesTeams = new java.util.HashSet<>();
        for (String stage : java.util.Arrays.asList(lead, sal)) {
            if (stage != null && byId.containsKey(stage)) {
                salesTeams.add(byId.get(stage).teamId());
            }
        }
        String ofNextTeam = after(mainLine, sal, s -> s.appliesTo(EntityType.DEAL) && !salesTeams.contains(s.teamId()),
                byId);
        return ofNextTeam != null ? ofNextTeam : after(mainLine, sal, s -> s.appliesTo(EntityType.DEAL), byId);
    }

    /** The first main-line stage after {@code after} (null: from the start) that passes {@code test}. */
    private static String after(List<String> mainLine, String after, java.util.function.Predicate<Stage> test,
                                Map<String, Stage> byId) {
        int start = after == null ? 0 : mainLine.indexOf(after) + 1;
        if (after != null && start == 0) {
            return null;
        }
        for (int i = start; i < mainLine.size(); i++) {
            Stage stage = byId.get(mainLine.get(i));
            if (stage != null && test.test(stage)) {
                return stage.id();
            }
        }
        return null;
    }

    /** The first stage (funnel order) off the main line, entered from {@code from}, that passes {@code test}. */
    private static String offLine(List<String> order, List<String> mainLine, String from, List<Transition> transitions,
                                  java.util.function.Predicate<Stage> test, Map<String, Stage> byId) {
        if (from == null) {
            return null;
        }
        for (String stage : order) {
            boolean entered = transitions.stream().anyMatch(t -> t.from().equals(from) && t.to().equals(stage));
            if (entered && !mainLine.contains(stage) && test.test(byId.get(stage))) {
                return stage;
            }
        }
        return null;
    }

    private static String fieldIf(List<FieldDeclaration> fields, String name, Set<FieldType> types) {
        return fields.stream().filter(f -> f.name().equals(name) && types.contains(f.type())).findFirst()
                .map(FieldDeclaration::name).orElse(null);
    }
}
