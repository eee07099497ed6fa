package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The credential file ({@code ~/.config/warden/credentials}, or under {@code $XDG_CONFIG_HOME}, or
 * {@code $WARDEN_CONFIG_DIR}): one {@code {url, token}} per profile, JSON, mode 0600 in a 0700 directory, replaced
 * atomically (a temporary file created with those permissions, then moved over the old one).
 */
final class Profiles {

    static final String DEFAULT = "default";
    static final String FILE_NAME = "credentials";

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    /** What one profile holds. */
    record Entry(String url, String token) {
    }

    private final Path dir;

    Profiles(Path dir) {
        this.dir = dir;
    }

    /** The configuration directory {@code env} points at. */
    static Profiles in(Map<String, String> env) {
        String override = env.get("WARDEN_CONFIG_DIR");
        if (override != null && !override.isBlank()) {
            return new Profiles(Path.of(override));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new Profiles(base.resolve("warden"));
    }

    Path file() {
        return dir.resolve(FILE_NAME);
    }

    /** The profile's entry, or {@code null}. */
    Entry get(String profile) {
        JsonNode entry = read().path("profiles").path(profile);
        if (!entry.hasNonNull("url") || !entry.hasNonNull("token")) {
            return null;
        }
        return new Entry(entry.get("url").asText(), entry.get("token").asText());
    }

    void put(String profile, Entry entry) {
        ObjectNode all = read();
        ObjectNode profiles = all.with("profiles");
        profiles.putObject(profile).put("url", entry.url()).put("token", entry.token());
        write(all);
    }

    /** Removes the profile; {@code false} when there was none. */
    boolean remove(String profile) {
        ObjectNode all = read();
        JsonNode profiles = all.path("profiles");
        if (!profiles.has(profile)) {
            return false;
        }
        ((ObjectNode) profiles).remove(profile);
        write(all);
        return true;
    }

    private ObjectNode read() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw new CliError(CliError.USAGE, "cannot read " + file + " (" + e.getMessage()
                    + "): fix or delete it, then log in again", e);
        }
        throw new CliError(CliError.USAGE, file + " is not a credential file: delete it, then log in again");
    }

    private void write(ObjectNode all) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
                Files.setPosixFilePermissions(dir, DIR_MODE);
            } else {
                Files.createDirectories(dir);
            }
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)} : new FileAttribute<?>[0];
            Path temp = Files.createTempFile(dir, ".credentials-", ".tmp", attributes);
            try {
                Files.writeString(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(all) + "\n",
                        StandardCharsets.UTF_8);
                Files.move(temp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliError(CliError.USAGE, "cannot write " + file() + ": " + e.getMessage(), e);
        }
    }
}
