package io.solomo.rules;

import io.solomo.model.loyalty.LoyaltyAction;
import io.solomo.model.loyalty.LoyaltyAction.Type;
import io.solomo.model.loyalty.PointsAward;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoyaltyRulesTests {

    private static LoyaltyRules rules;

    @BeforeAll
    static void build() {
        rules = LoyaltyRules.bundled();
    }

    @Test
    void approvedReviewEarnsFiftyPoints() {
        List<PointsAward> awards = rules.awardsFor(new LoyaltyAction("c1", Type.REVIEW_APPROVED, "purchase-1", 0));

        assertThat(awards).hasSize(1);
        assertThat(awards.get(0).getPoints()).isEqualTo(50);
        assertThat(awards.get(0).getRuleName()).isEqualTo("Reward an approved review with 50 points");
    }

    @Test
    void purchaseEarnsOnePointPerWholeEuro() {
        List<PointsAward> awards = rules.awardsFor(new LoyaltyAction("c1", Type.PURCHASE, "purchase-2", 42.99));

        assertThat(awards).extracting(PointsAward::getPoints).containsExactly(42);
    }

    @Test
    void purchaseUnderOneEuroEarnsNothing() {
        List<PointsAward> awards = rules.awardsFor(new LoyaltyAction("c1", Type.PURCHASE, "purchase-3", 0.5));

        assertThat(awards).isEmpty();
    }

    @Test
    void purchaseBeyondIntRangeFailsInsteadOfWrapping() {
        LoyaltyAction huge = new LoyaltyAction("c1", Type.PURCHASE, "purchase-4", 1e300);

        assertThatThrownBy(() -> rules.awardsFor(huge)).hasRootCauseInstanceOf(ArithmeticException.class);
    }

    @Test
    void largestIntPurchaseEarnsItsPoints() {
        List<PointsAward> awards = rules.awardsFor(new LoyaltyAction("c1", Type.PURCHASE, "purchase-5",
                Integer.MAX_VALUE + 0.99));

        assertThat(awards).extracting(PointsAward::getPoints).containsExactly(Integer.MAX_VALUE);
    }

    @Test
    void shareVisitAndReferralEachHaveTheirRule() {
        assertThat(rules.awardsFor(new LoyaltyAction("c1", Type.SOCIAL_SHARE, "share-1", 0)))
                .extracting(PointsAward::getPoints).containsExactly(10);
        assertThat(rules.awardsFor(new LoyaltyAction("c1", Type.STORE_VISIT, "visit-1", 0)))
                .extracting(PointsAward::getPoints).containsExactly(5);
        assertThat(rules.awardsFor(new LoyaltyAction("c1", Type.REFERRAL_REDEEMED, "coupon-1", 0)))
                .extracting(PointsAward::getPoints).containsExactly(100);
    }
}
