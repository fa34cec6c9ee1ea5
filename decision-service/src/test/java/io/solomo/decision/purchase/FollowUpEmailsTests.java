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

        assertThat(french).isEqualTo("Publiez votre avis sur les réseaux sociaux : une fois approuvé, il vous "
                + "rapportera 50 points de fidélité.");
        assertThat(english).isEqualTo("Share your review of your purchase on social media: once it is approved, "
                + "you earn 50 loyalty points.");
    }

    @Test
    void frenchPriceGroupsThousandsWithoutBreaking() {
        assertThat(FollowUpEmails.price(new BigDecimal("19.9"), Language.FR)).isEqualTo("19,90\u00A0€");
        assertThat(FollowUpEmails.price(new BigDecimal("1299.00"), Language.FR)).isEqualTo("1\u202F299,00\u00A0€");
        assertThat(FollowUpEmails.price(new BigDecimal("1234567.5"), Language.FR))
                .isEqualTo("1\u202F234\u202F567,50\u00A0€");
    }

    @Test
    void englishPriceGroupsThousandsWithCommas() {
        assertThat(FollowUpEmails.price(new BigDecimal("19.9"), Language.EN)).isEqualTo("€19.90");
        assertThat(FollowUpEmails.price(new BigDecimal("1299.00"), Language.EN)).isEqualTo("€1,299.00");
        assertThat(FollowUpEmails.price(new BigDecimal("1234567.5"), Language.EN)).isEqualTo("€1,234,567.50");
    }

    @Test
    void bodyNamesEachAccessoryWithItsPrice() {
        Product dock = new Product("DOCK-PRO", "Station d'accueil Pro", "Pro docking station", "accessories",
                new BigDecimal("1299.00"));

        assertThat(FollowUpEmails.body(Language.FR, List.of(CASE, dock), 50)).startsWith("Pour accompagner votre "
                + "achat, nous vous recommandons : Coque de protection X1 (19,90\u00A0€), Station d'accueil Pro "
                + "(1\u202F299,00\u00A0€).");
        assertThat(FollowUpEmails.body(Language.EN, List.of(CASE, dock), 50)).startsWith("To go with your purchase, "
                + "we recommend: X1 protective case (€19.90), Pro docking station (€1,299.00).");
    }

    @Test
    void frenchBodyWithoutPointCountStillInvites() {
        assertThat(FollowUpEmails.body(Language.FR, List.of(), 0)).isEqualTo("Publiez votre avis sur les réseaux "
                + "sociaux : une fois approuvé, il vous rapportera des points de fidélité.");
    }
}
