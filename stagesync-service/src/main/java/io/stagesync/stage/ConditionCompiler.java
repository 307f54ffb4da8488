package io.stagesync.stage;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles handoff conditions (CEL expressions) against the declared canonical fields.
 *
 * <p>Each declared field is a top-level CEL variable of its declared type; an expression must
 * be boolean. Standard macros ({@code has}, {@code all}, {@code exists}, {@code filter}, …) are
 * on, and an int may be compared with a double. Build one compiler per model; it is immutable
 * and thread-safe.
 */
public final class ConditionCompiler {
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'");

    private final Cel cel;
    private final Set<String> declared;

    /** @param fields the declared fields; names must be unique (the loader checks that first) */
    public ConditionCompiler(List<FieldDeclaration> fields) {
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setOptions(CelOptions.current()
                        .enableHeterogeneousNumericComparisons(true)
                        .evaluateCanonicalTypesToNativeValues(true)
                        .build())
                .setResultType(SimpleType.BOOL);
        Set<String> names = new LinkedHashSet<>();
        for (FieldDeclaration field : fields) {
            builder.addVar(field.name(), field.type().celType());
            names.add(field.name());
        }
        this.cel = builder.build();
        this.declared = Set.copyOf(names);
    }

    /**
     * Parses and type-checks one expression.
     *
     * @param expression the CEL source, non-null
     * @return the compiled condition, or every problem found (never both, never neither)
     */
    public Compilation compile(String expression) {
        CelValidationResult parsed = cel.parse(expression);
        if (parsed.hasError()) {
            return Compilation.failed(describe(ConditionProblem.Kind.SYNTAX, parsed.getErrors()));
        }
        try {
            CelValidationResult checked = cel.check(parsed.getAst());
            if (checked.hasError()) {
                return Compilation.failed(describe(ConditionProblem.Kind.TYPE, checked.getErrors()));
            }
            CelAbstractSyntaxTree ast = checked.getAst();
            return Compilation.ok(new CompiledCondition(expression, cel.createProgram(ast), fieldsUsed(ast)));
        } catch (CelValidationException e) {
            return Compilation.failed(describe(ConditionProblem.Kind.TYPE, e.getErrors()));
        } catch (dev.cel.runtime.CelEvaluationException | RuntimeException e) {
            return Compilation.failed(List.of(new ConditionProblem(ConditionProblem.Kind.TYPE, e.getMessage())));
        }
    }

    private List<String> fieldsUsed(CelAbstractSyntaxTree ast) {
        Map<Long, String> byPosition = new TreeMap<>();
        ast.getReferenceMap().forEach((id, ref) -> {
            if (declared.contains(ref.name())) {
                byPosition.put(id, ref.name());
            }
        });
        return List.copyOf(new LinkedHashSet<>(byPosition.values()));
    }

    private static List<ConditionProblem> describe(ConditionProblem.Kind kind, List<CelIssue> issues) {
        List<ConditionProblem> problems = new ArrayList<>();
        for (CelIssue issue : issues) {
            String where = "column " + (issue.getSourceLocation().getColumn() + 1) + ": ";
            Matcher undeclared = UNDECLARED.matcher(issue.getMessage());
            if (undeclared.find()) {
                problems.add(new ConditionProblem(ConditionProblem.Kind.UNDECLARED_FIELD,
                        where + "field '" + undeclared.group(1) + "' is not declared under fields:"));
            } else {
                problems.add(new ConditionProblem(kind, where + issue.getMessage()));
            }
        }
        return problems;
    }

    /** Either a compiled condition or the problems that prevented it. */
    public record Compilation(CompiledCondition condition, List<ConditionProblem> problems) {
        public Compilation {
            problems = List.copyOf(problems);
        }

        static Compilation ok(CompiledCondition condition) {
            return new Compilation(condition, List.of());
        }

        static Compilation failed(List<ConditionProblem> problems) {
            return new Compilation(null, problems);
        }

        /** Whether the expression compiled. */
        public boolean succeeded() {
            return condition != null;
        }
    }
}
