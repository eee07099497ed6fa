package dev.agentwarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run script ({@code server-config/payara-micro/run.sh}) with SSL on, stopped by SIGTERM once it serves: its work
 * directory (made under a TMPDIR of this test) held the keystore with the private key while it ran, and nothing of it
 * nor of its processes may outlive the script. The script is started, terminated and observed once, in
 * {@link #startServeAndTerminate()}; each test checks one thing seen there.
 */
class RunScriptIT {

    private static Path dir;
    private static Path tmp;
    private static int port;
    private static String workDirPermissions;
    private static String keystorePermissions;
    private static String keystorePassword;
    private static List<String> javaArguments;
    private static List<ProcessHandle> processes;
    private static int exitCode;
    private static String log;

    @BeforeAll
    static void startServeAndTerminate() throws Exception {
        dir = Files.createTempDirectory("warden-runscript");
        tmp = Files.createDirectory(dir.resolve("tmp"));
        SelfSigned.create(dir);
        port = freePort();
        ProcessBuilder builder = new ProcessBuilder("bash", "server-config/payara-micro/run.sh",
                System.getProperty("payara.microJar"), System.getProperty("warden.war"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().put("TMPDIR", tmp.toString());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("HTTP_PORT_DISABLED", String.valueOf(freePort()));
        // The cached runtime and its archive are ClassDataSharingIT's: here the script starts the plain way.
        builder.environment().put("WARDEN_CDS", "false");
        builder.environment().put("SWML_SSL_ENABLED", "true");
        builder.environment().put("SWML_SSL_CERT_PATH", dir.resolve("cert.pem").toString());
        builder.environment().put("SWML_SSL_KEY_PATH", dir.resolve("key.pem").toString());
        builder.environment().put("WARDEN_DATA_DIR", dir.resolve("data").toString());
        Process script = builder.start();
        try {
            awaitReady(script);
            awaitBanner(script);
            observeWhileRunning(script);
        } finally {
            script.destroy();
            assertTrue(script.waitFor(60, TimeUnit.SECONDS), "run.sh did not exit after SIGTERM");
        }
        exitCode = script.exitValue();
        log = Files.readString(dir.resolve("server.log"));
    }

    @AfterAll
    static void deleteTestFiles() throws IOException {
        SelfSigned.delete(dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitReady(Process script) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(SelfSigned.trusting(dir.resolve("cert.pem")))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/ready"))
                .timeout(Duration.ofSeconds(20)).build();
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(script.isAlive(), () -> "run.sh stopped: " + logSoFar());
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready: " + logSoFar());
    }

    /** The script prints its banner once it has seen /ready answer itself: wait for that, not only for /ready. */
    private static void awaitBanner(Process script) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!logSoFar().contains("Agent Warden is ready") && Instant.now().isBefore(deadline)) {
            assertTrue(script.isAlive(), () -> "run.sh stopped: " + logSoFar());
            Thread.sleep(200);
        }
    }

    private static void observeWhileRunning(Process script) throws IOException {
        Path work;
        try (Stream<Path> files = Files.list(tmp)) {
            work = files.findFirst().orElseThrow();
        }
        workDirPermissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(work));
        keystorePermissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("keystore.p12")));
        keystorePassword = Files.readAllLines(work.resolve("keystore.args")).stream()
                .filter(line -> line.contains("keyStorePassword=")).map(line -> line.replaceAll("^.*=|\"", ""))
                .findFirst().orElseThrow();
        processes = script.descendants().toList();
        javaArguments = processes.stream().filter(p -> p.info().command().orElse("").endsWith("java"))
                .map(p -> Arrays.asList(p.info().arguments().orElse(new String[0]))).findFirst().orElseThrow();
    }

    private static String logSoFar() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void theWorkDirectoryIsGoneAfterSigterm() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void noProcessOfTheScriptOutlivesIt() {
        assertEquals(List.of(), processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
    }

    @Test
    void theScriptExitsWithTheStatusOfSigterm() {
        assertEquals(143, exitCode);
    }

    @Test
    void theWorkDirectoryWasReadableByTheUserOnly() {
        assertEquals("rwx------", workDirPermissions);
    }

    @Test
    void theKeystoreWasReadableByTheUserOnly() {
        assertEquals("rw-------", keystorePermissions);
    }

    @Test
    void theKeystorePasswordIsThirtyTwoRandomLettersAndDigits() {
        assertTrue(keystorePassword.matches("[A-Za-z0-9]{32}"), "32 random letters and digits expected");
    }

    @Test
    void theKeystorePasswordIsNotOnTheJavaCommandLine() {
        assertEquals(List.of(), javaArguments.stream().filter(a -> a.contains(keystorePassword)).toList());
    }

    @Test
    void theKeystorePasswordIsNotInTheOutput() {
        assertEquals(-1, log.indexOf(keystorePassword));
    }

    @Test
    void theBannerNamesTheLocalhostUrlOnce() {
        assertEquals(List.of(" Agent Warden is ready: https://localhost:" + port + "/"),
                log.lines().filter(line -> line.contains("Agent Warden is ready")).toList());
    }

    /** The JDK's expired root certificates, dumped by Payara at every start, would bury the lines a user needs. */
    @Test
    void theOutputCarriesNoExpiredCertificateDumps() {
        assertEquals(-1, log.indexOf("NCLS-SECURITY-05054"));
    }
}
