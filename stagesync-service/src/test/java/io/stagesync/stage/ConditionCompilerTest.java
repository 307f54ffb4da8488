package io.stagesync.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compiling and evaluating handoff conditions (CEL) against declared fields. */
class ConditionCompilerTest {
    private final ConditionCompiler compiler = new ConditionCompiler(List.of(
            new FieldDeclaration("score", FieldType.INT),
            new FieldDeclaration("company", FieldType.STRING),
            new FieldDeclaration("amount", FieldType.DOUBLE),
            new FieldDeclaration("need", FieldType.BOOL),
            new FieldDeclaration("closeDate", FieldType.TIMESTAMP)));

    private CompiledCondition compiled(String expression) {
        ConditionCompiler.Compilation compilation = compiler.compile(expression);
        assertThat(compilation.problems()).isEmpty();
        return compilation.condition();
    }

    @Test
    void aValidConditionKnowsTheFieldsItReads() {
        CompiledCondition condition = compiled("score >= 50 && company != \"\" && amount > 0");
        assertThat(condition.fields()).containsExactly("score", "company", "amount");
    }

    @Test
    void aSyntaxErrorIsReportedWithItsColumn() {
        ConditionCompiler.Compilation compilation = compiler.compile("score >=");
        assertThat(compilation.succeeded()).isFalse();
        assertThat(compilation.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ConditionProblem.Kind.SYNTAX);
            assertThat(p.message()).startsWith("column 9:");
        });
    }

    @Test
    void aTypeErrorNamesTheOperatorAndTheTypes() {
        ConditionCompiler.Compilation compilation = compiler.compile("score >= \"fifty\"");
        assertThat(compilation.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ConditionProblem.Kind.TYPE);
            assertThat(p.message()).contains("'_>=_' applied to '(int, string)'");
        });
    }

    @Test
    void aNonBooleanConditionIsATypeError() {
        assertThat(compiler.compile("score + 1").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("expected type 'bool' but found 'int'"));
    }

    @Test
    void anUndeclaredFieldIsNamed() {
        assertThat(compiler.compile("scor >= 50").problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ConditionProblem.Kind.UNDECLARED_FIELD);
            assertThat(p.message()).isEqualTo("column 1: field 'scor' is not declared under fields:");
        });
    }

    @Test
    void evaluatesWithTypedValuesIncludingIntAgainstDoubleAndTimestamps() {
        CompiledCondition condition = compiled("amount > 0 && closeDate > timestamp(\"2000-01-01T00:00:00Z\")");
        assertThat(condition.evaluate(Map.of("amount", 10.0, "closeDate", Instant.parse("2026-01-01T00:00:00Z"))).held())
                .isTrue();
        assertThat(condition.evaluate(Map.of("amount", 0.0, "closeDate", Instant.parse("2026-01-01T00:00:00Z"))).held())
                .isFalse();
    }

    @Test
    void aMissingValueFailsTheConditionAndIsNamed() {
        ConditionResult result = compiled("score >= 50 && company != \"\"").evaluate(Map.of("score", 70L));
        assertThat(result.held()).isFalse();
        assertThat(result.detail()).isEqualTo("no value for company");
        assertThat(result.values()).containsEntry("score", 70L).containsEntry("company", null);
    }

    @Test
    void aMissingValueDoesNotMatterWhenTheOtherSideOfAnOrDecides() {
        assertThat(compiled("score >= 50 || need").evaluate(Map.of("need", true)).held()).isTrue();
    }

    @Test
    void macrosAreAvailable() {
        CompiledCondition condition = compiled("[need, score > 10].filter(x, x).size() >= 2");
        assertThat(condition.evaluate(Map.of("need", true, "score", 11L)).held()).isTrue();
        assertThat(condition.evaluate(Map.of("need", false, "score", 11L)).held()).isFalse();
    }
}
