package io.solomo.decision.purchase;

import io.solomo.decision.catalogue.Product;
import io.solomo.model.Language;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wording of a purchase follow-up email in French and English: the accessories, then the review invitation. */
final class FollowUpEmails {

    private static final Currency EURO = Currency.getInstance("EUR");

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
        String recommendation = accessories.isEmpty() ? "" : recommendation(language, accessories) + " ";
        if (language == Language.EN) {
            String points = reviewPoints > 0 ? reviewPoints + " loyalty points" : "loyalty points";
            return recommendation + "Share your review of your purchase on social media: once it is approved, "
                    + "you earn " + points + ".";
        }
        String points = reviewPoints > 0 ? reviewPoints + " points de fidélité" : "des points de fidélité";
        return recommendation + "Publiez votre avis sur les réseaux sociaux : une fois approuvé, il vous rapportera "
                + points + ".";
    }

    /**
     * Returns the sentence that recommends the accessories, without the review invitation: the whole body for a
     * purchase that the customer has reviewed already.
     */
    static String recommendation(Language language, List<Product> accessories) {
        String products = accessories.stream()
                .map(product -> product.name(language) + " (" + price(product.price(), language) + ")")
                .collect(Collectors.joining(", "));
        return language == Language.EN ? "To go with your purchase, we recommend: " + products + "."
                : "Pour accompagner votre achat, nous vous recommandons : " + products + ".";
    }

    /**
     * Formats a price in euros as each language writes it, from the JDK's CLDR locale data. French writes
     * "1 299,00 €" with a narrow no-break space between thousands and a no-break space before the sign, so a line
     * never breaks inside the price. English writes "€1,299.00".
     */
    static String price(BigDecimal euros, Language language) {
        NumberFormat format;
        if (language == Language.EN) {
            format = NumberFormat.getCurrencyInstance(Locale.UK);
            format.setCurrency(EURO);
        } else {
            format = NumberFormat.getCurrencyInstance(Locale.FRANCE);
        }
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(euros);
    }
}
