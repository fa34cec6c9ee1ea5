package io.solomo.decision.kie;

import java.util.Arrays;

/**
 * The parts of a fact handle's external form that identify its fact. Drools 7 to 10 write the external form as
 * {@code 0:id:identityHashCode:objectHashCode:recency:entryPoint:traitType:className}. The object hash code and the
 * recency change when the fact is updated, so they are not compared.
 *
 * @param externalForm the external form as sent, for error messages
 */
record ExternalFactHandle(String externalForm, long id, int identityHashCode, String entryPoint, String className) {

    private static final int PARTS = 8;

    /**
     * Parses an external form. The entry point is everything between the recency and the trait type, because an
     * entry point name may contain a colon.
     *
     * @throws IllegalArgumentException when the text has fewer than 8 parts or a non-numeric id or identity hash code
     */
    static ExternalFactHandle parse(String externalForm) {
        String[] parts = externalForm.split(":", -1);
        if (parts.length < PARTS) {
            throw new IllegalArgumentException("a fact handle has " + PARTS + " parts separated by ':', this one has "
                    + parts.length);
        }
        long id;
        int identityHashCode;
        try {
            id = Long.parseLong(parts[1]);
            identityHashCode = Integer.parseInt(parts[2]);
        } catch (NumberFormatException notNumeric) {
            throw new IllegalArgumentException("the id and the identity hash code, the second and third parts of a "
                    + "fact handle, must be whole numbers", notNumeric);
        }
        String entryPoint = String.join(":", Arrays.copyOfRange(parts, 5, parts.length - 2));
        return new ExternalFactHandle(externalForm, id, identityHashCode, entryPoint, parts[parts.length - 1]);
    }

    /** Tells whether both name the same fact: same id, identity hash code, entry point and class. */
    boolean sameFact(ExternalFactHandle other) {
        return id == other.id && identityHashCode == other.identityHashCode && entryPoint.equals(other.entryPoint)
                && className.equals(other.className);
    }
}
