package dev.agentwarden.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Service accounts and their client credentials (JDBC: a handful of rows, read by name or client id). */
@ApplicationScoped
public class ServiceAccountRepository {

    private static final String COLUMNS =
            "id, name, permissions, agents, cert_subject, cert_sha256, created_by, created_at";
    private static final String CREDENTIAL_COLUMNS = "client_id, account_id, secret_hash, created_at, last_used_at";

    private Database database;

    @Inject
    public ServiceAccountRepository(Database database) {
        this.database = database;
    }

    /** For CDI proxies only. */
    protected ServiceAccountRepository() {
    }

    /** A credential with the account it belongs to. */
    public record Credential(ServiceCredentialRecord credential, ServiceAccountRecord account) {
    }

    /**
     * What the token check needs of every live account, read in one go.
     *
     * @param accounts  the names of the accounts that exist
     * @param clientIds each live credential's client id → its account's name
     */
    public record Live(Set<String> accounts, Map<String, String> clientIds) {
    }

    /** Refusal of a name that a user or another account holds (raised inside the transaction, which rolls back). */
    private static final class NameTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NameTaken() {
            super(null, null, false, false);
        }
    }

    /**
     * Stores a new account; empty when its name is taken by an account or by a user (whatever the user name's case),
     * checked in the same transaction.
     */
    public Optional<ServiceAccountRecord> create(ServiceAccountRecord account) {
        try {
            return Optional.of(database.inJdbcTransaction(connection -> {
                if (nameTaken(connection, account.name())) {
                    throw new NameTaken();
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO service_accounts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, account.id());
                    insert.setString(2, account.name());
                    insert.setString(3, String.join(" ", account.permissions()));
                    insert.setString(4, String.join(",", account.agents()));
                    insert.setString(5, account.certSubject());
                    insert.setString(6, account.certSha256());
                    insert.setString(7, account.createdBy());
                    insert.setLong(8, account.createdAt());
                    insert.executeUpdate();
                }
                return account;
            }));
        } catch (NameTaken e) {
            return Optional.empty();
        }
    }

    private static boolean nameTaken(Connection connection, String name) throws SQLException {
        try (PreparedStatement users = connection.prepareStatement(
                "SELECT 1 FROM users WHERE LOWER(username) = ?");
                PreparedStatement accounts = connection.prepareStatement(
                        "SELECT 1 FROM service_accounts WHERE name = ?")) {
            users.setString(1, name);
            accounts.setString(1, name);
            try (ResultSet user = users.executeQuery(); ResultSet other = accounts.executeQuery()) {
                return user.next() || other.next();
            }
        }
    }

    /** Every account, by name. */
    public List<ServiceAccountRecord> all() {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM service_accounts ORDER BY name");
                    ResultSet rows = select.executeQuery()) {
                List<ServiceAccountRecord> all = new ArrayList<>();
                while (rows.next()) {
                    all.add(account(rows, 1));
                }
                return all;
            }
        });
    }

    public Optional<ServiceAccountRecord> byName(String name) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM service_accounts WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(account(row, 1)) : Optional.<ServiceAccountRecord>empty();
                }
            }
        });
    }

    /** Deletes the account and its credentials in one transaction; false when there was no such account. */
    public boolean delete(String name) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement credentials = connection.prepareStatement("DELETE FROM service_account_credentials "
                    + "WHERE account_id IN (SELECT id FROM service_accounts WHERE name = ?)");
                    PreparedStatement account = connection.prepareStatement(
                            "DELETE FROM service_accounts WHERE name = ?")) {
                credentials.setString(1, name);
                credentials.executeUpdate();
                account.setString(1, name);
                return account.executeUpdate() == 1;
            }
        });
    }

    /** The credentials of account {@code accountId}, oldest first. */
    public List<ServiceCredentialRecord> credentials(String accountId) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CREDENTIAL_COLUMNS
                    + " FROM service_account_credentials WHERE account_id = ? ORDER BY created_at, client_id")) {
                select.setString(1, accountId);
                try (ResultSet rows = select.executeQuery()) {
                    List<ServiceCredentialRecord> all = new ArrayList<>();
                    while (rows.next()) {
                        all.add(credential(rows, 1));
                    }
                    return all;
                }
            }
        });
    }

    public void addCredential(ServiceCredentialRecord credential) {
        database.inJdbcTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO service_account_credentials (" + CREDENTIAL_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, credential.clientId());
                insert.setString(2, credential.accountId());
                insert.setString(3, credential.secretHash());
                insert.setLong(4, credential.createdAt());
                insert.setObject(5, credential.lastUsedAt(), Types.BIGINT);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Deletes credential {@code clientId} of account {@code accountId}; false when it has no such credential. */
    public boolean revokeCredential(String accountId, String clientId) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM service_account_credentials WHERE client_id = ? AND account_id = ?")) {
                delete.setString(1, clientId);
                delete.setString(2, accountId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** The credential {@code clientId} with its account: one join on the primary key. */
    public Optional<Credential> credential(String clientId) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT c.client_id, c.account_id, "
                    + "c.secret_hash, c.created_at, c.last_used_at, a.id, a.name, a.permissions, a.agents, "
                    + "a.cert_subject, a.cert_sha256, a.created_by, a.created_at FROM service_account_credentials c "
                    + "JOIN service_accounts a ON a.id = c.account_id WHERE c.client_id = ?")) {
                select.setString(1, clientId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Credential(credential(row, 1), account(row, 6)))
                            : Optional.<Credential>empty();
                }
            }
        });
    }

    /** Records that credential {@code clientId} got a token at {@code at} (epoch milliseconds). */
    public void used(String clientId, long at) {
        database.inJdbcTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE service_account_credentials "
                    + "SET last_used_at = ? WHERE client_id = ? AND (last_used_at IS NULL OR last_used_at < ?)")) {
                update.setLong(1, at);
                update.setString(2, clientId);
                update.setLong(3, at);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** The live accounts and credentials, for the check of every service-account token. */
    public Live live() {
        return database.inJdbcTransaction(connection -> {
            Set<String> accounts = new HashSet<>();
            Map<String, String> clientIds = new HashMap<>();
            try (PreparedStatement names = connection.prepareStatement("SELECT name FROM service_accounts");
                    ResultSet rows = names.executeQuery()) {
                while (rows.next()) {
                    accounts.add(rows.getString(1));
                }
            }
            try (PreparedStatement credentials = connection.prepareStatement("SELECT c.client_id, a.name FROM "
                    + "service_account_credentials c JOIN service_accounts a ON a.id = c.account_id");
                    ResultSet rows = credentials.executeQuery()) {
                while (rows.next()) {
                    clientIds.put(rows.getString(1), rows.getString(2));
                }
            }
            return new Live(Set.copyOf(accounts), Map.copyOf(clientIds));
        });
    }

    private static ServiceAccountRecord account(ResultSet row, int first) throws SQLException {
        return new ServiceAccountRecord(row.getString(first), row.getString(first + 1),
                split(row.getString(first + 2), " "), split(row.getString(first + 3), ","), row.getString(first + 4),
                row.getString(first + 5), row.getString(first + 6), row.getLong(first + 7));
    }

    private static ServiceCredentialRecord credential(ResultSet row, int first) throws SQLException {
        long lastUsed = row.getLong(first + 4);
        Long lastUsedAt = row.wasNull() ? null : lastUsed;
        return new ServiceCredentialRecord(row.getString(first), row.getString(first + 1), row.getString(first + 2),
                row.getLong(first + 3), lastUsedAt);
    }

    private static List<String> split(String joined, String separator) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(separator));
    }
}
