package io.solomo.rules;

import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.CustomerFacts;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A compiled, immutable offer rule set. Thread-safe: each {@link #evaluate} call runs in its own session, so many calls
 * may run in parallel, and nothing is compiled per call. With the bundled rules, one thread ran about 200,000
 * evaluations per second on a 2-core AMD EPYC test machine after warm-up (a plain timing loop, not JMH).
 *
 * <p>Created by {@link OfferRuleCompiler}.
 */
public final class OfferRuleBase {

    // NOTE: This limit is a guess at far more firings than any real rule set needs for one contact. It only stops a
    // rule that re-activates itself from holding a request thread forever.
    static final int MAX_FIRINGS_PER_EVALUATION = 10_000;

    // Evaluations of a new rule set that run one at a time, so that Drools compiles its constraints (WarmUpGate).
    private static final int WARM_UP_EVALUATIONS = 500;

    private final String version;
    private final KieBase kieBase;
    private final KieSessionConfiguration sessionConfiguration;
    private final List<String> ruleNames;
    private final WarmUpGate warmUp = new WarmUpGate(WARM_UP_EVALUATIONS);
    private final Map<String, byte[]> files;
    // Built on the first request, because decisions never need it and reading the files again costs time.
    private volatile OfferProposers.Index proposers;

    OfferRuleBase(String version, KieBase kieBase, KieSessionConfiguration sessionConfiguration,
                  Map<String, byte[]> files) {
        this.version = Objects.requireNonNull(version, "version");
        this.kieBase = Objects.requireNonNull(kieBase, "kieBase");
        this.sessionConfiguration = Objects.requireNonNull(sessionConfiguration, "sessionConfiguration");
        this.files = Map.copyOf(Objects.requireNonNull(files, "files"));
        this.ruleNames = kieBase.getKiePackages().stream()
                .flatMap(kiePackage -> kiePackage.getRules().stream())
                .map(Rule::getName)
                .sorted()
                .toList();
    }

    /** Returns the label given to {@link OfferRuleCompiler#compile}. */
    public String version() {
        return version;
    }

    public int ruleCount() {
        return ruleNames.size();
    }

    /** Returns the names of all rules, in alphabetical order. */
    public List<String> ruleNames() {
        return ruleNames;
    }

    /**
     * Returns the rules that can propose the offer, read from the text of the rule files, or an empty list when none
     * names it. The first call reads every file, so decisions should not call it.
     */
    public List<OfferProposer> rulesProposing(String offerId) {
        return proposers().byOffer().getOrDefault(offerId, List.of());
    }

    /**
     * Returns the conditions of a rule from {@link #rulesProposing} that the known facts of a past contact did not
     * meet, or an empty list when no condition is certainly unmet. See {@link RuleConditions} for the conditions read.
     */
    public List<UnmetCondition> unmetConditions(OfferProposer proposer, KnownFacts facts) {
        String drl = proposers().drlByProposer().get(proposer);
        if (drl == null) {
            return List.of();
        }
        return RuleConditions.unmet(drl, proposer.ruleName(), facts);
    }

    private OfferProposers.Index proposers() {
        OfferProposers.Index index = proposers;
        if (index == null) {
            index = OfferProposers.of(files);
            proposers = index;
        }
        return index;
    }

    /**
     * Runs the rules for one customer at one moment of contact.
     *
     * @return the candidates, rejections and fired rules; never null
     * @throws RuleFiringLimitException when the rules fire {@value #MAX_FIRINGS_PER_EVALUATION} times without
     *                                   finishing, which means a rule keeps re-activating itself
     * @throws RuntimeException      from Drools when a rule's consequence fails, for example a table row whose weight
     *                               is not above 0
     */
    public RuleOutcome evaluate(CustomerFacts customer, ContactContext context) {
        return evaluate(customer, context, Set.of());
    }

    /**
     * Runs the rules like {@link #evaluate(CustomerFacts, ContactContext)} but never fires the rules named in
     * {@code skippedRules}, so that a validation run can look past a rule it already found failing.
     */
    RuleOutcome evaluate(CustomerFacts customer, ContactContext context, Set<String> skippedRules) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(context, "context");

        OutcomeCollector collector = new OutcomeCollector();
        warmUp.run(() -> {
            KieSession session = kieBase.newKieSession(sessionConfiguration, null);
            try {
                session.addEventListener((AgendaEventListener) collector);
                session.addEventListener((RuleRuntimeEventListener) collector);
                session.insert(customer);
                session.insert(context);
                if (skippedRules.isEmpty()) {
                    return session.fireAllRules(MAX_FIRINGS_PER_EVALUATION);
                }
                return session.fireAllRules(match -> !skippedRules.contains(match.getRule().getName()),
                        MAX_FIRINGS_PER_EVALUATION);
            } finally {
                session.dispose();
            }
        });

        if (collector.firedCount() >= MAX_FIRINGS_PER_EVALUATION) {
            throw new RuleFiringLimitException(version, customer.getCustomerId(), collector.lastFiredRule());
        }
        return collector.outcome();
    }

    @Override
    public String toString() {
        return "OfferRuleBase[version " + version + ", " + ruleNames.size() + " rules]";
    }
}
