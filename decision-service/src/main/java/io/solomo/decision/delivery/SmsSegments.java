package io.solomo.decision.delivery;

/**
 * The length of an SMS text as a phone network counts it (3GPP TS 23.038 and 23.040). A text made only of GSM-7
 * characters takes 7 bits per character, two for those of the extension table ({@code ^ { } \ [ ~ ] | €}): 160
 * per single message, 153 per segment of a concatenated one. Any other character switches the whole text to UCS-2:
 * 70 UTF-16 units per single message, 67 per segment.
 *
 * @param encoding {@code GSM7} or {@code UCS2}
 * @param units    septets for GSM-7, UTF-16 code units for UCS-2
 * @param segments the number of SMS the text needs, at least 1
 */
record SmsSegments(String encoding, int units, int segments) {

    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

    static SmsSegments of(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM7_BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (GSM7_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                return ucs2(text.length());
            }
        }
        return new SmsSegments("GSM7", septets, septets <= 160 ? 1 : ceilDiv(septets, 153));
    }

    /** Returns whether the character is in the GSM-7 basic alphabet or its extension table. */
    static boolean isGsm7(char c) {
        return GSM7_BASIC.indexOf(c) >= 0 || GSM7_EXTENSION.indexOf(c) >= 0;
    }

    private static SmsSegments ucs2(int units) {
        return new SmsSegments("UCS2", units, units <= 70 ? 1 : ceilDiv(units, 67));
    }

    private static int ceilDiv(int value, int divisor) {
        return (value + divisor - 1) / divisor;
    }
}
