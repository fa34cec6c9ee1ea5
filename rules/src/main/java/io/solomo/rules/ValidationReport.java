package io.solomo.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link RuleSetValidator} found in one version of a rule set.
 *
 * @param errors       findings that make the version invalid, including one per failed scenario
 * @param warnings     findings worth a look that do not block the version
 * @param scenarios    every scenario run, passed or not; empty when the rules did not compile
 * @param generatedDrl the DRL that Drools generates from each decision table, by file path
 * @param ruleCount    the number of rules compiled, or 0 when the rules did not compile
 * @param offerIdCells the cell that gives the offer id of each rule of a decision table, by rule name
 */
public record ValidationReport(String version, List<Finding> errors, List<Finding> warnings,
                               List<ScenarioResult> scenarios, Map<String, String> generatedDrl, int ruleCount,
                               OfferRuleBase offerRules, Map<String, CellPlace> offerIdCells) {

    public ValidationReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        scenarios = List.copyOf(scenarios);
        generatedDrl = Map.copyOf(generatedDrl);
        offerIdCells = Map.copyOf(offerIdCells);
    }

    /** True when there is no error: the rules compiled and every scenario passed. */
    public boolean valid() {
        return errors.isEmpty();
    }

    /** Returns the compiled offer rules of a valid offers rule set, ready to activate. */
    public Optional<OfferRuleBase> activatableRules() {
        return valid() ? Optional.ofNullable(offerRules) : Optional.empty();
    }

    public long scenariosPassed() {
        return scenarios.stream().filter(ScenarioResult::passed).count();
    }

    public long scenariosFailed() {
        return scenarios.size() - scenariosPassed();
    }
}
