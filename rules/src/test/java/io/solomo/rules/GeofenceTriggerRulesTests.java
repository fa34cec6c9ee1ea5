package io.solomo.rules;

import io.solomo.model.Channel;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.ContactContext.Trigger;
import io.solomo.model.offer.RejectedCandidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.DayOfWeek;
import java.util.EnumSet;

import static io.solomo.rules.OfferRulesFixtures.BUNDLED_RULES;
import static io.solomo.rules.OfferRulesFixtures.DEMO_MARCHE;
import static io.solomo.rules.OfferRulesFixtures.STORE;
import static io.solomo.rules.OfferRulesFixtures.customer;
import static io.solomo.rules.OfferRulesFixtures.offerIds;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules that choose which geofence transitions, and which store hours, bring an offer. */
class GeofenceTriggerRulesTests {

    private static final String TRIGGER_RULE =
            "Offers are made when a customer enters a store, not while dwelling or on leaving";
    private static final String CLOSED_RULE = "No offer is pushed for a store that is closed";

    @ParameterizedTest
    @EnumSource(value = Trigger.class, names = {"GEOFENCE_DWELL", "GEOFENCE_EXIT"})
    void dwellAndExitBringNoOffer(Trigger trigger) {
        var customer = customer(LoyaltyTier.GOLD, EnumSet.of(Channel.PUSH));
        var context = new ContactContext(Channel.PUSH, trigger, STORE, DEMO_MARCHE, DayOfWeek.SATURDAY, 8);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(outcome.candidates()).isEmpty();
        assertThat(outcome.rejections()).isNotEmpty();
        assertThat(outcome.rejections()).extracting(RejectedCandidate::getRuleName).containsOnly(TRIGGER_RULE);
        assertThat(outcome.rejections()).extracting(RejectedCandidate::getReason)
                .containsOnly("No offer is made on the " + trigger + " transition.");
        assertThat(outcome.rejections()).extracting(RejectedCandidate::getReasonFr)
                .containsOnly("Aucune offre n'est faite lors de la transition " + trigger + ".");
    }

    @Test
    void enterBringsOffers() {
        var customer = customer(LoyaltyTier.GOLD, EnumSet.of(Channel.PUSH));
        var context = new ContactContext(Channel.PUSH, Trigger.GEOFENCE_ENTER, STORE, DEMO_MARCHE,
                DayOfWeek.SATURDAY, 8, true);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(offerIds(outcome)).contains("STORE-WELCOME-10");
        assertThat(outcome.firedRules()).doesNotContain(TRIGGER_RULE, CLOSED_RULE);
    }

    @Test
    void closedStoreGetsNoOffer() {
        var customer = customer(LoyaltyTier.GOLD, EnumSet.of(Channel.PUSH));
        var context = new ContactContext(Channel.PUSH, Trigger.GEOFENCE_ENTER, STORE, DEMO_MARCHE,
                DayOfWeek.SATURDAY, 8, false);

        RuleOutcome outcome = BUNDLED_RULES.evaluate(customer, context);

        assertThat(outcome.candidates()).isEmpty();
        assertThat(outcome.rejections()).extracting(RejectedCandidate::getRuleName).containsOnly(CLOSED_RULE);
        assertThat(outcome.rejections()).extracting(RejectedCandidate::getReason)
                .containsOnly("The store is closed at the moment of contact.");
        assertThat(outcome.rejections()).extracting(RejectedCandidate::getReasonFr)
                .containsOnly("Le magasin est fermé au moment du contact.");
    }
}
