package io.stagesync.sync;

import static io.stagesync.store.StageHistoryEntry.Outcome.ACCEPTED;
import static io.stagesync.store.StageHistoryEntry.Outcome.REFUSED_NOT_ALLOWED;
import static io.stagesync.store.StageHistoryEntry.Outcome.REFUSED_VIOLATED;
import static io.stagesync.sync.StageStep.Action.APPLY;
import static io.stagesync.sync.StageStep.Action.HOLD;
import static io.stagesync.sync.StageStep.Action.REVERT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.config.StageModelLoader;
import io.stagesync.model.EntityType;
import io.stagesync.stage.InvalidRecordException;
import io.stagesync.stage.ShippedModel;
import io.stagesync.stage.StageModel;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StageHistoryEntry.Outcome;
import io.stagesync.store.memory.InMemoryStageHistoryStore;
import io.stagesync.store.memory.InMemoryXrefStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StageDecider} on the shipped stage model: every handoff of the model with its rules met and not met, jumps
 * over several stages, moves the model does not allow, the policies (hold, flag; revert on the shipped model with
 * its default policy changed), first placement, the entry stage for an empty stage field, the automatic moves
 * (the MQL handoff, recycling) and the derived {@code erpCustomerId}. Each decision's history entry is checked.
 */
class StageDeciderTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final EntityType PERSON = EntityType.PERSON;
    private static final EntityType ACCOUNT = EntityType.ACCOUNT;
    private static final EntityType DEAL = EntityType.DEAL;
    /** A field value meaning "remove the field from the record". */
    private static final Object ABSENT = new Object();
    private static final String NETSUITE_CUSTOMER = "netsuite-customer";

    private final InMemoryStageHistoryStore history = new InMemoryStageHistoryStore();
    private final InMemoryXrefStore xrefs = new InMemoryXrefStore();
    private final StageDecider decider = decider(ShippedConfig.model());

    private StageDecider decider(StageModel model) {
        return new StageDecider(model, history, xrefs, ShippedConfig.mappings().salesOrders(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * A record meeting every rule of the shipped model ({@link ShippedModel#qualifyingRecord()}) but for the changes
     * given as name, value pairs ({@link #ABSENT} removes the field), and without its own erpCustomerId (derived).
     */
    private static Map<String, Object> record(Object... changes) {
        Map<String, Object> fields = new HashMap<>(ShippedModel.qualifyingRecord());
        fields.remove("erpCustomerId");
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == ABSENT) {
                fields.remove((String) changes[i]);
            } else {
                fields.put((String) changes[i], changes[i + 1]);
            }
        }
        return fields;
    }

    /**
     * @param fields  the record's fields; {@link #NETSUITE_CUSTOMER} as first change links the record (and the
     *                account its accountId names) to NetSuite customer 4711, so erpCustomerId is derived
     * @param rule    a rule id the history entry names (held or failed), or null for none
     */
    private static Arguments move(String says, EntityType entity, String from, String to, Map<String, Object> fields,
                                  StageStep.Action action, String stage, Outcome outcome, String policy, String rule) {
        return Arguments.of(says, entity, from, to, fields, Map.of(), action, stage, outcome, policy, rule);
    }

    static Stream<Arguments> moves() {
        return Stream.of(
                // Marketing -> Inside Sales: the MQL gate
                move("a person with score 82, an email and no opt-out is accepted as MQL",
                        PERSON, "LEAD", "MQL", record(), APPLY, "MQL", ACCEPTED, null, "mql-score"),
                move("a person with score exactly 50 is accepted as MQL",
                        PERSON, "LEAD", "MQL", record("score", 50), APPLY, "MQL", ACCEPTED, null, "mql-reachable"),
                move("a person with score 49 is held at LEAD",
                        PERSON, "LEAD", "MQL", record("score", 49), HOLD, "LEAD", REFUSED_VIOLATED, "hold", "mql-score"),
                move("a person without a score is held at LEAD",
                        PERSON, "LEAD", "MQL", record("score", ABSENT), HOLD, "LEAD", REFUSED_VIOLATED, "hold",
                        "mql-score"),
                move("a person who opted out of email is held at LEAD",
                        PERSON, "LEAD", "MQL", record("emailOptOut", true), HOLD, "LEAD", REFUSED_VIOLATED, "hold",
                        "mql-reachable"),
                move("a person with an empty email is held at LEAD",
                        PERSON, "LEAD", "MQL", record("email", ""), HOLD, "LEAD", REFUSED_VIOLATED, "hold",
                        "mql-reachable"),
                move("Inside Sales accepts an MQL with score and company and an owner",
                        PERSON, "MQL", "SAL", record(), APPLY, "SAL", ACCEPTED, null, "sal-owner"),
                move("Inside Sales does not accept an MQL without a company",
                        PERSON, "MQL", "SAL", record("company", ""), HOLD, "MQL", REFUSED_VIOLATED, "hold",
                        "sal-score-and-company"),
                move("Inside Sales does not accept an MQL nobody owns",
                        PERSON, "MQL", "SAL", record("owner", ABSENT), HOLD, "MQL", REFUSED_VIOLATED, "hold", "sal-owner"),
                move("an account MQL is accepted by Inside Sales on the same rules",
                        ACCOUNT, "MQL", "SAL", record(), APPLY, "SAL", ACCEPTED, null, "sal-score-and-company"),
                // Inside Sales
                move("three of budget, authority, need and timeline make an SQL",
                        PERSON, "SAL", "SQL", record("need", false), APPLY, "SQL", ACCEPTED, null, "sql-bant"),
                move("two of budget, authority, need and timeline do not make an SQL",
                        PERSON, "SAL", "SQL", record("need", false, "authority", false), HOLD, "SAL", REFUSED_VIOLATED,
                        "hold", "sql-bant"),
                move("a disqualification with a reason is accepted",
                        PERSON, "SAL", "DISQUALIFIED", record(), APPLY, "DISQUALIFIED", ACCEPTED, null,
                        "disqualified-reason"),
                move("a disqualification without a reason is applied but flagged (policy flag)",
                        PERSON, "SQL", "DISQUALIFIED", record("lossReason", ABSENT), APPLY, "DISQUALIFIED",
                        REFUSED_VIOLATED, "flag", "disqualified-reason"),
                // Inside Sales -> Field Sales
                move("an SQL with budget and timeline confirmed goes to Field Sales",
                        PERSON, "SQL", "OPPORTUNITY", record(), APPLY, "OPPORTUNITY", ACCEPTED, null,
                        "opportunity-timeline"),
                move("an SQL without a confirmed budget stays with Inside Sales",
                        PERSON, "SQL", "OPPORTUNITY", record("budget", false), HOLD, "SQL", REFUSED_VIOLATED, "hold",
                        "opportunity-budget"),
                move("an SQL without a timeline stays with Inside Sales",
                        PERSON, "SQL", "OPPORTUNITY", record("timeline", ABSENT), HOLD, "SQL", REFUSED_VIOLATED, "hold",
                        "opportunity-timeline"),
                // jumps over several stages
                move("a jump from LEAD to SQL is accepted when every step's rules hold",
                        PERSON, "LEAD", "SQL", record(), APPLY, "SQL", ACCEPTED, null, "sql-bant"),
                move("a jump from LEAD to SQL is held when a later step's rule fails",
                        PERSON, "LEAD", "SQL", record("budget", false, "need", false), HOLD, "LEAD", REFUSED_VIOLATED,
                        "hold", "sql-bant"),
                move("a disqualified person re-qualifying as MQL goes through NURTURE",
                        PERSON, "DISQUALIFIED", "MQL", record(), APPLY, "MQL", ACCEPTED, null, "requalify-score"),
                // Field Sales: deals
                move("a deal with an amount and a close date is won",
                        DEAL, "OPPORTUNITY", "WON", record(), APPLY, "WON", ACCEPTED, null, "won-close-date"),
                move("a deal with amount 0 is not won",
                        DEAL, "OPPORTUNITY", "WON", record("amount", 0.0), HOLD, "OPPORTUNITY", REFUSED_VIOLATED, "hold",
                        "won-amount"),
                move("a deal without a close date is not won",
                        DEAL, "OPPORTUNITY", "WON", record("closeDate", ABSENT), HOLD, "OPPORTUNITY", REFUSED_VIOLATED,
                        "hold", "won-close-date"),
                move("a lost deal with a reason is accepted",
                        DEAL, "OPPORTUNITY", "LOST", record(), APPLY, "LOST", ACCEPTED, null, "lost-reason"),
                move("a lost deal without a reason is applied but flagged",
                        DEAL, "OPPORTUNITY", "LOST", record("lossReason", ""), APPLY, "LOST", REFUSED_VIOLATED, "flag",
                        "lost-reason"),
                move("a won deal cannot be reopened (no transition back): held by the default policy",
                        DEAL, "WON", "OPPORTUNITY", record(), HOLD, "WON", REFUSED_NOT_ALLOWED, "hold", null),
                move("a lost deal cannot become won",
                        DEAL, "LOST", "WON", record(), HOLD, "LOST", REFUSED_NOT_ALLOWED, "hold", null),
                // won -> customer
                move("a won account Finance has in NetSuite becomes a customer",
                        ACCOUNT, "WON", "CUSTOMER", record(NETSUITE_CUSTOMER, true), APPLY, "CUSTOMER", ACCEPTED, null,
                        "customer-in-erp"),
                move("a won account Finance does not have in NetSuite is held",
                        ACCOUNT, "WON", "CUSTOMER", record(), HOLD, "WON", REFUSED_VIOLATED, "hold", "customer-in-erp"),
                move("a won contact whose account Finance has becomes a customer",
                        PERSON, "WON", "CUSTOMER", record(NETSUITE_CUSTOMER, true, "accountId", "a-1"), APPLY, "CUSTOMER",
                        ACCEPTED, null, "customer-in-erp"),
                move("an account in OPPORTUNITY reaching CUSTOMER passes WON's rules on the way",
                        ACCOUNT, "OPPORTUNITY", "CUSTOMER", record(NETSUITE_CUSTOMER, true), APPLY, "CUSTOMER", ACCEPTED,
                        null, "won-amount"),
                move("an account in OPPORTUNITY without an amount does not reach CUSTOMER",
                        ACCOUNT, "OPPORTUNITY", "CUSTOMER", record(NETSUITE_CUSTOMER, true, "amount", ABSENT), HOLD,
                        "OPPORTUNITY", REFUSED_VIOLATED, "hold", "won-amount"),
                // churn and recycling
                move("a customer churns (no rules, policy flag)",
                        ACCOUNT, "CUSTOMER", "CHURNED", record(), APPLY, "CHURNED", ACCEPTED, null, null),
                move("a customer set back to won who may not be nurtured is held (the only chain runs through NURTURE)",
                        ACCOUNT, "CUSTOMER", "WON", record("emailOptOut", true), HOLD, "CUSTOMER", REFUSED_VIOLATED,
                        "hold", "nurture-consent"),
                move("a lost person reachable by email is recycled to NURTURE",
                        PERSON, "LOST", "NURTURE", record(), APPLY, "NURTURE", ACCEPTED, null, "nurture-consent"),
                move("a churned person who opted out is not recycled",
                        PERSON, "CHURNED", "NURTURE", record("emailOptOut", true), HOLD, "CHURNED", REFUSED_VIOLATED,
                        "hold", "nurture-consent"),
                move("a nurtured person with score 60 re-qualifies",
                        PERSON, "NURTURE", "MQL", record("score", 60), APPLY, "MQL", ACCEPTED, null, "requalify-score"),
                move("a nurtured person with score 59 does not re-qualify",
                        PERSON, "NURTURE", "MQL", record("score", 59), HOLD, "NURTURE", REFUSED_VIOLATED, "hold",
                        "requalify-score"),
                move("a move back from MQL to LEAD is not allowed",
                        PERSON, "MQL", "LEAD", record(), HOLD, "MQL", REFUSED_NOT_ALLOWED, "hold", null),
                // no move, first placement
                move("no proposed stage keeps the record where it is, unrecorded",
                        PERSON, "SAL", null, record(), APPLY, "SAL", null, null, null),
                move("proposing the current stage keeps it, unrecorded",
                        PERSON, "SAL", "SAL", record("score", 0), APPLY, "SAL", null, null, null),
                move("a record first seen is placed where its source shows it, without the gate",
                        PERSON, null, "SQL", record("score", 0, "budget", false), APPLY, "SQL", ACCEPTED, null, null),
                move("an account first seen as a customer is placed there",
                        ACCOUNT, null, "CUSTOMER", record(), APPLY, "CUSTOMER", ACCEPTED, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"moves", "movesWithExtraInput"})
    void decidesEveryHandoffOfTheShippedModel(String says, EntityType entity, String from, String to,
                                              Map<String, Object> fields, Map<String, Object> extra,
                                              StageStep.Action action, String stage, Outcome outcome, String policy,
                                              String rule) {
        Map<String, Object> input = new HashMap<>(fields);
        if (input.remove(NETSUITE_CUSTOMER) != null) {
            xrefs.link("c-1", "netsuite", "customer", "4711");
            xrefs.link("a-1", "netsuite", "customer", "4712");
        }

        StageStep step = decider.decide("c-1", entity, from, to, input, extra, "salesforce");

        assertThat(step.action()).as("action").isEqualTo(action);
        assertThat(step.stage()).as("stage afterwards").isEqualTo(stage);
        assertThat(step.moved()).as("moved").isEqualTo(!stage.equals(from));
        if (outcome == null) {
            assertThat(history.all()).as("nothing recorded").isEmpty();
            assertThat(step.decision()).isNull();
            return;
        }
        assertThat(history.all()).singleElement().satisfies(entry -> {
            assertThat(entry).returns("c-1", StageHistoryEntry::canonicalId)
                    .returns(entity.configName(), StageHistoryEntry::entityType)
                    .returns(from, StageHistoryEntry::fromStage).returns(to, StageHistoryEntry::toStage)
                    .returns(outcome, StageHistoryEntry::outcome).returns(policy, StageHistoryEntry::policy)
                    .returns("salesforce", StageHistoryEntry::sourceSystem).returns(NOW, StageHistoryEntry::occurredAt);
            if (rule != null) {
                assertThat(entry.rules()).as("rules recorded").contains(rule);
            }
            if (outcome == REFUSED_VIOLATED) {
                assertThat(entry.reasons()).as("reasons").isNotEmpty();
            }
            if (from == null) {
                assertThat(entry.reasons()).containsExactly("first seen in salesforce at " + to);
                assertThat(entry.path()).containsExactly(to);
            } else if (outcome != REFUSED_NOT_ALLOWED) {
                assertThat(entry.path()).as("path").startsWith(from).endsWith(to);
            }
        });
    }

    static Stream<Arguments> movesWithExtraInput() {
        Map<String, Object> wonDeal = Map.of("amount", 24000.0, "closeDate", "2026-12-15");
        Map<String, Object> account = record(NETSUITE_CUSTOMER, true, "amount", ABSENT, "closeDate", ABSENT);
        return Stream.of(
                Arguments.of("an account reaches CUSTOMER on its won deal's amount and close date given as extra input",
                        ACCOUNT, "OPPORTUNITY", "CUSTOMER", account, wonDeal, APPLY, "CUSTOMER", ACCEPTED, null,
                        "won-amount"),
                Arguments.of("extra input overrides the record's own field for the gate",
                        ACCOUNT, "OPPORTUNITY", "CUSTOMER", record(NETSUITE_CUSTOMER, true), Map.of("amount", 0.0), HOLD,
                        "OPPORTUNITY", REFUSED_VIOLATED, "hold", "won-amount"));
    }

    @Test
    void theFullPathOfAJumpIsRecorded() {
        decider.decide("c-1", PERSON, "LEAD", "SQL", record(), Map.of(), "pardot");

        assertThat(history.all()).singleElement().satisfies(e -> {
            assertThat(e.path()).containsExactly("LEAD", "MQL", "SAL", "SQL");
            assertThat(e.rules()).containsExactly("mql-score", "mql-reachable", "sal-score-and-company", "sal-owner",
                    "sql-bant");
        });
    }

    @Test
    void aCustomerSetBackToWonIsAcceptedTheLongWayRoundWhenEveryStepOfThatChainHolds() {
        StageStep step = decider.decide("a-1", ACCOUNT, "CUSTOMER", "WON", record(), Map.of(), "salesforce");

        assertThat(step.action()).isEqualTo(APPLY);
        assertThat(history.all()).singleElement().satisfies(e -> assertThat(e.path()).containsExactly("CUSTOMER",
                "CHURNED", "NURTURE", "MQL", "SAL", "SQL", "OPPORTUNITY", "WON"));
    }

    static Stream<Arguments> refusedInputs() {
        return Stream.of(
                Arguments.of("a deal cannot be proposed a person's stage", DEAL, "MQL", record(),
                        UntranslatableRecordException.class, "stage MQL does not apply to a deal"),
                Arguments.of("a deal cannot be proposed CUSTOMER", DEAL, "CUSTOMER", record(),
                        UntranslatableRecordException.class, "stage CUSTOMER does not apply to a deal"),
                Arguments.of("a stage the model does not know is refused", PERSON, "QUALIFIED", record(),
                        UntranslatableRecordException.class, "stage QUALIFIED does not apply to a person"),
                Arguments.of("a score of the wrong type is an invalid record, not a failed rule", PERSON, "MQL",
                        record("score", "high"), InvalidRecordException.class, "score"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedInputs")
    void refusesWhatTheModelCannotDecide(String says, EntityType entity, String to, Map<String, Object> fields,
                                         Class<? extends Exception> error, String message) {
        assertThatThrownBy(() -> decider.decide("c-1", entity, "LEAD", to, fields, Map.of(),
                "salesforce")).isInstanceOf(error).hasMessageContaining(message);
        assertThat(history.all()).isEmpty();
    }

    @Test
    void aRefusalUnderPolicyRevertKeepsTheCanonicalStageToWriteBack() throws Exception {
        String shipped = Files.readString(Path.of("config", StageModelLoader.FILE_NAME));
        assertThat(shipped).contains("  policy: hold\n");
        StageModel revert = new StageModelLoader().parse("stage-model.yaml",
                shipped.replace("  policy: hold\n", "  policy: revert\n"));

        StageStep step = decider(revert).decide("c-1", PERSON, "MQL", "SAL", record("owner", ""), Map.of(), "pardot");

        assertThat(step).returns(REVERT, StageStep::action).returns("MQL", StageStep::stage)
                .returns(false, StageStep::moved);
        assertThat(history.all()).singleElement().returns("revert", StageHistoryEntry::policy)
                .returns(REFUSED_VIOLATED, StageHistoryEntry::outcome);
    }

    static Stream<Arguments> automaticMoves() {
        return Stream.of(
                Arguments.of("a lead whose score qualifies moves to MQL by itself", PERSON, "LEAD", record(),
                        "MQL", List.of("LEAD>MQL")),
                Arguments.of("a lead with score 49 stays", PERSON, "LEAD", record("score", 49), "LEAD", List.of()),
                Arguments.of("a lead who opted out stays", PERSON, "LEAD", record("emailOptOut", true), "LEAD", List.of()),
                Arguments.of("an account lead is never moved automatically (auto: [person])", ACCOUNT, "LEAD", record(),
                        "LEAD", List.of()),
                Arguments.of("a lost person is recycled to NURTURE and, scoring 82, straight back to MQL", PERSON, "LOST",
                        record(), "MQL", List.of("LOST>NURTURE", "NURTURE>MQL")),
                Arguments.of("a lost person scoring 59 is recycled to NURTURE and stays there", PERSON, "LOST",
                        record("score", 59), "NURTURE", List.of("LOST>NURTURE")),
                Arguments.of("a disqualified person who opted out is not recycled", PERSON, "DISQUALIFIED",
                        record("emailOptOut", true), "DISQUALIFIED", List.of()),
                Arguments.of("a churned person without an email is not recycled", PERSON, "CHURNED",
                        record("email", ""), "CHURNED", List.of()),
                Arguments.of("an MQL has no automatic move on", PERSON, "MQL", record(), "MQL", List.of()),
                Arguments.of("a lost deal is not recycled (NURTURE is no deal stage)", DEAL, "LOST", record(), "LOST",
                        List.of()),
                Arguments.of("a record without a stage stays without", PERSON, null, record(), null, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("automaticMoves")
    void takesTheAutomaticMovesWhoseRulesHold(String says, EntityType entity, String stage, Map<String, Object> fields,
                                              String expected, List<String> moves) {
        assertThat(decider.autoAdvance("c-1", entity, stage, fields)).isEqualTo(expected);

        assertThat(history.all()).extracting(e -> e.fromStage() + ">" + e.toStage()).isEqualTo(moves);
        assertThat(history.all()).allSatisfy(e -> assertThat(e).returns(ACCEPTED, StageHistoryEntry::outcome)
                .returns(StageDecider.SELF, StageHistoryEntry::sourceSystem));
    }

    static Stream<Arguments> entryStages() {
        return Stream.of(
                Arguments.of("a person with an empty stage field starts at LEAD", PERSON, "LEAD"),
                Arguments.of("an account with an empty stage field starts at LEAD", ACCOUNT, "LEAD"),
                Arguments.of("a deal with an empty stage field starts at OPPORTUNITY", DEAL, "OPPORTUNITY"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryStages")
    void placesARecordWithAnEmptyStageFieldAtItsEntityEntryStage(String says, EntityType entity, String expected) {
        StageStep step = decider.placeAtEntryStage("c-1", entity, "pardot", "pardot prospect.Lifecycle_Stage__c");

        assertThat(step).returns(APPLY, StageStep::action).returns(expected, StageStep::stage)
                .returns(true, StageStep::moved);
        assertThat(history.all()).singleElement().satisfies(e -> {
            assertThat(e).returns(null, StageHistoryEntry::fromStage).returns(expected, StageHistoryEntry::toStage)
                    .returns(ACCEPTED, StageHistoryEntry::outcome).returns("pardot", StageHistoryEntry::sourceSystem);
            assertThat(e.reasons()).containsExactly("first seen in pardot with an empty stage field"
                    + " (pardot prospect.Lifecycle_Stage__c): placed at the entry stage " + expected);
        });
    }

    @Test
    void erpCustomerIdIsTheRecordsOwnNetSuiteCustomerElseItsAccountsAndNotDerivedWithoutAnOrderSystem() {
        xrefs.link("a-1", "netsuite", "customer", "4711");
        xrefs.link("p-1", "salesforce", "Contact", "003A");
        StageDecider withoutOrders = new StageDecider(ShippedConfig.model(), history, xrefs, Optional.empty(),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(decider.erpCustomerId("a-1", Map.of())).contains("4711");
        assertThat(decider.erpCustomerId("p-1", Map.of("accountId", "a-1"))).contains("4711");
        assertThat(decider.erpCustomerId("p-1", Map.of())).isEmpty();
        assertThat(decider.erpCustomerId("p-1", Map.of("accountId", "a-2"))).isEmpty();
        assertThat(withoutOrders.erpCustomerId("a-1", Map.of())).isEmpty();
        assertThat(withoutOrders.decide("a-1", ACCOUNT, "WON", "CUSTOMER", record(), Map.of(), "netsuite").action())
                .isEqualTo(HOLD);
    }

    @Test
    void aWonDealIsADealAtTheModelsWonStage() {
        assertThat(decider.isWonDeal(DEAL, "WON")).isTrue();
        assertThat(decider.isWonDeal(DEAL, "OPPORTUNITY")).isFalse();
        assertThat(decider.isWonDeal(ACCOUNT, "WON")).isFalse();
        assertThat(decider.isWonDeal(DEAL, null)).isFalse();
    }
}
