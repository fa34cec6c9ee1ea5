package io.solomo.decision.purchase;

import io.solomo.decision.catalogue.Product;
import io.solomo.model.Language;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

/** The wording of a purchase follow-up email in French and English: the accessories, then the review invitation. */
final class FollowUpEmails {

    private FollowUpEmails() {
    }

    /**
     * Returns the subject. With no accessory to recommend, it names only the review invitation, which still earns
     * loyalty points, so that it promises nothing the email lacks.
     */
    static String subject(Language language, List<Product> accessories) {
        if (accessories.isEmpty()) {
            return language == Language.EN ? "Thank you for your purchase: share your review"
                    : "Merci pour votre achat : donnez votre avis";
        }
        return language == Language.EN ? "Thank you for your purchase: accessories you may like"
                : "Merci pour votre achat : des accessoires qui pourraient vous plaire";
    }

    /** @param reviewPoints the points an approved review earns; 0 leaves the number out */
    static String body(Language language, List<Product> accessories, int reviewPoints) {
        String products = accessories.stream()
                .map(product -> product.name(language) + " (" + price(product.price(), language) + ")")
                .collect(Collectors.joining(", "));
        if (language == Language.EN) {
            String recommendation = accessories.isEmpty() ? "" : "To go with your purchase, we recommend: "
                    + products + ". ";
            String points = reviewPoints > 0 ? reviewPoints + " loyalty points" : "loyalty points";
            return recommendation + "Share your review of your purchase on social media: once it is approved, "
                    + "you earn " + points + ".";
        }
        String recommendation = accessories.isEmpty() ? "" : "Pour accompagner votre achat, nous vous recommandons : "
                + products + ". ";
        String points = reviewPoints > 0 ? reviewPoints + " points de fidélité" : "des points de fidélité";
        return recommendation + "Partagez votre avis sur votre achat sur les réseaux sociaux : une fois votre avis "
                + "approuvé, vous gagnez " + points + ".";
    }

    private static String price(BigDecimal euros, Language language) {
        String amount = euros.setScale(2, RoundingMode.HALF_UP).toPlainString();
        return language == Language.EN ? "€" + amount : amount.replace('.', ',') + " €";
    }
}
