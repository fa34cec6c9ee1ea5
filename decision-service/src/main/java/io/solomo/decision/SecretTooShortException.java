package io.solomo.decision;

/**
 * A signing secret setting with fewer characters than a safe key needs. It carries the setting's name and the
 * secret's length, never the secret, so that the start-up report can name the problem without logging the key.
 */
public final class SecretTooShortException extends IllegalStateException {

    static final int MINIMUM_LENGTH = 16;

    private final String setting;
    private final int length;

    SecretTooShortException(String setting, int length) {
        super(setting + " must have at least " + MINIMUM_LENGTH + " characters, got " + length);
        this.setting = setting;
        this.length = length;
    }

    String setting() {
        return setting;
    }

    int length() {
        return length;
    }
}
