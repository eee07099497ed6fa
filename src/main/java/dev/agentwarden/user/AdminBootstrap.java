package dev.agentwarden.user;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.config.Secrets;
import dev.agentwarden.store.MfaRepository;
import dev.agentwarden.store.UserRecord;
import dev.agentwarden.store.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Creates the first admin of {@code /api} ({@code WARDEN_ADMIN_USER} / {@code WARDEN_ADMIN_PASSWORD}) when no user of
 * that name exists. A generated password is printed once, here, and never again; later starts find the user stored.
 *
 * <p>The way back in when the admin's password (or second factor) is lost: start once with
 * {@code WARDEN_ADMIN_RESET=true}. The admin's password becomes {@code WARDEN_ADMIN_PASSWORD} (or a generated one,
 * printed), the {@code admin} role is given back, MFA is turned off, and {@code user.admin_reset} is audited. Every
 * start with the flag set does it again, so the log says to unset it.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event, UserRepository users,
            MfaRepository mfa, SecurityLog securityLog, Config config) {
        String name = config.getOptionalValue("WARDEN_ADMIN_USER", String.class).orElse("admin");
        Optional<UserRecord> existing = users.byName(name);
        boolean reset = config.getOptionalValue("WARDEN_ADMIN_RESET", Boolean.class).orElse(false);
        if (existing.isPresent() && !reset) {
            return;
        }
        String password = config.getOptionalValue("WARDEN_ADMIN_PASSWORD", String.class).orElse(null);
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = Secrets.base62(32);
        } else if (password.length() < 12) {
            throw new IllegalStateException("WARDEN_ADMIN_PASSWORD must have at least 12 characters");
        }
        String shown = generated ? "  Password: " + password + " (printed this once)"
                : "  Password: (from WARDEN_ADMIN_PASSWORD)";
        if (existing.isEmpty()) {
            users.create(name, Passwords.hash(password), List.of("admin"), "user");
            // One record, so that the block stays together in the server log (the run command's banner points at it).
            LOG.info("Agent Warden API admin created (first start only: WARDEN_ADMIN_PASSWORD is not read again; "
                    + "WARDEN_ADMIN_RESET=true resets it):\n  Username: " + name + "\n" + shown);
            return;
        }
        users.setPasswordHash(name, Passwords.hash(password));
        List<String> roles = new ArrayList<>(existing.get().roles());
        if (!roles.contains("admin")) {
            roles.add("admin");
            users.setRoles(name, roles);
        }
        mfa.disable(existing.get().id());
        securityLog.record("user.admin_reset", null, null, Map.of("username", name, "by", "WARDEN_ADMIN_RESET"));
        LOG.warning("Agent Warden API admin RESET (WARDEN_ADMIN_RESET=true): new password, role admin, MFA off. "
                + "Unset WARDEN_ADMIN_RESET now: every start with it resets the password again.\n  Username: " + name
                + "\n" + shown);
    }
}
