package dev.agentwarden.runcommand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run script's exit paths without a server: a stub {@code java} first on PATH stands in for Payara Micro, and
 * TMPDIR points at a directory of the test, which must be empty once the script has exited. The real server, with
 * SSL and SIGTERM, is {@code it.RunScriptIT}.
 */
class RunScriptTest {

    @TempDir
    Path dir;

    private Process start(String javaStub, String... environment) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\n" + javaStub + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(dir.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder("bash", "server-config/payara-micro/run.sh", "micro.jar", "warden.war")
                .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("TMPDIR", dir.resolve("tmp").toString());
        builder.environment().put("PORT", "1");
        for (int i = 0; i < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        return builder.start();
    }

    /** Polls until the stub server runs under the script: by then the script's traps are set. */
    private static ProcessHandle awaitServer(Process script) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            ProcessHandle server = script.descendants().filter(p -> p.info().commandLine().orElse("").contains("sleep 600"))
                    .findFirst().orElse(null);
            if (server != null) {
                return server;
            }
            assertTrue(script.isAlive(), "the script stopped before its server started");
            Thread.sleep(50);
        }
        throw new AssertionError("the stub server did not start");
    }

    private static int exitCode(Process script) throws InterruptedException {
        assertTrue(script.waitFor(60, TimeUnit.SECONDS), "the script did not exit");
        return script.exitValue();
    }

    private List<Path> leftInTmp() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("tmp"))) {
            return files.toList();
        }
    }

    @Test
    void sigtermLeavesNoWorkDirectory() throws Exception {
        Process script = start("exec sleep 600");
        awaitServer(script);
        script.destroy();
        exitCode(script);
        assertEquals(List.of(), leftInTmp());
    }

    @Test
    void sigtermStopsTheServer() throws Exception {
        Process script = start("exec sleep 600");
        ProcessHandle server = awaitServer(script);
        script.destroy();
        exitCode(script);
        assertEquals(false, server.isAlive());
    }

    @Test
    void sigtermEndsTheScriptWithStatus143() throws Exception {
        Process script = start("exec sleep 600");
        awaitServer(script);
        script.destroy();
        assertEquals(143, exitCode(script));
    }

    @Test
    void sigintLeavesNoWorkDirectory() throws Exception {
        Process script = start("exec sleep 600");
        awaitServer(script);
        assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(script.pid())).start().waitFor());
        assertEquals(130, exitCode(script));
        assertEquals(List.of(), leftInTmp());
    }

    @Test
    void aServerThatDiesLeavesNoWorkDirectoryAndPassesOnItsStatus() throws Exception {
        Process script = start("exit 3");
        assertEquals(3, exitCode(script));
        assertEquals(List.of(), leftInTmp());
    }

    @Test
    void anUnreadableCertificateLeavesNoWorkDirectory() throws Exception {
        Process script = start("exec sleep 600", "SWML_SSL_ENABLED", "true",
                "SWML_SSL_CERT_PATH", dir.resolve("missing.pem").toString(),
                "SWML_SSL_KEY_PATH", dir.resolve("key.pem").toString());
        assertEquals(2, exitCode(script));
        assertEquals(List.of(), leftInTmp());
    }
}
