package dev.agentwarden.user;

import dev.agentwarden.config.Secrets;
import dev.agentwarden.store.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Creates the first admin of {@code /api} ({@code WARDEN_ADMIN_USER} / {@code WARDEN_ADMIN_PASSWORD}) when no user of
 * that name exists. A generated password is printed once, here, and never again; later starts find the user stored.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event, UserRepository users, Config config) {
        String name = config.getOptionalValue("WARDEN_ADMIN_USER", String.class).orElse("admin");
        if (users.byName(name).isPresent()) {
            return;
        }
        String password = config.getOptionalValue("WARDEN_ADMIN_PASSWORD", String.class).orElse(null);
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = Secrets.base62(32);
        } else if (password.length() < 12) {
            throw new IllegalStateException("WARDEN_ADMIN_PASSWORD must have at least 12 characters");
        }
        users.create(name, Passwords.hash(password), List.of("admin"), "user");
        // One record, so that the block stays together in the server log (the run command's banner points at it).
        LOG.info("Agent Warden API admin created (first start only: WARDEN_ADMIN_PASSWORD is not read again):\n"
                + "  Username: " + name + "\n"
                + (generated ? "  Password: " + password + " (printed this once)" : "  Password: (from WARDEN_ADMIN_PASSWORD)"));
    }
}
