package dev.agentwarden.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden audit export <agent> --period 30d [--format csv|ndjson] [-o file]}: the streamed audit export. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "An agent's audit log.",
        subcommands = AuditCommand.Export.class)
final class AuditCommand extends Group {

    /** The export formats. */
    enum Format { ndjson, csv }

    /** {@code audit export}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Export an agent's audit events of a period, oldest first.",
                "Streamed to a file (-o) or stdout; a progress line shows on stderr when it is a terminal."})
    static final class Export extends Base {

        private static final int BUFFER = 64 * 1024;
        private static final int PROGRESS_STEP = 256 * 1024;

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Option(names = "--period", paramLabel = "DURATION", defaultValue = "30d",
                description = "How far back, e.g. 30d (default: ${DEFAULT-VALUE}).")
        String period;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ndjson",
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Format format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
        Path output;

        @Mixin
        MfaCode mfa;

        @Override
        int execute() {
            if (!KeysCommand.DURATION.matcher(period).matches()) {
                throw usage("--period must be a duration such as 24h or 30d: " + period);
            }
            Map<String, String> query = new LinkedHashMap<>();
            query.put("period", period);
            query.put("format", format.name());
            String path = Api.query("api/agents/" + Api.path(agent) + "/audit/export", query);
            try (InputStream body = withMfa(mfa, api -> api.stream(path))) {
                if (output == null) {
                    toStdout(body);
                    return 0;
                }
                long bytes = toFile(body);
                if (json()) {
                    printJson(Json.MAPPER.createObjectNode().put("file", output.toString()).put("format", format.name())
                            .put("bytes", bytes));
                } else {
                    out().println("Exported " + size(bytes) + " of audit events (" + format + ", " + period + ") to "
                            + output + ".");
                }
                return 0;
            } catch (IOException e) {
                throw new CliError(CliError.UNREACHABLE, "the export from " + warden().api().base() + " broke off: "
                        + e.getMessage() + (output == null ? "" : "; " + output + " was not written"), e);
            }
        }

        private void toStdout(InputStream body) throws IOException {
            Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
            char[] buffer = new char[BUFFER / 2];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                out().write(buffer, 0, n);
            }
            out().flush();
        }

        /** Streams into {@code FILE.part}, then moves it in place: a broken download never looks complete. */
        private long toFile(InputStream body) throws IOException {
            Path target = output.toAbsolutePath();
            Path part = target.resolveSibling(target.getFileName() + ".part");
            boolean progress = warden().stderrIsTerminal();
            long bytes = 0;
            long shown = 0;
            OutputStream file = open(part);
            try (file) {
                byte[] buffer = new byte[BUFFER];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    write(file, buffer, n, part);
                    bytes += n;
                    if (progress && bytes - shown >= PROGRESS_STEP) {
                        shown = bytes;
                        err().print("\rExporting... " + size(bytes));
                        err().flush();
                    }
                }
            } catch (IOException | CliError e) {
                Files.deleteIfExists(part);
                throw e;
            }
            try {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw CliError.usage("cannot write " + target + ": " + e.getMessage());
            }
            if (progress && shown > 0) {
                err().println("\rExporting... " + size(bytes) + ", done.");
                err().flush();
            }
            return bytes;
        }

        /** The file side's failures are the user's to fix (exit 2); the network side's are not. */
        private static OutputStream open(Path part) {
            try {
                return Files.newOutputStream(part);
            } catch (IOException e) {
                throw CliError.usage("cannot write " + part + ": " + e);
            }
        }

        private static void write(OutputStream file, byte[] buffer, int n, Path part) {
            try {
                file.write(buffer, 0, n);
            } catch (IOException e) {
                throw CliError.usage("cannot write " + part + ": " + e.getMessage());
            }
        }

        static String size(long bytes) {
            if (bytes < 1024) {
                return bytes + " bytes";
            }
            if (bytes < 1024 * 1024) {
                return String.format("%.1f KiB", bytes / 1024.0);
            }
            return String.format("%.1f MiB", bytes / (1024.0 * 1024));
        }
    }
}
