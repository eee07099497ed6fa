package dev.agentwarden.agent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes one argument of a {@link SwaigFunction} method; its JSON type comes from the Java type. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {

    /** The argument name; empty means the Java parameter name in snake_case (compile with {@code -parameters}). */
    String name() default "";

    /** What the AI reads about this argument. */
    String description() default "";

    /** Whether the AI must supply it. */
    boolean required() default true;
}
