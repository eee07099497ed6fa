package dev.agentwarden.swml;

import dev.agentwarden.token.FunctionTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the application's one {@link SwmlRenderer} (a plain object: no proxy on the busiest route). */
@ApplicationScoped
public class SwmlProducer {

    @Produces
    @Singleton
    SwmlRenderer swmlRenderer(FunctionTokens tokens) {
        return new SwmlRenderer(tokens);
    }
}
