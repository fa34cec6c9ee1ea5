package io.solomo.rules;

import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A rule set compiled by {@link RuleSetCompiler}, with any fact classes. Thread-safe: each {@link #run} uses its own
 * session.
 *
 * @param ruleNames the names of all rules, in alphabetical order; never empty
 */
public record CompiledRuleSet(String version, KieBase kieBase, List<String> ruleNames) {

    public CompiledRuleSet {
        ruleNames = List.copyOf(ruleNames);
    }

    /**
     * Inserts the facts, sets the globals and fires the rules at most {@code maxFirings} times.
     *
     * @return the names of the rules that fired, in order, and every fact left in the session
     */
    public Run run(Collection<?> facts, Map<String, Object> globals, int maxFirings) {
        List<String> fired = new ArrayList<>();
        KieSession session = kieBase.newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getName());
                }
            });
            globals.forEach(session::setGlobal);
            facts.forEach(session::insert);
            session.fireAllRules(maxFirings);
            return new Run(fired, List.copyOf(session.getObjects()));
        } finally {
            session.dispose();
        }
    }

    /** What one {@link #run} did. */
    public record Run(List<String> firedRules, List<Object> facts) {
    }
}
