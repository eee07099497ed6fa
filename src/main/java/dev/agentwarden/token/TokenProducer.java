package dev.agentwarden.token;

import dev.agentwarden.config.SwmlSettings;
import dev.agentwarden.swml.SwmlRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the application's one {@link FunctionTokens} (from {@code SWML_FUNCTION_TOKEN_SECRET}) and renderer. */
@ApplicationScoped
public class TokenProducer {

    @Produces
    @Singleton
    FunctionTokens functionTokens(SwmlSettings settings) {
        return new FunctionTokens(settings.tokenSecret(), settings.tokenTtlSeconds());
    }

    @Produces
    @Singleton
    SwmlRenderer swmlRenderer(FunctionTokens tokens) {
        return new SwmlRenderer(tokens);
    }
}
