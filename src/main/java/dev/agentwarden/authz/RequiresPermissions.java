package dev.agentwarden.authz;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Shiro permission a resource method needs; {@code {agent}} (any path parameter in braces) is replaced by its
 * value: {@code @RequiresPermissions("agents:write:{agent}")}. Checked by {@link AuthorizationFilter}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresPermissions {

    /** Every listed permission is required. */
    String[] value();
}
