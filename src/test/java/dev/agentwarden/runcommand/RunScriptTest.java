package dev.agentwarden.runcommand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
        Files.writeString(java, "#!/bin/sh\nprintf ' %s \\n' \"$*\" >> '" + dir.resolve("java-calls.log") + "'\n"
                + javaStub + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(dir.resolve("tmp"));
        String microJar = environment.length > 3 && environment[2].equals("MICRO_JAR") ? environment[3] : "micro.jar";
        ProcessBuilder builder = new ProcessBuilder("bash", "server-config/payara-micro/run.sh", microJar, "pom.xml")
                .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("TMPDIR", dir.resolve("tmp").toString());
        builder.environment().put("PORT", "1");
        builder.environment().put("WARDEN_RUNTIME_DIR", dir.resolve("runtime").toString());
        builder.environment().put("WARDEN_CDS", "false");
        for (int i = 0; i < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        return builder.start();
    }

    /**
     * Starts the script with the cached runtime on: the stub {@code java} unpacks a fake runtime for
     * {@code --outputlauncher}, writes the class list and the archive it is asked for (the dump exits with
     * DUMP_STATUS), and otherwise serves as the server; a stub {@code curl} answers /ready (exit status CURL_STATUS).
     */
    private Process startCached(String... environment) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path curl = bin.resolve("curl");
        Files.writeString(curl, "#!/bin/sh\nexit ${CURL_STATUS:-0}\n");
        Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("micro.jar"), "payara micro " + dir);
        String[] all = Stream.concat(Stream.of("WARDEN_CDS", "true", "MICRO_JAR", dir.resolve("micro.jar").toString()),
                Stream.of(environment)).toArray(String[]::new);
        return start("""
                case "$*" in
                  *-version*) echo 'openjdk version "17.0.99"' >&2; exit 0 ;;
                  *--outputlauncher*)
                    for a; do if [ "$prev" = --rootdir ]; then root=$a; fi; prev=$a; done
                    mkdir -p "$root/config" && echo launcher > "$root/launch-micro.jar"
                    echo pristine > "$root/config/domain.xml"
                    exit 0 ;;
                  *-Xshare:dump*)
                    for a; do case $a in -XX:SharedArchiveFile=*) echo archive > "${a#*=}" ;; esac; done
                    exit ${DUMP_STATUS:-0} ;;
                esac
                for a; do case $a in -XX:DumpLoadedClassList=*) echo 'java/lang/Object id: 1' > "${a#*=}" ;; esac; done
                exec sleep 600""", all);
    }

    private Path runtimeRoot() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("runtime"))) {
            return files.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private List<String> archives() throws IOException {
        try (Stream<Path> files = Files.list(runtimeRoot())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cds-")).sorted().toList();
        }
    }

    /** The arguments of the last server the stub {@code java} started, between spaces. */
    private String serverCommand() throws IOException {
        List<String> servers = Files.readAllLines(dir.resolve("java-calls.log")).stream()
                .filter(line -> line.contains(" --deploy ")).toList();
        return servers.get(servers.size() - 1);
    }

    /** Polls until the script printed its banner (the stub curl answered /ready). */
    private void awaitBanner(Process script) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!Files.readString(dir.resolve("run.log")).contains("Agent Warden is ready")) {
            assertTrue(Instant.now().isBefore(deadline), "no banner");
            assertTrue(script.isAlive(), "the script stopped before its banner");
            Thread.sleep(50);
        }
    }

    /** A start with the cached runtime that reached /ready (unless the stub curl fails), stopped with SIGTERM. */
    private String startAndStopCached(String... environment) throws Exception {
        Process script = startCached(environment);
        awaitServer(script);
        if (!List.of(environment).contains("CURL_STATUS")) {
            awaitBanner(script);
        } else {
            Thread.sleep(1500);
        }
        script.destroy();
        assertEquals(143, exitCode(script));
        return serverCommand();
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

    @Test
    void theServerGetsAHeapBoundByDefault() throws Exception {
        Process script = start("exec sleep 600");
        awaitServer(script);
        script.destroy();
        exitCode(script);
        String command = serverCommand();
        assertTrue(command.contains(" -Xmx512m "), command);
    }

    @Test
    void aHeapBoundInJavaOptsReplacesTheDefault() throws Exception {
        Process script = start("exec sleep 600", "JAVA_OPTS", "-XX:MaxRAMPercentage=50");
        awaitServer(script);
        script.destroy();
        exitCode(script);
        String command = serverCommand();
        assertTrue(command.contains(" -XX:MaxRAMPercentage=50 ") && !command.contains("-Xmx"), command);
    }

    @Test
    void oneNodeStartsWithoutTheDataGrid() throws Exception {
        Process script = start("exec sleep 600");
        awaitServer(script);
        script.destroy();
        exitCode(script);
        String command = serverCommand();
        assertTrue(command.contains(" --nocluster --nohazelcast "), command);
    }

    @Test
    void theFirstCachedStartRecordsTheClassesItLoads() throws Exception {
        String command = startAndStopCached();
        assertTrue(command.contains(" -XX:DumpLoadedClassList=" + dir.resolve("tmp")), command);
        assertTrue(command.contains(" -jar " + runtimeRoot().resolve("launch-micro.jar") + " "), command);
    }

    @Test
    void theFirstCachedStartWritesTheArchiveAfterItsServerStopped() throws Exception {
        startAndStopCached();
        assertEquals(1, archives().size(), archives().toString());
        assertTrue(archives().get(0).matches("cds-[0-9a-f]{16}\\.jsa"), archives().toString());
        assertEquals(List.of(), leftInTmp());
    }

    @Test
    void theNextStartMapsTheArchive() throws Exception {
        startAndStopCached();
        String command = startAndStopCached();
        assertTrue(command.contains(" -XX:SharedArchiveFile=" + runtimeRoot().resolve(archives().get(0)) + " "),
                command);
        assertTrue(!command.contains("DumpLoadedClassList"), command);
    }

    @Test
    void aFailedDumpLeavesNoArchive() throws Exception {
        startAndStopCached("DUMP_STATUS", "1");
        assertEquals(List.of(), archives());
        assertTrue(Files.readString(dir.resolve("run.log")).contains("no class-data-sharing archive was written"));
    }

    @Test
    void aStartThatNeverGotReadyWritesNoArchive() throws Exception {
        startAndStopCached("CURL_STATUS", "7");
        assertEquals(List.of(), archives());
    }

    @Test
    void eachCachedStartBeginsWithThePristineConfigurationAndNoApplication() throws Exception {
        startAndStopCached();
        Path root = runtimeRoot();
        Files.writeString(root.resolve("config/domain.xml"), "changed by the last start");
        Files.createDirectories(root.resolve("applications/left-over"));
        Process script = startCached();
        awaitServer(script);
        String config = Files.readString(root.resolve("config/domain.xml"));
        boolean applications = Files.exists(root.resolve("applications"));
        script.destroy();
        exitCode(script);
        assertEquals("pristine\n", config);
        assertEquals(false, applications);
    }

    @Test
    void aRuntimeInUseByAnotherServerIsLeftAloneAndTheServerStartsTheOldWay() throws Exception {
        startAndStopCached();
        Process holder = new ProcessBuilder("flock", "-n", runtimeRoot() + ".lock", "sleep", "600").start();
        try {
            Thread.sleep(300);
            assertTrue(holder.isAlive(), "flock could not take the lock");
            String command = startAndStopCached();
            assertTrue(command.contains(" -jar " + dir.resolve("micro.jar") + " "), command);
            assertTrue(Files.readString(dir.resolve("run.log")).contains("used by another server"));
        } finally {
            holder.destroy();
        }
    }

    private static final String[] CLUSTER = {"WARDEN_CLUSTER", "127.0.0.1:6900,127.0.0.1:6901",
        "WARDEN_DATASOURCE", "jdbc/warden", "SWML_FUNCTION_TOKEN_SECRET", "s".repeat(32),
        "WARDEN_JWT_SECRET", "j".repeat(32), "WARDEN_SECRETS_KEY", "k".repeat(32)};

    /** {@link #CLUSTER} with {@code name} left out. */
    private static String[] clusterWithout(String name) {
        List<String> environment = new ArrayList<>(List.of(CLUSTER));
        int at = environment.indexOf(name);
        environment.remove(at + 1);
        environment.remove(at);
        return environment.toArray(String[]::new);
    }

    private boolean aServerWasStarted() throws IOException {
        Path calls = dir.resolve("java-calls.log");
        return Files.exists(calls) && Files.readString(calls).contains(" --deploy ");
    }

    @Test
    void clusterModeStartsPayaraMicroInItsClusterModeOnTheMembersHost() throws Exception {
        Process script = start("exec sleep 600", CLUSTER);
        awaitServer(script);
        script.destroy();
        exitCode(script);
        assertTrue(serverCommand().contains(" --clustermode tcpip:127.0.0.1:6900,127.0.0.1:6901"
                + " --clustername agent-warden --interfaces 127.0.0.1 --nohostaware "), serverCommand());
    }

    @Test
    void clusterModeRunsTheDataGrid() throws Exception {
        Process script = start("exec sleep 600", CLUSTER);
        awaitServer(script);
        script.destroy();
        exitCode(script);
        assertTrue(!serverCommand().contains("--nohazelcast") && !serverCommand().contains("--nocluster"),
                serverCommand());
    }

    @Test
    void clusterModeOnTheEmbeddedStoreIsRefusedBeforeAnyServerStarts() throws Exception {
        Process script = start("exec sleep 600", clusterWithout("WARDEN_DATASOURCE"));
        assertEquals(2, exitCode(script));
        assertEquals(false, aServerWasStarted());
        assertTrue(Files.readString(dir.resolve("run.log")).contains("Set WARDEN_DATASOURCE"));
        assertEquals(List.of(), leftInTmp());
    }

    @Test
    void clusterModeWithoutASharedSecretIsRefusedNamingIt() throws Exception {
        Process script = start("exec sleep 600", clusterWithout("WARDEN_SECRETS_KEY"));
        assertEquals(2, exitCode(script));
        assertEquals(false, aServerWasStarted());
        assertTrue(Files.readString(dir.resolve("run.log")).contains("set WARDEN_SECRETS_KEY (the same value on every"
                + " node)"), Files.readString(dir.resolve("run.log")));
    }

    @Test
    void aMalformedMemberListIsRefused() throws Exception {
        String[] environment = CLUSTER.clone();
        environment[1] = "127.0.0.1;6900";
        Process script = start("exec sleep 600", environment);
        assertEquals(2, exitCode(script));
        assertEquals(false, aServerWasStarted());
    }

    @Test
    void aStartAddingLibrariesRunsPayaraMicroItselfAsItsLauncherRefusesThem() throws Exception {
        String command = startAndStopCached("PAYARA_OPTS", "--addlibs postgresql.jar");
        assertTrue(command.contains(" -jar " + dir.resolve("micro.jar") + " ") && !command.contains("SharedArchive")
                && !command.contains("DumpLoadedClassList"), command);
    }
}
