package dev.agentwarden.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Links between an OpenID provider's people ({@code iss}, {@code sub}) and users of this store. */
@ApplicationScoped
public class IdentityRepository {

    private Database database;

    @Inject
    public IdentityRepository(Database database) {
        this.database = database;
    }

    /** For CDI proxies only. */
    protected IdentityRepository() {
    }

    /** The user name linked to {@code (issuer, subject)}, if any. */
    public Optional<String> username(String issuer, String subject) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT u.username FROM user_identities i "
                    + "JOIN users u ON u.id = i.user_id WHERE i.issuer = ? AND i.subject = ?")) {
                select.setString(1, issuer);
                select.setString(2, subject);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Links {@code (issuer, subject)} to the user; false when it is linked already (a concurrent first login). */
    public boolean link(String issuer, String subject, String userId, long now) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO user_identities (issuer, subject, user_id, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, issuer);
                insert.setString(2, subject);
                insert.setString(3, userId);
                insert.setLong(4, now);
                return insert.executeUpdate() == 1;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return false;
                }
                throw e;
            }
        });
    }
}
