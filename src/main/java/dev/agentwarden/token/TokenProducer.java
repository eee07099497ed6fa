package dev.agentwarden.token;

import dev.agentwarden.config.SwmlSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the application's one {@link FunctionTokens}, from {@code SWML_FUNCTION_TOKEN_SECRET}. */
@ApplicationScoped
public class TokenProducer {

    @Produces
    @Singleton
    FunctionTokens functionTokens(SwmlSettings settings) {
        return new FunctionTokens(settings.tokenSecret(), settings.tokenTtlSeconds());
    }
}
