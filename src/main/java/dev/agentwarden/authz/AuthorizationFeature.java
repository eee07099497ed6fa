package dev.agentwarden.authz;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.util.List;

/** Registers an {@link AuthorizationFilter} on every resource method that declares what it requires. */
@Provider
@ApplicationScoped
public class AuthorizationFeature implements DynamicFeature {

    private Authorization authorization;

    @Inject
    public AuthorizationFeature(Authorization authorization) {
        this.authorization = authorization;
    }

    /** For CDI proxies only. */
    public AuthorizationFeature() {
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        AnnotatedElement method = resource.getResourceMethod();
        AnnotatedElement type = resource.getResourceClass();
        RequiresPermissions permissions = find(method, type, RequiresPermissions.class);
        RequiresRoles roles = find(method, type, RequiresRoles.class);
        RequiresAuthentication authenticated = find(method, type, RequiresAuthentication.class);
        if (permissions == null && roles == null && authenticated == null) {
            return;
        }
        context.register(new AuthorizationFilter(authorization,
                permissions == null ? List.of() : List.of(permissions.value()),
                roles == null ? List.of() : List.of(roles.value())), Priorities.AUTHORIZATION);
    }

    private static <A extends java.lang.annotation.Annotation> A find(AnnotatedElement method, AnnotatedElement type,
            Class<A> annotation) {
        A onMethod = method.getAnnotation(annotation);
        return onMethod != null ? onMethod : type.getAnnotation(annotation);
    }
}
