package io.solomo.decision;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a signing secret that is too short in the "APPLICATION FAILED TO START" block, with its setting and length
 * only. Spring Boot's report of an invalid property prints the value, which here is a key.
 */
class SecretTooShortFailureAnalyzer extends AbstractFailureAnalyzer<SecretTooShortException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SecretTooShortException cause) {
        return new FailureAnalysis("The setting '" + cause.setting() + "' has " + cause.length() + " characters; a "
                + "signing secret needs at least " + SecretTooShortException.MINIMUM_LENGTH + ".",
                "Set '" + cause.setting() + "' (or its environment variable) to a random text of at least "
                        + SecretTooShortException.MINIMUM_LENGTH + " characters.", cause);
    }
}
