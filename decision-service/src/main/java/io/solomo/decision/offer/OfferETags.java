package io.solomo.decision.offer;

import io.solomo.decision.web.FrenchDetails;
import io.solomo.decision.web.InvalidFieldException;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entity tags of offers: the offer's version in quotes, such as {@code "3"}. A client sends the tag it read back
 * in {@code If-Match} to change the offer only while it is still at that version (RFC 9110, section 13.1.1).
 */
final class OfferETags {

    private static final Pattern STRONG_TAG = Pattern.compile("\"(\\d{1,18})\"");

    private OfferETags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Returns the version an {@code If-Match} header names, or empty for {@code *} (any version) and a missing
     * header.
     *
     * @throws InvalidFieldException when the header is not one strong tag of this API, such as {@code "3"}
     */
    static OptionalLong versionIn(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher tag = STRONG_TAG.matcher(ifMatch.trim());
        if (!tag.matches()) {
            throw new InvalidFieldException("If-Match", ifMatch, "If-Match must be the ETag of the offer as GET "
                    + "returned it, such as \"3\" with the quotes, got " + ifMatch, "If-Match doit être l’ETag de "
                    + "l’offre tel que GET l’a renvoyé, par exemple \"3\" avec les guillemets, reçu "
                    + FrenchDetails.quoted(ifMatch) + ".");
        }
        return OptionalLong.of(Long.parseLong(tag.group(1)));
    }
}
