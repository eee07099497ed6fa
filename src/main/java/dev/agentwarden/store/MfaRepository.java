package dev.agentwarden.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Users' second factor: the sealed TOTP seed, whether it is active, the last time step accepted, the recovery codes.
 * Every "accept once" is a conditional UPDATE in the store, so neither a restart nor a second node reopens a code.
 */
@ApplicationScoped
public class MfaRepository {

    private Database database;

    @Inject
    public MfaRepository(Database database) {
        this.database = database;
    }

    /** For CDI proxies only. */
    protected MfaRepository() {
    }

    /** A user's MFA state. */
    public record MfaState(String userId, String username, String kind, boolean enabled, String sealedSecret,
            Long lastStep) {
    }

    public Optional<MfaState> state(String username) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, username, kind, mfa_enabled, "
                    + "mfa_secret, mfa_last_step FROM users WHERE username = ?")) {
                select.setString(1, username);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<MfaState>empty();
                    }
                    long step = row.getLong(6);
                    Long lastStep = row.wasNull() ? null : step;
                    return Optional.of(new MfaState(row.getString(1), row.getString(2), row.getString(3),
                            row.getBoolean(4), row.getString(5), lastStep));
                }
            }
        });
    }

    /** Stores a new pending seed (MFA stays off until confirmed); false when MFA is already on or there is no user. */
    public boolean setPending(String username, String sealedSecret) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE users SET mfa_secret = ?, "
                    + "mfa_last_step = NULL WHERE username = ? AND mfa_enabled = FALSE")) {
                update.setString(1, sealedSecret);
                update.setString(2, username);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Turns the pending seed on, records {@code step} as used and replaces the recovery codes, in one transaction;
     * false when MFA was turned on meanwhile or the seed changed.
     */
    public boolean enable(String userId, String sealedSecret, long step, List<String> recoveryHashes) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE users SET mfa_enabled = TRUE, "
                    + "mfa_last_step = ? WHERE id = ? AND mfa_enabled = FALSE AND mfa_secret = ?");
                    PreparedStatement clear = connection.prepareStatement(
                            "DELETE FROM mfa_recovery_codes WHERE user_id = ?");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO mfa_recovery_codes (user_id, code_hash) VALUES (?, ?)")) {
                update.setLong(1, step);
                update.setString(2, userId);
                update.setString(3, sealedSecret);
                if (update.executeUpdate() != 1) {
                    return false;
                }
                clear.setString(1, userId);
                clear.executeUpdate();
                for (String hash : recoveryHashes) {
                    insert.setString(1, userId);
                    insert.setString(2, hash);
                    insert.addBatch();
                }
                insert.executeBatch();
                return true;
            }
        });
    }

    /** Turns MFA off: seed, last step and recovery codes gone; false when it was off with no pending seed. */
    public boolean disable(String userId) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE users SET mfa_enabled = FALSE, "
                    + "mfa_secret = NULL, mfa_last_step = NULL WHERE id = ? AND (mfa_enabled = TRUE "
                    + "OR mfa_secret IS NOT NULL)");
                    PreparedStatement clear = connection.prepareStatement(
                            "DELETE FROM mfa_recovery_codes WHERE user_id = ?")) {
                update.setString(1, userId);
                boolean changed = update.executeUpdate() == 1;
                clear.setString(1, userId);
                clear.executeUpdate();
                return changed;
            }
        });
    }

    /** Accepts TOTP time step {@code step} once: true only if it is later than every step accepted before. */
    public boolean useStep(String userId, long step) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE users SET mfa_last_step = ? "
                    + "WHERE id = ? AND mfa_enabled = TRUE AND (mfa_last_step IS NULL OR mfa_last_step < ?)")) {
                update.setLong(1, step);
                update.setString(2, userId);
                update.setLong(3, step);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The hashes of the user's unused recovery codes. */
    public List<String> unusedRecoveryHashes(String userId) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT code_hash FROM mfa_recovery_codes WHERE user_id = ? AND used_at IS NULL")) {
                select.setString(1, userId);
                try (ResultSet rows = select.executeQuery()) {
                    List<String> hashes = new ArrayList<>();
                    while (rows.next()) {
                        hashes.add(rows.getString(1));
                    }
                    return hashes;
                }
            }
        });
    }

    /** Marks a recovery code used; false when it was used meanwhile (only one of two racing logins gets it). */
    public boolean useRecoveryCode(String userId, String hash, long now) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE mfa_recovery_codes SET used_at = ? "
                    + "WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")) {
                update.setLong(1, now);
                update.setString(2, userId);
                update.setString(3, hash);
                return update.executeUpdate() == 1;
            }
        });
    }
}
