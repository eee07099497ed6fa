package dev.agentwarden.endpoint;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS at the context root: agent routes, {@code /health}, {@code /ready} and {@code /api}. */
@ApplicationPath("/")
public class WardenApplication extends Application {
}
