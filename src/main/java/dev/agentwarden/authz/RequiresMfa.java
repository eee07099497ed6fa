package dev.agentwarden.authz;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation needs a fresh second factor: the Java face of the seed's {@code @agent.require_mfa}. On a resource
 * whose path has an {@code {agent}} parameter, the agent's config decides ({@code security.mfa.enabled} and
 * {@code operations} listing {@link #value}); on any other resource, MFA is always required. Proof: a valid code in
 * {@code X-MFA-Code} (TOTP or recovery code), or a token whose {@code amr} holds {@code mfa} with {@code auth_time}
 * within 15 minutes. Refusals: 401 {@code mfa_required} / {@code mfa_invalid}; 403 {@code mfa_required} for API keys and
 * service accounts, which have no second factor; 429 {@code rate_limited} after five wrong codes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresMfa {

    /** The operation: {@code update}, {@code delete}, {@code keys}, {@code export} or {@code whitelist}. */
    String value();
}
