package io.solomo.decision.segment;

import io.solomo.decision.web.FrenchDetails;
import io.solomo.decision.web.InvalidFieldException;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The entity tags of segments: the segment's version in quotes, such as {@code "3"}, as offers have. */
final class SegmentETags {

    private static final Pattern STRONG_TAG = Pattern.compile("\"(\\d{1,18})\"");

    private SegmentETags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Returns the version an {@code If-Match} header names, or empty for {@code *} (any version).
     *
     * @throws InvalidFieldException when the header is not one strong tag of this API, such as {@code "3"}
     */
    static OptionalLong versionIn(String ifMatch) {
        if (ifMatch.trim().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher tag = STRONG_TAG.matcher(ifMatch.trim());
        if (!tag.matches()) {
            throw new InvalidFieldException("If-Match", ifMatch, "If-Match must be the ETag of the segment as GET "
                    + "returned it, such as \"3\" with the quotes, got " + ifMatch, "If-Match doit être l’ETag du "
                    + "segment tel que GET l’a renvoyé, par exemple \"3\" avec les guillemets, reçu "
                    + FrenchDetails.quoted(ifMatch) + ".");
        }
        return OptionalLong.of(Long.parseLong(tag.group(1)));
    }
}
