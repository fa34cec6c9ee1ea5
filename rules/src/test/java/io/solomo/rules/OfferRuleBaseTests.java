package io.solomo.rules;

import io.solomo.model.Channel;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.CustomerFacts;
import io.solomo.model.offer.OfferCandidate;
import io.solomo.model.offer.RejectedCandidate;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.solomo.rules.OfferRulesFixtures.BUNDLED_RULES;
import static io.solomo.rules.OfferRulesFixtures.DEMO_MARCHE;
import static io.solomo.rules.OfferRulesFixtures.atStore;
import static io.solomo.rules.OfferRulesFixtures.atStoreBy;
import static io.solomo.rules.OfferRulesFixtures.awayFromStores;
import static io.solomo.rules.OfferRulesFixtures.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Evaluating a compiled rule base: isolation between calls, parallel use and the outcome's contract. */
class OfferRuleBaseTests {

    private record Scenario(CustomerFacts customer, ContactContext context) {
    }

    /** The parts of an outcome that must not depend on which thread evaluated it. */
    private record Summary(List<String> offerIds, List<String> rejectedOfferIds, List<String> firedRules) {

        static Summary of(RuleOutcome outcome) {
            return new Summary(
                    outcome.candidates().stream().map(OfferCandidate::getOfferId).sorted().toList(),
                    outcome.rejections().stream().map(RejectedCandidate::getOfferId).sorted().toList(),
                    outcome.firedRules().stream().sorted().toList());
        }
    }

    @Test
    void parallelEvaluationsMatchSequentialOutcomes() throws Exception {
        List<Scenario> scenarios = List.of(
                new Scenario(customer(LoyaltyTier.GOLD), atStore(DEMO_MARCHE, DayOfWeek.SATURDAY, 8)),
                new Scenario(customer(LoyaltyTier.BRONZE), atStore(null, DayOfWeek.MONDAY, 12)),
                new Scenario(customer(LoyaltyTier.SILVER), awayFromStores(DayOfWeek.SUNDAY, 20)),
                new Scenario(customer(LoyaltyTier.PLATINUM, EnumSet.of(Channel.EMAIL)),
                        atStoreBy(Channel.SMS, DEMO_MARCHE, DayOfWeek.SUNDAY, 10)));
        List<Summary> expected = scenarios.stream()
                .map(scenario -> Summary.of(BUNDLED_RULES.evaluate(scenario.customer(), scenario.context())))
                .toList();
        int threads = 8;
        int evaluationsPerThread = 2_000;
        CountDownLatch start = new CountDownLatch(1);

        List<Future<List<String>>> mismatchesPerThread = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            for (int thread = 0; thread < threads; thread++) {
                int offset = thread;
                mismatchesPerThread.add(executor.submit(() -> {
                    start.await();
                    List<String> mismatches = new ArrayList<>();
                    for (int index = 0; index < evaluationsPerThread; index++) {
                        int scenarioIndex = (index + offset) % scenarios.size();
                        Scenario scenario = scenarios.get(scenarioIndex);
                        Summary actual = Summary.of(BUNDLED_RULES.evaluate(scenario.customer(), scenario.context()));
                        if (!actual.equals(expected.get(scenarioIndex))) {
                            mismatches.add("scenario " + scenarioIndex + " gave " + actual);
                        }
                    }
                    return mismatches;
                }));
            }
            start.countDown();
        } finally {
            executor.shutdown();
        }

        assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<List<String>> mismatches : mismatchesPerThread) {
            assertThat(mismatches.get()).isEmpty();
        }
        assertThat(expected.get(0).offerIds())
                .containsExactly("GOLD-MORNING-COFFEE", "STORE-WELCOME-10", "WEEKEND-FLOWERS");
        assertThat(expected.get(2).offerIds()).containsExactly("APP-LOYALTY-5EUR");
        assertThat(expected.get(3).rejectedOfferIds())
                .containsExactly("GOLD-MORNING-COFFEE", "STORE-WELCOME-10", "WEEKEND-FLOWERS");
    }

    @Test
    void evaluationsDoNotShareFacts() {
        var gold = customer(LoyaltyTier.GOLD);
        BUNDLED_RULES.evaluate(gold, atStore(DEMO_MARCHE, DayOfWeek.SATURDAY, 8));

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer(LoyaltyTier.BRONZE), awayFromStores(DayOfWeek.MONDAY, 12));

        assertThat(outcome.candidates()).extracting(OfferCandidate::getOfferId).containsExactly("APP-LOYALTY-5EUR");
        assertThat(outcome.firedRules()).hasSize(1);
    }

    @Test
    void outcomeListsCannotBeChanged() {
        var customer = customer(LoyaltyTier.GOLD);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, atStore(DEMO_MARCHE, DayOfWeek.SATURDAY, 8));

        assertThatThrownBy(() -> outcome.candidates().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> outcome.rejections().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> outcome.firedRules().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> BUNDLED_RULES.ruleNames().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void outcomeKeepsItsOwnCopyOfTheLists() {
        List<String> firedRules = new ArrayList<>(List.of("A rule"));
        RuleOutcome outcome = new RuleOutcome(List.of(), List.of(), firedRules);

        firedRules.add("A rule added later");

        assertThat(outcome.firedRules()).containsExactly("A rule");
    }

    @Test
    void selfReactivatingRuleIsStopped() {
        var files = Map.of("solomo/offers/loop.drl", """
                package solomo.offers;

                import io.solomo.model.offer.ContactContext;

                rule "Touch the contact again and again"
                when
                    $context : ContactContext()
                then
                    update( $context );
                end
                """.getBytes(StandardCharsets.UTF_8));
        OfferRuleBase looping = new OfferRuleCompiler().compile("loop", files);

        assertThatIllegalStateException()
                .isThrownBy(() -> looping.evaluate(customer(LoyaltyTier.GOLD), awayFromStores(DayOfWeek.MONDAY, 9)))
                .withMessageContaining("fired " + OfferRuleBase.MAX_FIRINGS_PER_EVALUATION + " times")
                .withMessageContaining("'Touch the contact again and again'");
    }
}
