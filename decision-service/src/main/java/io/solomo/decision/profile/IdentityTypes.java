package io.solomo.decision.profile;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Names of the identity types, for error messages. */
final class IdentityTypes {

    private IdentityTypes() {
    }

    static String names() {
        return Arrays.stream(IdentityType.values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
