package dev.agentwarden.audit;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link dev.agentwarden.store.SecurityEvent} whose request waits until the audit store has committed it (a secure
 * function's call): a crash after the answer cannot lose it. Fired by {@link SecurityLog#recordDurably}.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Durable {

    /** The qualifier as a value, for {@code Event.select}. */
    final class Literal extends AnnotationLiteral<Durable> implements Durable {
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
