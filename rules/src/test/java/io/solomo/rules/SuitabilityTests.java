package io.solomo.rules;

import io.solomo.model.Channel;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.RejectedCandidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Set;

import static io.solomo.rules.OfferRulesFixtures.APP_VOUCHER;
import static io.solomo.rules.OfferRulesFixtures.BUNDLED_RULES;
import static io.solomo.rules.OfferRulesFixtures.CONSENT;
import static io.solomo.rules.OfferRulesFixtures.DEMO_MARCHE;
import static io.solomo.rules.OfferRulesFixtures.MORNING_COFFEE;
import static io.solomo.rules.OfferRulesFixtures.WEEKEND_FLOWERS;
import static io.solomo.rules.OfferRulesFixtures.WELCOME;
import static io.solomo.rules.OfferRulesFixtures.atStoreBy;
import static io.solomo.rules.OfferRulesFixtures.awayFromStores;
import static io.solomo.rules.OfferRulesFixtures.customer;
import static io.solomo.rules.OfferRulesFixtures.offerIds;
import static org.assertj.core.api.Assertions.assertThat;

/** The suitability rules that hold back candidates after the eligibility table proposed them. */
class SuitabilityTests {

    @Test
    void candidatesOnChannelWithoutConsentAreRejected() {
        var customer = customer(LoyaltyTier.GOLD, EnumSet.of(Channel.PUSH));
        var context = atStoreBy(Channel.SMS, DEMO_MARCHE, DayOfWeek.SATURDAY, 8);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(outcome.candidates()).isEmpty();
        assertThat(outcome.rejections()).extracting(RejectedCandidate::getOfferId)
                .containsExactlyInAnyOrder("STORE-WELCOME-10", "GOLD-MORNING-COFFEE", "WEEKEND-FLOWERS");
        assertThat(outcome.rejections()).extracting(RejectedCandidate::getRuleName).containsOnly(CONSENT);
        assertThat(outcome.rejections()).extracting(RejectedCandidate::getReason)
                .containsOnly("The customer has not granted marketing consent for the SMS channel, or has withdrawn "
                        + "it.");
        assertThat(outcome.rejections()).extracting(RejectedCandidate::getReasonFr)
                .containsOnly("Le client n'a pas accordé de consentement marketing pour le canal SMS, ou l'a retiré.");
    }

    @Test
    void consentRuleFiresAfterEveryEligibilityRule() {
        var customer = customer(LoyaltyTier.GOLD, EnumSet.of(Channel.PUSH));
        var context = atStoreBy(Channel.SMS, DEMO_MARCHE, DayOfWeek.SATURDAY, 8);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(outcome.firedRules()).hasSize(6);
        assertThat(outcome.firedRules().subList(0, 3))
                .containsExactlyInAnyOrder(WELCOME, MORNING_COFFEE, WEEKEND_FLOWERS);
        assertThat(outcome.firedRules().subList(3, 6)).containsOnly(CONSENT);
    }

    @Test
    void candidatesOnConsentedChannelAreKept() {
        var customer = customer(LoyaltyTier.GOLD, EnumSet.of(Channel.SMS, Channel.EMAIL));
        var context = atStoreBy(Channel.SMS, DEMO_MARCHE, DayOfWeek.SATURDAY, 8);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(offerIds(outcome))
                .containsExactlyInAnyOrder("STORE-WELCOME-10", "GOLD-MORNING-COFFEE", "WEEKEND-FLOWERS");
        assertThat(outcome.rejections()).isEmpty();
        assertThat(outcome.firedRules()).doesNotContain(CONSENT);
    }

    @Test
    void customerWithoutAnyConsentGetsAppVoucherRejected() {
        var customer = customer(LoyaltyTier.SILVER, Set.of());
        var context = awayFromStores(DayOfWeek.MONDAY, 18);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(outcome.candidates()).isEmpty();
        assertThat(outcome.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.getOfferId()).isEqualTo("APP-LOYALTY-5EUR");
            assertThat(rejection.getRuleName()).isEqualTo(CONSENT);
            assertThat(rejection.getReason()).isEqualTo("The customer has not granted marketing consent for the PUSH "
                    + "channel, or has withdrawn it.");
        });
        assertThat(outcome.firedRules()).containsExactly(APP_VOUCHER, CONSENT);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void rejectionReasonNamesTheContactChannel(Channel channel) {
        var customer = customer(LoyaltyTier.BRONZE, Set.of());
        var context = atStoreBy(channel, null, DayOfWeek.TUESDAY, 12);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(outcome.rejections()).singleElement()
                .extracting(RejectedCandidate::getReason)
                .isEqualTo("The customer has not granted marketing consent for the " + channel
                        + " channel, or has withdrawn it.");
        assertThat(outcome.rejections()).singleElement()
                .extracting(RejectedCandidate::getReasonFr)
                .isEqualTo("Le client n'a pas accordé de consentement marketing pour le canal " + channel
                        + ", ou l'a retiré.");
    }

    @Test
    void ruleWithOneLanguageUsesItForBoth() {
        RejectedCandidate rejection = new RejectedCandidate("STORE-WELCOME-10", "Analyst rule",
                "Le magasin est en travaux.");

        assertThat(rejection.getReason()).isEqualTo("Le magasin est en travaux.");
        assertThat(rejection.getReasonFr()).isEqualTo("Le magasin est en travaux.");
    }
}
