package io.solomo.decision.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The signed-in user as the console needs it: the roles decide which screens it shows, and a local marketer's store
 * scope fills the store field of its campaign form.
 */
@RestController
class CurrentUserController {

    private static final String ROLE_PREFIX = "ROLE_";

    private final UserScopes scopes;

    CurrentUserController(UserScopes scopes) {
        this.scopes = scopes;
    }

    @GetMapping("/api/v1/me")
    CurrentUser me(Authentication caller) {
        List<String> roles = caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .sorted()
                .toList();
        StoreScope scope = scopes.of(caller.getName()).orElse(null);
        List<String> storeIds = scope == null ? List.of() : scope.storeIds().stream().sorted().toList();
        List<String> chains = scope == null ? List.of() : scope.chains().stream().sorted().toList();
        return new CurrentUser(caller.getName(), roles, storeIds, chains);
    }

    /**
     * A user with its roles, without the {@code ROLE_} prefix, and its store scope. Both lists of the scope are
     * empty for a user that acts for every store.
     */
    record CurrentUser(String name, List<String> roles, List<String> storeIds, List<String> chains) {
    }
}
