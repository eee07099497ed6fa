package dev.agentwarden.agent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method of an {@link AgentBase} as a SWAIG function: the annotated style of {@code defineTool}.
 *
 * <pre>{@code
 * @SwaigFunction(description = "Delete a customer account", secure = true)
 * SwaigFunctionResult deleteAccount(@Param(description = "Account number") String account) { ... }
 * }</pre>
 * The method either takes {@code (Map<String, Object> args, SwaigRequest raw)}, or one parameter per argument
 * (described with {@link Param}, optionally followed by a {@code SwaigRequest}). The function name defaults to the
 * method name in snake_case.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SwaigFunction {

    /** The function name; empty means the method name in snake_case. */
    String name() default "";

    /** What the AI reads to decide when to call it. */
    String description();

    /** {@code true}: calls must carry the per-function token. */
    boolean secure() default false;

    /** Calls allowed per caller per {@link #rateLimitWindowSeconds()}; 0 means no per-function limit. */
    int rateLimit() default 0;

    /** The window of {@link #rateLimit()}, in seconds. */
    int rateLimitWindowSeconds() default 60;
}
