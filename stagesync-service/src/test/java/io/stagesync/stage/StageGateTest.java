package io.stagesync.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.model.EntityType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The gate applied to the shipped stage model: every transition, jumps, recycling, refusals. */
class StageGateTest {
    private final StageModel model = ShippedModel.model();
    private final StageGate gate = new StageGate(model);

    /** For each rule of the shipped model, a change to the qualifying record that makes it fail. */
    private static final Map<String, Consumer<Map<String, Object>>> BREAKERS = Map.ofEntries(
            Map.entry("mql-score", r -> r.put("score", 20)),
            Map.entry("mql-reachable", r -> r.put("emailOptOut", true)),
            Map.entry("sal-score-and-company", r -> r.put("company", "")),
            Map.entry("sal-owner", r -> r.remove("owner")),
            Map.entry("sql-bant", r -> {
                r.put("need", false);
                r.put("timeline", false);
            }),
            Map.entry("disqualified-reason", r -> r.put("lossReason", "")),
            Map.entry("opportunity-budget", r -> r.put("budget", false)),
            Map.entry("opportunity-timeline", r -> r.put("timeline", false)),
            Map.entry("won-amount", r -> r.put("amount", 0)),
            Map.entry("won-close-date", r -> r.remove("closeDate")),
            Map.entry("lost-reason", r -> r.remove("lossReason")),
            Map.entry("customer-in-erp", r -> r.put("erpCustomerId", "")),
            Map.entry("nurture-consent", r -> r.put("emailOptOut", true)),
            Map.entry("requalify-score", r -> r.put("score", 55)),
            Map.entry("requalify-reachable", r -> r.remove("email")));

    private RecordValues record(Consumer<Map<String, Object>> change) {
        Map<String, Object> raw = new HashMap<>(ShippedModel.qualifyingRecord());
        change.accept(raw);
        return RecordValues.of(model, raw);
    }

    private RecordValues qualifying() {
        return record(r -> { });
    }

    @Test
    void everyRuleOfTheShippedModelHasAFailingRecordInThisTest() {
        List<String> ruleIds = model.transitions().stream().flatMap(t -> t.rules().stream()).map(HandoffRule::id)
                .distinct().toList();
        assertThat(BREAKERS.keySet()).containsExactlyInAnyOrderElementsOf(ruleIds);
    }

    @TestFactory
    Stream<DynamicTest> everyDefaultTransitionIsAcceptedWithAQualifyingRecord() {
        return model.transitions().stream().map(t -> DynamicTest.dynamicTest(t.label(), () -> {
            GateDecision decision = gate.decide(EntityType.PERSON, qualifying(), t.from(), t.to());
            assertThat(decision.verdict()).isEqualTo(GateDecision.Verdict.ACCEPTED);
            assertThat(decision.path()).containsExactly(t.from(), t.to());
            assertThat(decision.rules()).extracting(RuleOutcome::ruleId)
                    .containsExactlyElementsOf(t.rules().stream().map(HandoffRule::id).toList());
            assertThat(decision.rules()).allMatch(RuleOutcome::held);
            assertThat(decision.policy()).isNull();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleRefusesItsTransitionWhenItFails() {
        return model.transitions().stream().flatMap(t -> t.rules().stream().map(rule ->
                DynamicTest.dynamicTest(t.label() + " " + rule.id(), () -> {
                    GateDecision decision = gate.decide(EntityType.PERSON, record(BREAKERS.get(rule.id())),
                            t.from(), t.to());
                    assertThat(decision.verdict()).isEqualTo(GateDecision.Verdict.VIOLATED);
                    assertThat(decision.failedRules()).extracting(RuleOutcome::ruleId).containsExactly(rule.id());
                    assertThat(decision.policy()).isEqualTo(t.policy());
                    assertThat(decision.reasons()).anySatisfy(line -> assertThat(line).contains(rule.id()));
                })));
    }

    @Test
    void leadToMqlRefusalNamesTheConditionAndTheValues() {
        GateDecision decision = gate.decide(EntityType.PERSON, record(r -> r.put("score", 20)), "LEAD", "MQL");

        assertThat(decision.verdict()).isEqualTo(GateDecision.Verdict.VIOLATED);
        assertThat(decision.policy()).isEqualTo(ViolationPolicy.HOLD);
        RuleOutcome failed = decision.failedRules().get(0);
        assertThat(failed.expression()).isEqualTo("score >= 50");
        assertThat(failed.values()).containsEntry("score", 20L);
        assertThat(failed.explain()).isEqualTo("LEAD->MQL rule mql-score failed: score >= 50 with score=20");
    }

    @Test
    void aMissingFieldFailsTheRuleAndSaysWhichFieldHasNoValue() {
        GateDecision decision = gate.decide(EntityType.PERSON, record(r -> r.remove("owner")), "MQL", "SAL");

        RuleOutcome failed = decision.failedRules().get(0);
        assertThat(failed.ruleId()).isEqualTo("sal-owner");
        assertThat(failed.detail()).isEqualTo("no value for owner");
        assertThat(failed.explain()).contains("owner=(none)");
    }

    @Test
    void aJumpOverSeveralStagesIsAcceptedWhenEveryStepHolds() {
        GateDecision decision = gate.decide(EntityType.PERSON, qualifying(), "LEAD", "OPPORTUNITY");

        assertThat(decision.verdict()).isEqualTo(GateDecision.Verdict.ACCEPTED);
        assertThat(decision.path()).containsExactly("LEAD", "MQL", "SAL", "SQL", "OPPORTUNITY");
        assertThat(decision.rules()).extracting(RuleOutcome::ruleId).containsExactly("mql-score", "mql-reachable",
                "sal-score-and-company", "sal-owner", "sql-bant", "opportunity-budget", "opportunity-timeline");
    }

    @Test
    void aJumpIsRefusedWhenOneIntermediateStepFails() {
        GateDecision decision = gate.decide(EntityType.PERSON, record(r -> {
            r.put("need", false);
            r.put("authority", false);
        }), "MQL", "WON");

        assertThat(decision.verdict()).isEqualTo(GateDecision.Verdict.VIOLATED);
        assertThat(decision.path()).containsExactly("MQL", "SAL", "SQL", "OPPORTUNITY", "WON");
        assertThat(decision.failedRules()).extracting(RuleOutcome::transition, RuleOutcome::ruleId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SAL->SQL", "sql-bant"));
    }

    @Test
    void recyclingGoesThroughNurtureAndBackToMqlOnlyWhenRequalified() {
        assertThat(gate.decide(EntityType.PERSON, qualifying(), "LOST", "NURTURE").accepted()).isTrue();
        assertThat(gate.decide(EntityType.PERSON, qualifying(), "CHURNED", "NURTURE").accepted()).isTrue();
        assertThat(gate.decide(EntityType.PERSON, qualifying(), "DISQUALIFIED", "NURTURE").accepted()).isTrue();

        GateDecision lostToMql = gate.decide(EntityType.PERSON, qualifying(), "LOST", "MQL");
        assertThat(lostToMql.verdict()).isEqualTo(GateDecision.Verdict.ACCEPTED);
        assertThat(lostToMql.path()).containsExactly("LOST", "NURTURE", "MQL");

        GateDecision notRequalified = gate.decide(EntityType.PERSON, record(r -> r.put("score", 55)), "NURTURE", "MQL");
        assertThat(notRequalified.verdict()).isEqualTo(GateDecision.Verdict.VIOLATED);
        assertThat(notRequalified.failedRules()).extracting(RuleOutcome::ruleId).containsExactly("requalify-score");
    }

    @Test
    void aMoveWithNoChainOfTransitionsIsNotAllowedUnderTheDefaultPolicy() {
        GateDecision backwards = gate.decide(EntityType.PERSON, qualifying(), "CUSTOMER", "LEAD");

        assertThat(backwards.verdict()).isEqualTo(GateDecision.Verdict.NOT_ALLOWED);
        assertThat(backwards.policy()).isEqualTo(model.defaultPolicy());
        assertThat(backwards.path()).isEmpty();
        assertThat(backwards.reasons().get(0)).contains("no chain of allowed transitions leads from CUSTOMER to LEAD")
                .contains("allowed from CUSTOMER: CHURNED");
    }

    @Test
    void aDealMovesOnlyThroughDealStages() {
        assertThat(gate.decide(EntityType.DEAL, qualifying(), "OPPORTUNITY", "WON").accepted()).isTrue();
        assertThat(gate.decide(EntityType.DEAL, qualifying(), "WON", "LOST").verdict())
                .isEqualTo(GateDecision.Verdict.NOT_ALLOWED);
        assertThatThrownBy(() -> gate.decide(EntityType.DEAL, qualifying(), "LEAD", "MQL"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage LEAD does not apply to a deal");
    }

    @Test
    void anUnknownStageIsRejectedWithTheKnownStages() {
        assertThatThrownBy(() -> gate.decide(EntityType.PERSON, qualifying(), "LEAD", "MQLL"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown proposed stage 'MQLL'")
                .hasMessageContaining("LEAD, MQL, SAL");
    }

    @Test
    void stayingInTheSameStageIsNoMove() {
        GateDecision decision = gate.decide(EntityType.PERSON, record(r -> r.clear()), "SQL", "SQL");
        assertThat(decision.accepted()).isTrue();
        assertThat(decision.path()).containsExactly("SQL");
    }

    @Test
    void aFlagPolicyTransitionReportsFlagWhenItsRuleFails() {
        GateDecision decision = gate.decide(EntityType.DEAL, record(r -> r.remove("lossReason")), "OPPORTUNITY", "LOST");
        assertThat(decision.verdict()).isEqualTo(GateDecision.Verdict.VIOLATED);
        assertThat(decision.policy()).isEqualTo(ViolationPolicy.FLAG);
    }
}
