package dev.agentwarden.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.store.MfaRepository;
import dev.agentwarden.store.UserRecord;
import dev.agentwarden.store.UserRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

/** {@link AdminBootstrap}: the first admin, and the reset that gets an operator back in. */
class AdminBootstrapTest {

    private static final String OLD = "old-Password-0123456789";
    private static final String NEW = "new-Password-0123456789";

    /** The users table, in memory. */
    private static final class Users extends UserRepository {
        final Map<String, UserRecord> byName = new HashMap<>();

        @Override
        public Optional<UserRecord> byName(String username) {
            return Optional.ofNullable(byName.get(username));
        }

        @Override
        public Optional<UserRecord> create(String username, String hash, List<String> roles, String kind) {
            UserRecord user = new UserRecord("id-" + username, username, hash, roles, kind, 0, false, null);
            byName.put(username, user);
            return Optional.of(user);
        }

        @Override
        public boolean setPasswordHash(String username, String hash) {
            UserRecord u = byName.get(username);
            byName.put(username, new UserRecord(u.id(), u.username(), hash, u.roles(), u.kind(), 0, u.mfaEnabled(),
                    u.mfaSecret()));
            return true;
        }

        @Override
        public Optional<UserRecord> setRoles(String username, List<String> roles) {
            UserRecord u = byName.get(username);
            byName.put(username, new UserRecord(u.id(), u.username(), u.passwordHash(), roles, u.kind(), 0,
                    u.mfaEnabled(), u.mfaSecret()));
            return Optional.of(byName.get(username));
        }
    }

    private static final class Mfa extends MfaRepository {
        final List<String> disabled = new ArrayList<>();

        @Override
        public boolean disable(String userId) {
            disabled.add(userId);
            return true;
        }
    }

    private static final class Events extends SecurityLog {
        final List<String> types = new ArrayList<>();

        @Override
        public void record(String type, String agent, String peer, Map<String, Object> fields) {
            types.add(type);
        }
    }

    /** MicroProfile Config over a map. */
    private record MapConfig(Map<String, String> values) implements Config {
        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow(NoSuchElementException::new);
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            String value = values.get(name);
            if (value == null) {
                return Optional.empty();
            }
            return Optional.of(type.cast(type == Boolean.class ? (Object) Boolean.valueOf(value) : value));
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException();
        }
    }

    private final Users users = new Users();
    private final Mfa mfa = new Mfa();
    private final Events events = new Events();

    private void start(Map<String, String> config) {
        new AdminBootstrap().onStart(null, users, mfa, events, new MapConfig(config));
    }

    @Test
    void theFirstStartCreatesTheAdmin() {
        start(Map.of("WARDEN_ADMIN_PASSWORD", OLD));
        assertTrue(Passwords.verify(OLD, users.byName("admin").orElseThrow().passwordHash()));
        assertEquals(List.of("admin"), users.byName("admin").orElseThrow().roles());
    }

    @Test
    void aLaterStartIgnoresAChangedPassword() {
        start(Map.of("WARDEN_ADMIN_PASSWORD", OLD));
        start(Map.of("WARDEN_ADMIN_PASSWORD", NEW));
        assertTrue(Passwords.verify(OLD, users.byName("admin").orElseThrow().passwordHash()));
        assertTrue(events.types.isEmpty());
    }

    @Test
    void theResetSetsTheNewPasswordTurnsMfaOffAndIsAudited() {
        start(Map.of("WARDEN_ADMIN_PASSWORD", OLD));
        start(Map.of("WARDEN_ADMIN_PASSWORD", NEW, "WARDEN_ADMIN_RESET", "true"));
        UserRecord admin = users.byName("admin").orElseThrow();
        assertTrue(Passwords.verify(NEW, admin.passwordHash()));
        assertFalse(Passwords.verify(OLD, admin.passwordHash()));
        assertEquals(List.of("id-admin"), mfa.disabled);
        assertEquals(List.of("user.admin_reset"), events.types);
    }

    @Test
    void theResetGivesTheAdminRoleBack() {
        start(Map.of("WARDEN_ADMIN_PASSWORD", OLD));
        users.setRoles("admin", List.of("viewer"));
        start(Map.of("WARDEN_ADMIN_PASSWORD", NEW, "WARDEN_ADMIN_RESET", "true"));
        assertEquals(List.of("viewer", "admin"), users.byName("admin").orElseThrow().roles());
    }

    @Test
    void aShortPasswordIsRefusedForTheResetToo() {
        start(Map.of("WARDEN_ADMIN_PASSWORD", OLD));
        assertThrows(IllegalStateException.class,
                () -> start(Map.of("WARDEN_ADMIN_PASSWORD", "short", "WARDEN_ADMIN_RESET", "true")));
        assertTrue(Passwords.verify(OLD, users.byName("admin").orElseThrow().passwordHash()));
    }
}
