package io.solomo.decision.kie;

/**
 * One command of a KIE Server batch, read and checked before any command runs, so an invalid batch changes nothing.
 * {@code outIdentifier} is null when the caller did not ask for the command's result.
 */
sealed interface BatchCommand {

    /** Inserts a fact; with an out-identifier, returns its fact handle and, unless turned off, the fact. */
    record Insert(Object fact, String outIdentifier, boolean returnObject, String entryPoint) implements BatchCommand {
    }

    /** Fires the matched rules, at most {@code max} when it is positive; returns how many fired. */
    record FireAllRules(int max, String outIdentifier) implements BatchCommand {
    }

    /** Returns the objects in the session, only those of {@code type} when it is not null. */
    record GetObjects(Class<?> type, String outIdentifier) implements BatchCommand {
    }

    /** Runs a DRL query and returns its rows. */
    record Query(String name, Object[] arguments, String outIdentifier) implements BatchCommand {
    }

    /** Sets a global the rules declare; returns the value with an out-identifier. */
    record SetGlobal(String identifier, Object value, String outIdentifier) implements BatchCommand {
    }

    /**
     * Deletes the fact of a handle returned earlier in the same session.
     *
     * @param field the JSON path of the handle in the batch, for the error when the session has no such fact
     */
    record Delete(ExternalFactHandle factHandle, String field) implements BatchCommand {
    }
}
