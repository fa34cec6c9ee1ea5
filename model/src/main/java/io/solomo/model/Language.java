package io.solomo.model;

import java.util.Locale;

/** A language in which customer-facing text exists. French is the default of the first brands served. */
public enum Language {
    FR, EN;

    /** Returns the language for an ISO 639-1 code, or French when the code is null or not served. */
    public static Language fromCode(String code) {
        if (code == null) {
            return FR;
        }
        return "en".equals(code.trim().toLowerCase(Locale.ROOT)) ? EN : FR;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
