package io.solomo.rules;

import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.CustomerFacts;
import io.solomo.rules.UnmetCondition.Requirement;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.mvel2.MVEL;
import org.mvel2.ParserConfiguration;
import org.mvel2.ParserContext;
import org.mvel2.integration.impl.MapVariableResolverFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the conditions of a rule that the known facts of a past contact did not meet. The rule's DRL is parsed with
 * the Drools parser, and each constraint of its top-level {@code ContactContext} and {@code CustomerFacts} patterns is
 * evaluated with MVEL on the known properties. A constraint is reported only when it reads one known property, and
 * MVEL evaluates it to false. It must also have one of the shapes that decision tables generate: a property equal to
 * one of several values, a boolean property, a comparison with a number, an hour range, or a list property that
 * contains one value or does not contain it ({@code segments contains "active-advocates"}). MVEL has no
 * {@code not contains}, so that shape is evaluated as {@code !(property contains value)}.
 *
 * <p>Everything else is left out: patterns under {@code not}, {@code or}, {@code exists} or {@code from}, constraints
 * that read a property not known or another fact's binding, and other Drools operators, such as {@code in} or
 * {@code memberOf}. Only the shapes above are evaluated, so no method or constructor that a rule
 * file names runs here.
 */
final class RuleConditions {

    private static final Logger log = LoggerFactory.getLogger(RuleConditions.class);

    private static final ClassLoader FACT_CLASS_LOADER = ContactContext.class.getClassLoader();
    private static final String VALUE = "\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|[A-Za-z_][\\w.]*";
    private static final String NUMBER = "-?\\d+(?:\\.\\d+)?";
    // One "property == value" term of an alternative, followed by "||" or the end of the constraint.
    private static final Pattern EQUALS_TERM = Pattern.compile("\\G\\s*(\\w+)\\s*==\\s*(" + VALUE
            + ")\\s*(\\|\\||$)");
    private static final Pattern BOOLEAN_PROPERTY = Pattern.compile("^\\s*(!)?\\s*(\\w+)\\s*$");
    private static final Pattern COMPARISON = Pattern.compile("^\\s*(\\w+)\\s*(>=|>|<=|<)\\s*(" + NUMBER + ")\\s*$");
    private static final Pattern FROM_BELOW = Pattern.compile(
            "^\\s*(\\w+)\\s*>=\\s*(" + NUMBER + ")\\s*&&\\s*(\\w+)\\s*<\\s*(" + NUMBER + ")\\s*$");
    private static final Pattern CONTAINS = Pattern.compile("^\\s*(\\w+)\\s+(not\\s+)?contains\\s+(" + VALUE
            + ")\\s*$");
    private static final Map<String, Requirement> COMPARISONS = Map.of(">=", Requirement.AT_LEAST,
            ">", Requirement.ABOVE, "<=", Requirement.AT_MOST, "<", Requirement.BELOW);

    private RuleConditions() {
    }

    /**
     * Returns the conditions of the named rule that the facts did not meet, in the order of the rule, or an empty
     * list when the DRL does not parse, has no such rule, or when no condition is certainly unmet.
     */
    static List<UnmetCondition> unmet(String drl, String ruleName, KnownFacts facts) {
        Optional<PackageDescr> parsed = parse(drl);
        if (parsed.isEmpty()) {
            return List.of();
        }
        PackageDescr drlPackage = parsed.get();
        Optional<RuleDescr> rule = drlPackage.getRules().stream()
                .filter(candidate -> ruleName.equals(candidate.getName()))
                .findFirst();
        if (rule.isEmpty()) {
            return List.of();
        }
        ParserConfiguration imports = importsOf(drlPackage);
        List<UnmetCondition> unmet = new ArrayList<>();
        for (BaseDescr element : rule.get().getLhs().getDescrs()) {
            if (element instanceof PatternDescr pattern && pattern.getSource() == null) {
                String fact = factOf(pattern.getObjectType(), drlPackage);
                Map<String, Object> known = knownProperties(fact, facts);
                for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                    if (constraint instanceof ExprConstraintDescr expression) {
                        unmetCondition(fact, expression.getExpression(), known, imports).ifPresent(unmet::add);
                    }
                }
            }
        }
        return unmet;
    }

    private static Optional<PackageDescr> parse(String drl) {
        DrlParser parser = new DrlParser();
        try {
            PackageDescr drlPackage = parser.parse(false, drl);
            if (parser.hasErrors() || drlPackage == null) {
                // The rule set compiled, so this DRL parsed when it was activated. Its conditions are left out.
                log.warn("Could not parse DRL to find unmet conditions: {}", parser.getErrors());
                return Optional.empty();
            }
            return Optional.of(drlPackage);
        } catch (DroolsParserException failure) {
            log.warn("Could not parse DRL to find unmet conditions", failure);
            return Optional.empty();
        }
    }

    /** Returns the simple name of the fact class a pattern matches, or null for a class other than the two facts. */
    private static String factOf(String objectType, PackageDescr drlPackage) {
        for (Class<?> factClass : List.of(ContactContext.class, CustomerFacts.class)) {
            boolean imported = drlPackage.getImports().stream()
                    .map(ImportDescr::getTarget)
                    .anyMatch(target -> target.equals(factClass.getName())
                            || target.equals(factClass.getPackageName() + ".*"));
            if (objectType.equals(factClass.getName())
                    || objectType.equals(factClass.getSimpleName()) && imported) {
                return factClass.getSimpleName();
            }
        }
        return null;
    }

    private static Map<String, Object> knownProperties(String fact, KnownFacts facts) {
        if (ContactContext.class.getSimpleName().equals(fact)) {
            return facts.contact();
        }
        if (CustomerFacts.class.getSimpleName().equals(fact)) {
            return facts.customer();
        }
        return Map.of();
    }

    private static ParserConfiguration importsOf(PackageDescr drlPackage) {
        ParserConfiguration configuration = new ParserConfiguration();
        configuration.setClassLoader(FACT_CLASS_LOADER);
        for (ImportDescr drlImport : drlPackage.getImports()) {
            String target = drlImport.getTarget();
            if (target.endsWith(".*")) {
                configuration.addPackageImport(target.substring(0, target.length() - 2));
                continue;
            }
            try {
                Class<?> imported = Class.forName(target, false, FACT_CLASS_LOADER);
                configuration.addImport(imported.getSimpleName(), imported);
            } catch (ClassNotFoundException | LinkageError notAClass) {
                // A function or a class of the rule set's own declarations: constraints naming it are left out.
            }
        }
        return configuration;
    }

    /** Returns the constraint as an unmet condition when it has a known shape and evaluates to false. */
    private static Optional<UnmetCondition> unmetCondition(String fact, String constraint, Map<String, Object> known,
                                                           ParserConfiguration imports) {
        Optional<Shape> shape = shapeOf(constraint, imports);
        if (shape.isEmpty() || !known.containsKey(shape.get().property())) {
            return Optional.empty();
        }
        Shape found = shape.get();
        if (!Boolean.FALSE.equals(evaluate(found.test(), known, imports))) {
            return Optional.empty();
        }
        return Optional.of(new UnmetCondition(fact, found.property(), found.requirement(), found.values(),
                known.get(found.property())));
    }

    /** Returns the constraint's property, comparison and values, or empty when the constraint has no known shape. */
    private static Optional<Shape> shapeOf(String constraint, ParserConfiguration imports) {
        Matcher booleanProperty = BOOLEAN_PROPERTY.matcher(constraint);
        if (booleanProperty.matches()) {
            return Optional.of(new Shape(booleanProperty.group(2), Requirement.ONE_OF,
                    List.of(booleanProperty.group(1) == null), constraint));
        }
        Matcher comparison = COMPARISON.matcher(constraint);
        if (comparison.matches()) {
            return valuesOf(List.of(comparison.group(3)), imports).map(values -> new Shape(comparison.group(1),
                    COMPARISONS.get(comparison.group(2)), values, constraint));
        }
        Matcher contains = CONTAINS.matcher(constraint);
        if (contains.matches()) {
            String property = contains.group(1);
            String value = contains.group(3);
            boolean negated = contains.group(2) != null;
            String test = negated ? "!(" + property + " contains " + value + ")" : constraint;
            return valuesOf(List.of(value), imports).map(values -> new Shape(property,
                    negated ? Requirement.EXCLUDES : Requirement.CONTAINS, values, test));
        }
        Matcher range = FROM_BELOW.matcher(constraint);
        if (range.matches()) {
            if (!range.group(1).equals(range.group(3))) {
                return Optional.empty();
            }
            return valuesOf(List.of(range.group(2), range.group(4)), imports)
                    .map(values -> new Shape(range.group(1), Requirement.FROM_BELOW, values, constraint));
        }
        return alternativeOf(constraint, imports);
    }

    /** Returns the shape of "p == a || p == b || ...", all on the same property. */
    private static Optional<Shape> alternativeOf(String constraint, ParserConfiguration imports) {
        Matcher term = EQUALS_TERM.matcher(constraint);
        String property = null;
        List<String> literals = new ArrayList<>();
        int end = 0;
        while (end < constraint.length() && term.find()) {
            if (property != null && !property.equals(term.group(1))) {
                return Optional.empty();
            }
            property = term.group(1);
            literals.add(term.group(2));
            end = term.end();
            if (term.group(3).isEmpty()) {
                break;
            }
        }
        if (property == null || end != constraint.length()) {
            return Optional.empty();
        }
        String onlyProperty = property;
        return valuesOf(literals, imports).map(values -> new Shape(onlyProperty, Requirement.ONE_OF, values,
                constraint));
    }

    /** Evaluates each literal with MVEL and no variables, so that a name other than a constant is left out. */
    private static Optional<List<Object>> valuesOf(List<String> literals, ParserConfiguration imports) {
        List<Object> values = new ArrayList<>();
        for (String literal : literals) {
            Object value = evaluate(literal, Map.of(), imports);
            if (value == null) {
                return Optional.empty();
            }
            values.add(value);
        }
        return Optional.of(values);
    }

    /** Returns the value of the expression, or null when MVEL cannot compile or evaluate it. */
    private static Object evaluate(String expression, Map<String, Object> variables, ParserConfiguration imports) {
        try {
            Serializable compiled = MVEL.compileExpression(expression, new ParserContext(imports));
            return MVEL.executeExpression(compiled, new MapVariableResolverFactory(new HashMap<>(variables)));
        } catch (RuntimeException unresolved) {
            // MVEL raises for a name it cannot resolve, such as a property that is not known, so the condition is left
            // out.
            return null;
        }
    }

    /**
     * A constraint with a known shape.
     *
     * @param test the MVEL expression that is true when the constraint is met: the constraint itself, or its
     *             rewrite into MVEL for {@code not contains}
     */
    private record Shape(String property, Requirement requirement, List<Object> values, String test) {
    }
}
