package io.solomo.decision.purchase;

import io.solomo.decision.catalogue.Product;
import io.solomo.model.Language;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FollowUpEmailsTests {

    private static final Product CASE = new Product("CASE-X1", "Coque de protection X1", "X1 protective case",
            "accessories", new BigDecimal("19.90"));

    @Test
    void subjectPromisesAccessoriesOnlyWhenThereAreSome() {
        assertThat(FollowUpEmails.subject(Language.FR, List.of(CASE)))
                .isEqualTo("Merci pour votre achat : des accessoires qui pourraient vous plaire");
        assertThat(FollowUpEmails.subject(Language.EN, List.of(CASE)))
                .isEqualTo("Thank you for your purchase: accessories you may like");
        assertThat(FollowUpEmails.subject(Language.FR, List.of()))
                .isEqualTo("Merci pour votre achat : donnez votre avis");
        assertThat(FollowUpEmails.subject(Language.EN, List.of()))
                .isEqualTo("Thank you for your purchase: share your review");
    }

    @Test
    void bodyWithoutAccessoriesOnlyInvitesReview() {
        String french = FollowUpEmails.body(Language.FR, List.of(), 50);
        String english = FollowUpEmails.body(Language.EN, List.of(), 50);

        assertThat(french).isEqualTo("Partagez votre avis sur votre achat sur les réseaux sociaux : une fois votre "
                + "avis approuvé, vous gagnez 50 points de fidélité.");
        assertThat(english).isEqualTo("Share your review of your purchase on social media: once it is approved, "
                + "you earn 50 loyalty points.");
    }
}
