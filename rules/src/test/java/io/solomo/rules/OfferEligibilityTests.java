package io.solomo.rules;

import io.solomo.model.Channel;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.ContactContext.Trigger;
import io.solomo.model.offer.OfferCandidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.DayOfWeek;

import static io.solomo.rules.OfferRulesFixtures.APP_VOUCHER;
import static io.solomo.rules.OfferRulesFixtures.BUNDLED_RULES;
import static io.solomo.rules.OfferRulesFixtures.DEMO_MARCHE;
import static io.solomo.rules.OfferRulesFixtures.MORNING_COFFEE;
import static io.solomo.rules.OfferRulesFixtures.STORE;
import static io.solomo.rules.OfferRulesFixtures.WEEKEND_FLOWERS;
import static io.solomo.rules.OfferRulesFixtures.WELCOME;
import static io.solomo.rules.OfferRulesFixtures.atStore;
import static io.solomo.rules.OfferRulesFixtures.awayFromStores;
import static io.solomo.rules.OfferRulesFixtures.candidate;
import static io.solomo.rules.OfferRulesFixtures.customer;
import static io.solomo.rules.OfferRulesFixtures.offerIds;
import static org.assertj.core.api.Assertions.assertThat;

/** The rows of the eligibility workbook, each matching and not matching, with every customer consenting to push. */
class OfferEligibilityTests {

    @ParameterizedTest
    @EnumSource(LoyaltyTier.class)
    void anyTierAtAnyStoreGetsWelcomeOffer(LoyaltyTier tier) {
        var customer = customer(tier);
        var context = atStore("Another chain", DayOfWeek.TUESDAY, 15);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        OfferCandidate welcome = candidate(outcome, "STORE-WELCOME-10").orElseThrow();
        assertThat(welcome.getWeight()).isEqualTo(1.0);
        assertThat(welcome.getStoreId()).isEqualTo(STORE);
        assertThat(welcome.getRuleName()).isEqualTo(WELCOME);
        assertThat(outcome.firedRules()).contains(WELCOME);
    }

    @Test
    void storeWithoutKnownChainStillGetsWelcomeOffer() {
        var customer = customer(LoyaltyTier.BRONZE);
        var context = atStore(null, DayOfWeek.WEDNESDAY, 3);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(offerIds(outcome)).containsExactly("STORE-WELCOME-10");
        assertThat(outcome.firedRules()).containsExactly(WELCOME);
        assertThat(outcome.rejections()).isEmpty();
    }

    @Test
    void customerAwayFromStoresGetsAppVoucherOnly() {
        var customer = customer(LoyaltyTier.PLATINUM);
        var context = awayFromStores(DayOfWeek.SATURDAY, 9);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(offerIds(outcome)).containsExactly("APP-LOYALTY-5EUR");
        OfferCandidate voucher = outcome.candidates().get(0);
        assertThat(voucher.getWeight()).isEqualTo(0.5);
        assertThat(voucher.getStoreId()).isNull();
        assertThat(voucher.getRuleName()).isEqualTo(APP_VOUCHER);
        assertThat(outcome.firedRules()).containsExactly(APP_VOUCHER);
    }

    @Test
    void customerAtStoreGetsNoAppVoucher() {
        var customer = customer(LoyaltyTier.BRONZE);
        var context = atStore("Another chain", DayOfWeek.MONDAY, 12);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(offerIds(outcome)).doesNotContain("APP-LOYALTY-5EUR");
        assertThat(outcome.firedRules()).doesNotContain(APP_VOUCHER);
    }

    @Test
    void goldCustomerAtDemoMarcheInTheMorningGetsCoffee() {
        var customer = customer(LoyaltyTier.GOLD);
        var context = atStore(DEMO_MARCHE, DayOfWeek.TUESDAY, 8);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        OfferCandidate coffee = candidate(outcome, "GOLD-MORNING-COFFEE").orElseThrow();
        assertThat(coffee.getWeight()).isEqualTo(2.0);
        assertThat(coffee.getStoreId()).isEqualTo(STORE);
        assertThat(coffee.getRuleName()).isEqualTo(MORNING_COFFEE);
        assertThat(offerIds(outcome)).containsExactlyInAnyOrder("GOLD-MORNING-COFFEE", "STORE-WELCOME-10");
        assertThat(outcome.firedRules()).containsExactlyInAnyOrder(MORNING_COFFEE, WELCOME);
    }

    @Test
    void platinumCustomerGetsMorningCoffee() {
        var customer = customer(LoyaltyTier.PLATINUM);
        var context = atStore(DEMO_MARCHE, DayOfWeek.THURSDAY, 9);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(candidate(outcome, "GOLD-MORNING-COFFEE")).isPresent();
        assertThat(outcome.firedRules()).contains(MORNING_COFFEE);
    }

    @ParameterizedTest
    @EnumSource(value = LoyaltyTier.class, names = {"BRONZE", "SILVER"})
    void customerBelowGoldGetsNoCoffee(LoyaltyTier tier) {
        var customer = customer(tier);
        var context = atStore(DEMO_MARCHE, DayOfWeek.TUESDAY, 8);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(candidate(outcome, "GOLD-MORNING-COFFEE")).isEmpty();
        assertThat(outcome.firedRules()).doesNotContain(MORNING_COFFEE);
    }

    @ParameterizedTest(name = "{0}h gives coffee: {1}")
    @CsvSource({"6, false", "7, true", "10, true", "11, false", "0, false", "23, false"})
    void coffeeHoursRunFromSevenToBeforeEleven(int hour, boolean coffeeExpected) {
        var customer = customer(LoyaltyTier.GOLD);
        var context = atStore(DEMO_MARCHE, DayOfWeek.FRIDAY, hour);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(candidate(outcome, "GOLD-MORNING-COFFEE").isPresent()).isEqualTo(coffeeExpected);
        assertThat(outcome.firedRules().contains(MORNING_COFFEE)).isEqualTo(coffeeExpected);
    }

    @Test
    void goldCustomerAtAnotherChainGetsNoCoffee() {
        var customer = customer(LoyaltyTier.GOLD);
        var context = atStore("Another chain", DayOfWeek.TUESDAY, 8);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(offerIds(outcome)).containsExactly("STORE-WELCOME-10");
        assertThat(outcome.firedRules()).containsExactly(WELCOME);
    }

    @Test
    void storeWithoutChainGetsNoCoffee() {
        var customer = customer(LoyaltyTier.GOLD);
        var context = atStore(null, DayOfWeek.TUESDAY, 8);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(candidate(outcome, "GOLD-MORNING-COFFEE")).isEmpty();
        assertThat(outcome.firedRules()).doesNotContain(MORNING_COFFEE);
    }

    @Test
    void coffeeNeedsCustomerAtTheStore() {
        var customer = customer(LoyaltyTier.GOLD);
        var context = new ContactContext(Channel.PUSH, Trigger.API, null, DEMO_MARCHE, DayOfWeek.TUESDAY, 8);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(offerIds(outcome)).containsExactly("APP-LOYALTY-5EUR");
        assertThat(outcome.firedRules()).containsExactly(APP_VOUCHER);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"SILVER, SATURDAY", "GOLD, SATURDAY", "PLATINUM, SUNDAY", "SILVER, SUNDAY"})
    void silverOrAboveGetsWeekendFlowers(LoyaltyTier tier, DayOfWeek day) {
        var customer = customer(tier);
        var context = atStore("Another chain", day, 16);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        OfferCandidate flowers = candidate(outcome, "WEEKEND-FLOWERS").orElseThrow();
        assertThat(flowers.getWeight()).isEqualTo(1.5);
        assertThat(flowers.getStoreId()).isEqualTo(STORE);
        assertThat(flowers.getRuleName()).isEqualTo(WEEKEND_FLOWERS);
        assertThat(outcome.firedRules()).containsExactlyInAnyOrder(WEEKEND_FLOWERS, WELCOME);
    }

    @ParameterizedTest
    @CsvSource({"0", "23"})
    void weekendFlowersApplyAtAnyHour(int hour) {
        var customer = customer(LoyaltyTier.SILVER);
        var context = atStore(null, DayOfWeek.SUNDAY, hour);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(candidate(outcome, "WEEKEND-FLOWERS")).isPresent();
        assertThat(outcome.firedRules()).contains(WEEKEND_FLOWERS);
    }

    @Test
    void bronzeCustomerGetsNoWeekendFlowers() {
        var customer = customer(LoyaltyTier.BRONZE);
        var context = atStore("Another chain", DayOfWeek.SATURDAY, 16);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(candidate(outcome, "WEEKEND-FLOWERS")).isEmpty();
        assertThat(outcome.firedRules()).doesNotContain(WEEKEND_FLOWERS);
    }

    @ParameterizedTest
    @EnumSource(value = DayOfWeek.class, names = {"MONDAY", "WEDNESDAY", "FRIDAY"})
    void weekdayGetsNoWeekendFlowers(DayOfWeek day) {
        var customer = customer(LoyaltyTier.PLATINUM);
        var context = atStore("Another chain", day, 16);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(candidate(outcome, "WEEKEND-FLOWERS")).isEmpty();
        assertThat(outcome.firedRules()).doesNotContain(WEEKEND_FLOWERS);
    }

    @Test
    void awayFromStoresGetsNoFlowers() {
        var customer = customer(LoyaltyTier.GOLD);
        var context = awayFromStores(DayOfWeek.SATURDAY, 16);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(candidate(outcome, "WEEKEND-FLOWERS")).isEmpty();
        assertThat(outcome.firedRules()).doesNotContain(WEEKEND_FLOWERS);
    }

    @Test
    void saturdayMorningGoldVisitGetsThreeOffers() {
        var customer = customer(LoyaltyTier.GOLD);
        var context = atStore(DEMO_MARCHE, DayOfWeek.SATURDAY, 8);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(offerIds(outcome))
                .containsExactlyInAnyOrder("STORE-WELCOME-10", "GOLD-MORNING-COFFEE", "WEEKEND-FLOWERS");
        assertThat(outcome.candidates()).allSatisfy(candidate -> assertThat(candidate.getStoreId()).isEqualTo(STORE));
        assertThat(outcome.firedRules()).containsExactlyInAnyOrder(WELCOME, MORNING_COFFEE, WEEKEND_FLOWERS);
        assertThat(outcome.rejections()).isEmpty();
    }
}
