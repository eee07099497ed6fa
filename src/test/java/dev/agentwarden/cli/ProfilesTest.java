package dev.agentwarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credential file: where it lives, its permissions, profiles, atomic replacement. */
class ProfilesTest {

    @TempDir
    Path home;

    @Test
    void writtenWithMode0600InADirectoryOf0700AndReadBack() throws IOException {
        Path dir = home.resolve("warden");
        Profiles profiles = new Profiles(dir);
        profiles.put("default", new Profiles.Entry("https://a.example/", "token-1"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(profiles.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(new Profiles.Entry("https://a.example/", "token-1"), new Profiles(dir).get("default"));
    }

    @Test
    void anExistingDirectoryIsTightenedTo0700() throws IOException {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        new Profiles(home).put("default", new Profiles.Entry("https://a.example/", "t"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
    }

    @Test
    void profilesAreKeptApartAndRemovedOneByOne() {
        Profiles profiles = new Profiles(home);
        profiles.put("default", new Profiles.Entry("https://a.example/", "ta"));
        profiles.put("prod", new Profiles.Entry("https://b.example/", "tb"));
        profiles.put("prod", new Profiles.Entry("https://b.example/", "tb2"));
        assertEquals("ta", profiles.get("default").token());
        assertEquals("tb2", profiles.get("prod").token());
        assertTrue(profiles.remove("prod"));
        assertFalse(profiles.remove("prod"));
        assertNull(profiles.get("prod"));
        assertEquals("ta", profiles.get("default").token());
    }

    @Test
    void noTemporaryFileIsLeftBehind() throws IOException {
        Profiles profiles = new Profiles(home);
        profiles.put("default", new Profiles.Entry("https://a.example/", "t1"));
        profiles.put("default", new Profiles.Entry("https://a.example/", "t2"));
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void theDirectoryFollowsWardenConfigDirThenXdgThenHome() {
        assertEquals(home.resolve("credentials"), Profiles.in(Map.of("WARDEN_CONFIG_DIR", home.toString(),
                "XDG_CONFIG_HOME", "/elsewhere")).file());
        assertEquals(Path.of("/xdg/warden/credentials"), Profiles.in(Map.of("XDG_CONFIG_HOME", "/xdg")).file());
        assertEquals(Path.of(System.getProperty("user.home"), ".config", "warden", "credentials"),
                Profiles.in(Map.of()).file());
    }

    @Test
    void aMissingFileHasNoProfiles() {
        assertNull(new Profiles(home.resolve("none")).get("default"));
    }

    @Test
    void aBrokenFileIsAUsageErrorThatSaysWhatToDo() throws IOException {
        Files.writeString(home.resolve("credentials"), "{not json");
        CliError error = org.junit.jupiter.api.Assertions.assertThrows(CliError.class,
                () -> new Profiles(home).get("default"));
        assertEquals(CliError.USAGE, error.exitCode());
        assertTrue(error.getMessage().contains("log in again"), error.getMessage());
    }
}
