package io.solomo.decision.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its default rules for header names and values, checked without
 * regular expressions. Every character must be assigned in Unicode and must not be a control character, except a tab
 * in a value: Spring Security 7 states these rules as the patterns {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} and
 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}, matched on every header read. Those matches took about 3.5 % of
 * a decision request's CPU in a profile of the decision benchmark (docs/benchmarks.md).
 */
final class HeaderFirewall {

    private HeaderFirewall() {
    }

    static StrictHttpFirewall create() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(name -> assignedAndNotControl(name, false));
        firewall.setAllowedHeaderValues(value -> assignedAndNotControl(value, true));
        return firewall;
    }

    /** Returns true when every code point is assigned and none is a control character, a tab aside if allowed. */
    static boolean assignedAndNotControl(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            boolean control = Character.getType(codePoint) == Character.CONTROL && !(tabAllowed && codePoint == '\t');
            if (!Character.isDefined(codePoint) || control) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
