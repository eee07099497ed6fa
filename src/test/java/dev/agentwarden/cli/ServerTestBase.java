package dev.agentwarden.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What the command tests share: a fake server per test, a command line with its own config directory. */
abstract class ServerTestBase {

    @TempDir
    Path config;

    FakeServer server;
    Cli cli;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
        cli = new Cli(config);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The default profile points at the fake server with a token. */
    void loggedIn() {
        new Profiles(config).put("default", new Profiles.Entry(server.url() + "/", "file-token"));
    }
}
