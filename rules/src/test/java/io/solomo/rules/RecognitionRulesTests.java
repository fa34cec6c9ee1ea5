package io.solomo.rules;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.CustomerFacts;
import io.solomo.model.offer.ProfileFacts;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Set;

import static io.solomo.rules.OfferRulesFixtures.BUNDLED_RULES;
import static io.solomo.rules.OfferRulesFixtures.offerIds;
import static org.assertj.core.api.Assertions.assertThat;

class RecognitionRulesTests {

    private static final ContactContext AT_STORE = new ContactContext(Channel.PUSH, ContactContext.Trigger.API,
            "store-42", null, DayOfWeek.TUESDAY, 15, true, false);
    private static final ContactContext AT_STORE_AS_REGULAR = new ContactContext(Channel.PUSH,
            ContactContext.Trigger.API, "store-42", null, DayOfWeek.TUESDAY, 15, true, true);

    @Test
    void regularGetsDedicatedOfferAtTheirStore() {
        RuleOutcome outcome = BUNDLED_RULES.evaluate(customerWithAdvocacy(0), AT_STORE_AS_REGULAR);

        assertThat(offerIds(outcome)).contains("REGULAR-THANKS");
        assertThat(outcome.firedRules()).contains("Thank the regular of a store with a dedicated offer");
    }

    @Test
    void otherCustomersGetNoRegularOffer() {
        RuleOutcome outcome = BUNDLED_RULES.evaluate(customerWithAdvocacy(0), AT_STORE);

        assertThat(offerIds(outcome)).doesNotContain("REGULAR-THANKS", "ADVOCATE-THANKS");
    }

    @Test
    void activeAdvocateIsRecognisedFromFiftyPoints() {
        RuleOutcome advocate = BUNDLED_RULES.evaluate(customerWithAdvocacy(50), AT_STORE);
        RuleOutcome almost = BUNDLED_RULES.evaluate(customerWithAdvocacy(49), AT_STORE);

        assertThat(offerIds(advocate)).contains("ADVOCATE-THANKS");
        assertThat(advocate.firedRules()).contains("Recognise an active advocate with a thank-you offer");
        assertThat(offerIds(almost)).doesNotContain("ADVOCATE-THANKS");
    }

    private static CustomerFacts customerWithAdvocacy(int advocacyScore) {
        return new CustomerFacts("customer-9", LoyaltyTier.BRONZE, Language.FR, List.of(Channel.PUSH),
                Set.of(Channel.PUSH), new ProfileFacts(3, 1, 10, 50.0, null, null, List.of(), 2.0, advocacyScore));
    }
}
