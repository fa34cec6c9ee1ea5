package io.solomo.rules;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.ContactContext.Trigger;
import io.solomo.model.offer.CustomerFacts;
import io.solomo.model.offer.ProfileFacts;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.runtime.rule.ConsequenceException;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs compiled offer rules over a grid of sample contacts to find the rules that compile but throw when they fire,
 * such as a consequence that dereferences a null field for some customers, an {@code OfferCandidate} with a weight of
 * 0, or rules that keep re-activating each other. Once active, such a rule fails every decision it matches.
 *
 * <p>The grid crosses every loyalty tier, day of the week and {@link #HOURS hour} at the first
 * {@value #FULLY_CROSSED_PLACES} places: away from stores, then the stores given, in order. Each later place gets one
 * contact per day, with the tier and hour rotating. Channel, language, consent, profile, trigger, opening state and
 * regular status rotate from one contact to the next. The run stops after {@value #MAX_CONTACTS} contacts, so that
 * a table naming a hundred chains adds a few hundred milliseconds to its validation.
 *
 * <p>NOTE: the grid is a sample. A rule that fails only for a profile value, hour or store outside it still passes.
 */
final class RuleSmokeRun {

    /** Hours of the local day tried at each place: night, morning, late morning, afternoon, evening and late night. */
    static final int[] HOURS = {2, 8, 11, 14, 18, 22};
    static final int FULLY_CROSSED_PLACES = 4;
    static final int MAX_CONTACTS = 1_500;
    // The failing rules reported; each one found is skipped in the contacts that follow, so others can surface.
    static final int MAX_FAILURES = 10;

    private static final String SAMPLE_STORE_ID = "sample-store";
    private static final ProfileFacts SAMPLE_HISTORY = new ProfileFacts(12, 5, 3, 250.0, SAMPLE_STORE_ID,
            SAMPLE_STORE_ID, List.of("flowers", "coffee"), 8.5, 80);

    private final OfferRuleBase rules;
    private final Map<String, Location> ruleLocations;
    private final Set<String> skippedRules = new HashSet<>();
    private final List<Finding> errors = new ArrayList<>();
    private int contacts;

    private RuleSmokeRun(OfferRuleBase rules, Map<String, Location> ruleLocations) {
        this.rules = rules;
        this.ruleLocations = ruleLocations;
    }

    /**
     * Runs the rules at each place and returns one error per failing rule, placed at the rule's name cell or line.
     *
     * @param places        the stores to visit, in order; duplicates are visited once
     * @param ruleLocations the place of each named rule, by rule name, for the findings
     */
    static List<Finding> run(OfferRuleBase rules, List<StorePlace> places, Map<String, Location> ruleLocations) {
        RuleSmokeRun run = new RuleSmokeRun(rules, ruleLocations);
        List<StorePlace> visited = new ArrayList<>();
        visited.add(null);
        visited.addAll(new LinkedHashSet<>(places));
        for (int index = 0; index < visited.size() && run.mayContinue(); index++) {
            run.visit(visited.get(index), index < FULLY_CROSSED_PLACES);
        }
        return run.errors;
    }

    private boolean mayContinue() {
        return contacts < MAX_CONTACTS && errors.size() < MAX_FAILURES;
    }

    private void visit(StorePlace place, boolean crossed) {
        LoyaltyTier[] tiers = LoyaltyTier.values();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (!crossed) {
                if (mayContinue()) {
                    tryContact(place, tiers[contacts % tiers.length], day, HOURS[contacts % HOURS.length]);
                }
                continue;
            }
            for (int hour : HOURS) {
                for (LoyaltyTier tier : tiers) {
                    if (!mayContinue()) {
                        return;
                    }
                    tryContact(place, tier, day, hour);
                }
            }
        }
    }

    private void tryContact(StorePlace place, LoyaltyTier tier, DayOfWeek day, int hour) {
        // The counter of contacts that share tier-independent settings, so every tier meets each variant.
        int variant = contacts / LoyaltyTier.values().length;
        contacts++;
        Channel channel = Channel.values()[variant % Channel.values().length];
        Language language = Language.values()[variant % Language.values().length];
        boolean consented = (variant / 2) % 2 == 0;
        boolean withHistory = (variant / 4) % 2 == 0;
        CustomerFacts customer = new CustomerFacts("rule-validation", tier, language, List.of(channel),
                consented ? Set.of(channel) : Set.of(), withHistory ? SAMPLE_HISTORY : ProfileFacts.NONE);
        ContactContext context;
        if (place == null) {
            context = new ContactContext(channel, Trigger.API, null, null, day, hour);
        } else {
            Trigger trigger = Trigger.values()[variant % Trigger.values().length];
            Boolean openNow = variant % 3 == 0 ? null : variant % 3 == 1;
            context = new ContactContext(channel, trigger, place.storeId(), place.chain(), day, hour, openNow,
                    (variant / 3) % 2 == 0);
        }

        try {
            rules.evaluate(customer, context, skippedRules);
        } catch (RuleFiringLimitException loop) {
            String ruleName = loop.ruleName();
            skippedRules.add(ruleName);
            errors.add(locationOf(ruleName, null).error(FindingText.of("run.firing-limit",
                    OfferRuleBase.MAX_FIRINGS_PER_EVALUATION, describe(customer, context, place), ruleName)));
        } catch (RuntimeException failure) {
            ConsequenceException inRule = consequenceFailure(failure);
            if (inRule == null) {
                // No rule to skip, so every later contact would likely fail the same way.
                errors.add(new Location(null, null, null).error(FindingText.of("run.failed",
                        describe(customer, context, place), exceptionText(failure))));
                contacts = MAX_CONTACTS;
                return;
            }
            Rule rule = inRule.getRule();
            skippedRules.add(rule.getName());
            Throwable cause = inRule.getCause() != null ? inRule.getCause() : inRule;
            errors.add(locationOf(rule.getName(), rule).error(FindingText.of("run.rule-failed", rule.getName(),
                    describe(customer, context, place), exceptionText(cause))));
        }
    }

    private Location locationOf(String ruleName, Rule rule) {
        Location named = ruleLocations.get(ruleName);
        if (named != null) {
            return named;
        }
        // NOTE: Drools' public Rule interface does not name the source file, so this reads the engine's RuleImpl.
        if (rule instanceof RuleImpl ruleImpl) {
            Resource resource = ruleImpl.getResource();
            if (resource != null && resource.getSourcePath() != null) {
                return new Location(resource.getSourcePath().replaceFirst("^src/main/resources/", ""), null, null);
            }
        }
        return new Location(null, null, null);
    }

    private static ConsequenceException consequenceFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConsequenceException consequence) {
                return consequence;
            }
        }
        return null;
    }

    private static String exceptionText(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message.lines().findFirst().orElse("");
    }

    private static FindingText describe(CustomerFacts customer, ContactContext context, StorePlace place) {
        FindingText consent = customer.getConsentedChannels().isEmpty() ? FindingText.of("run.consent-none")
                : FindingText.of("run.consent-granted", context.getChannel());
        FindingText history = customer.getProfile() == ProfileFacts.NONE ? FindingText.of("run.history-none")
                : FindingText.of("run.history-some");
        FindingText where;
        if (place == null) {
            where = FindingText.of("run.away");
        } else if (place.chain() == null) {
            where = FindingText.of("run.at-store-no-chain", place.storeId(), context.getTrigger());
        } else {
            where = FindingText.of("run.at-store", place.storeId(), place.chain(), context.getTrigger());
        }
        return FindingText.of("run.contact", customer.getLoyaltyTier(), history, customer.getLanguage(), consent,
                context.getDayOfWeek(), String.format("%02d", context.getHour()), context.getChannel(), where);
    }

    /** Returns a place for a store chain that a table names but no known store belongs to. */
    static StorePlace sampleStoreOf(String chain) {
        return new StorePlace(SAMPLE_STORE_ID, chain);
    }
}
