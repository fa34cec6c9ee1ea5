package io.solomo.decision.loyalty;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** French reasons of loyalty statement lines, which customers read in their app. */
class LoyaltyReasonsTests {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String REFERRAL_RULE = "Reward the sharer of an offer a friend redeemed with 100 points";
    private static final String SHARE_RULE = "Reward a social share with 10 points";

    @Test
    void referralColonDoesNotBreak() {
        String french = LoyaltyReasons.french(LoyaltyEntry.Kind.EARNED, "REFERRAL_REDEEMED", "COUPON-1",
                REFERRAL_RULE, PARIS);

        assertThat(french).isEqualTo("100 points de parrainage\u00A0: un ami a utilisé l'offre partagée");
    }

    @Test
    void actionWordingColonDoesNotBreak() {
        String french = LoyaltyReasons.french(LoyaltyEntry.Kind.EARNED, "REFERRAL_REDEEMED", "COUPON-1",
                "Rule an analyst added", PARIS);

        assertThat(french).isEqualTo("Points de parrainage\u00A0: un ami a utilisé l'offre partagée");
    }

    @Test
    void joinedRulesSemicolonDoesNotBreak() {
        String french = LoyaltyReasons.french(LoyaltyEntry.Kind.EARNED, "SOCIAL_SHARE", "SHARE-1",
                SHARE_RULE + "; " + REFERRAL_RULE, PARIS);

        assertThat(french).isEqualTo("10 points pour un partage d'offre\u202F; "
                + "100 points de parrainage\u00A0: un ami a utilisé l'offre partagée");
    }
}
