package dev.waypoint.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * For {@link ContainerSecurityIT} only, added to its copy of the WAR: HTTP Basic authentication (Jakarta Security)
 * against one user in the group {@code map-user}, the role the README's {@code security-constraint} asks for. Stands
 * for whatever a real deployment signs its users in with (a Payara realm, an OIDC provider).
 */
@BasicAuthenticationMechanismDefinition(realmName = "waypoint")
@ApplicationScoped
public class MapUserIdentityStore implements IdentityStore {

    static final String USER = "ana";
    static final String PASSWORD = "container-security-test-password";
    static final String GROUP = "map-user";

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return credential.compareTo(USER, PASSWORD) ? new CredentialValidationResult(USER, Set.of(GROUP))
                : CredentialValidationResult.INVALID_RESULT;
    }
}
