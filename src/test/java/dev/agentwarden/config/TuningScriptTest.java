package dev.agentwarden.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code server-config/payara-micro/tuning.sh}: what the run command and the benchmark add to Payara Micro. */
class TuningScriptTest {

    private static final Path SCRIPT = Path.of("server-config/payara-micro/tuning.sh").toAbsolutePath();

    @Test
    void theParallelCollectorIsTheDefault() throws Exception {
        assertEquals(new Result(0, "-XX:+UseParallelGC"), run("warden_gc_opts", Map.of()));
    }

    @Test
    void aCollectorNamedInJavaOptsIsLeftAlone() throws Exception {
        assertEquals(new Result(0, ""), run("warden_gc_opts", Map.of("JAVA_OPTS", "-Xss1m -XX:+UseG1GC")));
    }

    @Test
    void otherJavaOptsKeepTheParallelCollector() throws Exception {
        assertEquals(new Result(0, "-XX:+UseParallelGC"), run("warden_gc_opts", Map.of("JAVA_OPTS", "-Xss1m")));
    }

    @Test
    void workerThreadsDefaultToFourPerCoreAndAtLeastEight() throws Exception {
        int cores = Integer.parseInt(run("nproc", Map.of()).output());
        int expected = Math.max(8, cores * 4);

        assertEquals(new Result(0, pool(expected)), run("warden_preboot_tuning", Map.of()));
    }

    @Test
    void workerThreadsComeFromWardenHttpThreads() throws Exception {
        assertEquals(new Result(0, pool(12)), run("warden_preboot_tuning", Map.of("WARDEN_HTTP_THREADS", "12")));
    }

    @Test
    void aWorkerThreadCountThatIsNotANumberIsRefused() throws Exception {
        Result result = run("warden_preboot_tuning", Map.of("WARDEN_HTTP_THREADS", "8; rm -rf /"));

        assertNotEquals(0, result.status());
        assertTrue(result.output().contains("WARDEN_HTTP_THREADS must be a positive number"), result.output());
    }

    private static String pool(int threads) {
        return "set configs.config.server-config.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size="
                + threads + "\nset configs.config.server-config.thread-pools.thread-pool.http-thread-pool"
                + ".min-thread-pool-size=" + threads;
    }

    private record Result(int status, String output) {
    }

    private static Result run(String function, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", ". \"$0\" && " + function, SCRIPT.toString()))
                .redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("WARDEN_HTTP_THREADS");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Result(process.exitValue(), output);
    }
}
