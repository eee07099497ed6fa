package dev.agentwarden.swaig;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the SWAIG call filters ({@link SwaigCallFilter}, then the function token check) to the {@code {route}/swaig}
 * resource method, and to nothing else.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SwaigEndpoint {
}
