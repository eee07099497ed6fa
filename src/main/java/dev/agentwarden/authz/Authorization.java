package dev.agentwarden.authz;

import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.mgt.DefaultSessionStorageEvaluator;
import org.apache.shiro.mgt.DefaultSubjectDAO;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.subject.SimplePrincipalCollection;
import org.apache.shiro.subject.Subject;
import org.eclipse.microprofile.config.Config;

/**
 * Apache Shiro, used programmatically for what it does best: roles and wildcard permissions. Jakarta Security has
 * already authenticated the caller; this builds a Shiro subject from that {@link WardenPrincipal} (no session, no
 * second login) and asks it. Roles map to permissions through {@link RolePermissions}.
 */
@ApplicationScoped
public class Authorization {

    private static final String REALM = "agent-warden";

    private DefaultSecurityManager securityManager;
    private RolePermissions roles;

    @Inject
    public Authorization(Config config) {
        init(RolePermissions.from(config));
    }

    /** For CDI proxies only. */
    protected Authorization() {
    }

    /** An instance over fixed roles, outside CDI (tests, tools). */
    static Authorization withRoles(RolePermissions roles) {
        Authorization authorization = new Authorization();
        authorization.init(roles);
        return authorization;
    }

    private void init(RolePermissions configured) {
        roles = configured;
        securityManager = new DefaultSecurityManager(new PrincipalRealm(roles));
        // Stateless: Shiro must never create sessions for these subjects.
        DefaultSessionStorageEvaluator storage = new DefaultSessionStorageEvaluator();
        storage.setSessionStorageEnabled(false);
        ((DefaultSubjectDAO) securityManager.getSubjectDAO()).setSessionStorageEvaluator(storage);
    }

    /** The Shiro subject of an already-authenticated caller. */
    public Subject subject(WardenPrincipal principal) {
        return new Subject.Builder(securityManager)
                .principals(new SimplePrincipalCollection(principal, REALM))
                .authenticated(true)
                .sessionCreationEnabled(false)
                .buildSubject();
    }

    /** Whether {@code principal} holds {@code permission} (a Shiro wildcard permission string). */
    public boolean isPermitted(WardenPrincipal principal, String permission) {
        return principal != null && subject(principal).isPermitted(permission);
    }

    /** Whether {@code principal} has {@code role}. */
    public boolean hasRole(WardenPrincipal principal, String role) {
        return principal != null && principal.roles().contains(role);
    }

    /** The configured role names. */
    public Set<String> roleNames() {
        return roles.roles();
    }

    /** Reads roles and permissions off the principal itself: authorization never touches the store. */
    static final class PrincipalRealm extends AuthorizingRealm {

        private final RolePermissions roles;

        PrincipalRealm(RolePermissions roles) {
            this.roles = roles;
            setName(REALM);
            setAuthorizationCachingEnabled(false);
        }

        @Override
        protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
            WardenPrincipal principal = principals.oneByType(WardenPrincipal.class);
            SimpleAuthorizationInfo info = new SimpleAuthorizationInfo();
            if (principal != null) {
                info.setRoles(principal.roles());
                principal.roles().forEach(role -> roles.of(role).forEach(info::addStringPermission));
                principal.permissions().forEach(info::addStringPermission);
            }
            return info;
        }

        @Override
        public boolean supports(AuthenticationToken token) {
            return false;
        }

        @Override
        protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) {
            return null;
        }
    }
}
