package dev.agentwarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run script's cached runtime with a real Payara Micro and JDK (runtime.sh): the first start records the classes it
 * loads and, once stopped, writes the class-data-sharing archive; the second start maps it. Both starts happen once,
 * in {@link #startTwice()}, with a runtime directory of this test; each test checks one thing seen there. The start
 * times are printed (measured, not asserted: bench/README.md "Cold start" has the figures).
 * <p>
 * The store plays no part in this, so it runs in the embedded-H2 pass only.
 */
class ClassDataSharingIT {

    private static final Pattern MAPPED = Pattern.compile("CDS archive\\(s\\) mapped at: .*?size (\\d+)");

    private static Path dir;
    private static Run first;
    private static Run second;
    private static List<String> archives;

    /** What one start showed: the server's command line, the JVM's own account of CDS, the output and the exit. */
    private record Run(String command, String vmInfo, String log, int exitCode, List<ProcessHandle> processes,
                       Duration toReady, Duration toExit) {
    }

    @BeforeAll
    static void startTwice() throws Exception {
        assumeTrue(System.getProperty("warden.it.pg.url") == null, "runs in the embedded-H2 pass only");
        dir = Files.createTempDirectory("warden-cds");
        Files.createDirectory(dir.resolve("tmp"));
        first = run("first");
        try (Stream<Path> files = Files.list(runtimeRoot())) {
            archives = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cds-")).toList();
        }
        second = run("second");
        System.out.printf("ClassDataSharingIT: launch to /ready %d ms recording, %d ms with the archive;"
                        + " the first start's stop (with the archive written) took %d ms%n",
                first.toReady.toMillis(), second.toReady.toMillis(), first.toExit.toMillis());
    }

    @AfterAll
    static void deleteTestFiles() throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path runtimeRoot() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("runtime"))) {
            return files.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static Run run(String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "server-config/payara-micro/run.sh",
                System.getProperty("payara.microJar"), System.getProperty("warden.war"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TMPDIR", dir.resolve("tmp").toString());
        builder.environment().put("PORT", String.valueOf(freePort()));
        builder.environment().put("WARDEN_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("WARDEN_RUNTIME_DIR", dir.resolve("runtime").toString());
        builder.environment().put("WARDEN_CDS", "true");
        Instant launched = Instant.now();
        Process script = builder.start();
        String command;
        String vmInfo;
        List<ProcessHandle> processes;
        Duration toReady;
        try {
            Instant deadline = launched.plusSeconds(240);
            while (!Files.readString(log).contains("Agent Warden is ready")) {
                assertTrue(script.isAlive(), () -> name + " start stopped: " + read(log));
                assertTrue(Instant.now().isBefore(deadline), () -> name + " start not ready: " + read(log));
                Thread.sleep(100);
            }
            toReady = Duration.between(launched, Instant.now());
            processes = script.descendants().toList();
            ProcessHandle server = processes.stream()
                    .filter(p -> p.info().commandLine().orElse("").contains(" --deploy ")).findFirst().orElseThrow();
            command = server.info().commandLine().orElseThrow();
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(server.pid()), "VM.info").redirectErrorStream(true).start();
            vmInfo = new String(jcmd.getInputStream().readAllBytes());
            assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS), "jcmd did not finish");
        } finally {
            script.destroy();
        }
        Instant stopping = Instant.now();
        assertTrue(script.waitFor(300, TimeUnit.SECONDS), () -> name + " run.sh did not exit: " + read(log));
        return new Run(command, vmInfo, read(log), script.exitValue(), processes, toReady,
                Duration.between(stopping, Instant.now()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The size of the class-data-sharing archives the JVM says it mapped; 0 when none. */
    private static long mappedBytes(String vmInfo) {
        Matcher matcher = MAPPED.matcher(vmInfo);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    @Test
    void theFirstStartRecordsTheClassesItLoads() {
        assertTrue(first.command.contains(" -XX:DumpLoadedClassList="), first.command);
    }

    @Test
    void theFirstStartRunsThePayaraRuntimeKeptInTheRuntimeDirectory() throws IOException {
        assertTrue(first.command.contains(" -jar " + runtimeRoot().resolve("launch-micro.jar") + " "), first.command);
    }

    @Test
    void theFirstStopWritesOneArchive() {
        assertEquals(1, archives.size(), archives + " " + first.log);
    }

    @Test
    void theFirstStopSaysWhichArchiveTheNextStartUses() throws IOException {
        assertTrue(first.log.contains("Agent Warden: the next start uses " + runtimeRoot().resolve(archives.get(0))),
                first.log);
    }

    @Test
    void theFirstStartEndsWithTheStatusOfSigtermAfterWritingTheArchive() {
        assertEquals(143, first.exitCode, first.log);
    }

    @Test
    void noProcessOfTheFirstStartOrOfItsArchiveDumpOutlivesTheScript() {
        assertEquals(List.of(), first.processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
    }

    @Test
    void noWorkDirectoryIsLeftBehind() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("tmp"))) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void theSecondStartAsksForTheArchive() throws IOException {
        assertTrue(second.command.contains(" -XX:SharedArchiveFile=" + runtimeRoot().resolve(archives.get(0)) + " "),
                second.command);
    }

    @Test
    void theSecondStartRecordsNothing() {
        assertTrue(!second.command.contains("DumpLoadedClassList"), second.command);
    }

    /**
     * The JVM's own account: it maps the JDK's default archive (~13 MB) even without ours, so the mapped size tells
     * them apart — with ours it holds Payara Micro's classes too, well over 64 MiB.
     */
    @Test
    void theSecondStartsJvmMappedTheArchive() {
        assertTrue(mappedBytes(second.vmInfo) > 64L << 20, second.vmInfo);
    }

    @Test
    void theFirstStartsJvmHadOnlyTheJdksOwnArchive() {
        assertTrue(mappedBytes(first.vmInfo) < 64L << 20, first.vmInfo);
    }

    @Test
    void theSecondStopWritesNoNewArchive() {
        assertTrue(!second.log.contains("writing the class-data-sharing archive"), second.log);
    }
}
