package io.solomo.decision.security;

import java.util.Map;
import java.util.Optional;

/** The store scope of each local marketer, by user name. Users without a scope act for every store. */
public final class UserScopes {

    private final Map<String, StoreScope> scopes;

    UserScopes(Map<String, StoreScope> scopes) {
        this.scopes = Map.copyOf(scopes);
    }

    /** Returns the scope of the user, or empty for a user not limited to some stores. */
    public Optional<StoreScope> of(String userName) {
        return Optional.ofNullable(scopes.get(userName));
    }
}
