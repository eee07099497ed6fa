package dev.agentwarden.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code warden}, the command line of Agent Warden: the root command, its global options ({@code --profile},
 * {@code --json}) and what every command shares (environment, terminal, credential file).
 */
@Command(name = "warden", mixinStandardHelpOptions = true, version = "warden 0.1.0",
        description = "Agent Warden's command line: agents, their security controls, API keys, alerts, audit logs and users.",
        footer = {"", "Environment: WARDEN_URL and WARDEN_TOKEN (an API key or a JWT) replace `warden login`;",
            "WARDEN_CONFIG_DIR (else $XDG_CONFIG_HOME/warden, else ~/.config/warden) holds the credential file.",
            "Exit codes: 0 ok, 1 refused by the server, 2 usage error, 3 server unreachable."},
        subcommands = {LoginCommand.class, LogoutCommand.class, AgentsCommand.class, KeysCommand.class,
            SecurityCommand.class, WebhooksCommand.class, AlertsCommand.class, AccountsCommand.class, MeCommand.class,
            LogsCommand.class, AuditCommand.class, UsersCommand.class, InvokeCommand.class, SessionsCommand.class,
            CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Warden implements Runnable {

    @Option(names = "--profile", scope = ScopeType.INHERIT, defaultValue = Profiles.DEFAULT, paramLabel = "NAME",
            description = "The credential profile (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print JSON for scripts instead of tables.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final InputStream stdin;
    private final Console console;
    private BufferedReader stdinLines;
    /** How often {@code logs --follow} polls, and how many times (tests bound it; Ctrl-C does otherwise). */
    Duration pollInterval = Duration.ofSeconds(2);
    long maxPolls = Long.MAX_VALUE;
    Clock clock = Clock.systemUTC();
    /** Whether stderr is a terminal (progress lines); {@code null}: find out. */
    Boolean stderrTerminal;
    /** Whether someone is there to answer a prompt (an MFA code); {@code null}: whether there is a console. */
    Boolean interactive;

    /** The command line of this process: its environment, stdin and terminal. */
    public Warden() {
        this(System.getenv(), System.in, System.console());
    }

    /** A command line with the given environment, stdin and terminal ({@code console} may be null). */
    public Warden(Map<String, String> env, InputStream stdin, Console console) {
        this.env = Map.copyOf(env);
        this.stdin = stdin;
        this.console = console;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: see `warden --help`");
    }

    String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    Profiles profiles() {
        return Profiles.in(env);
    }

    /** What was piped to the command ({@code agents set --file -}). */
    InputStream stdin() {
        return stdin;
    }

    /** Whether a prompt can be answered: there is a terminal (tests say so through {@link #interactive}). */
    boolean interactive() {
        return interactive != null ? interactive : console != null;
    }

    /**
     * The client of the server the profile (or {@code WARDEN_URL} + {@code WARDEN_TOKEN}) points at. {@code WARDEN_TOKEN}
     * wins over the file; a file token is never sent to a {@code WARDEN_URL} other than the one it was issued by.
     */
    Api api() {
        String envToken = env("WARDEN_TOKEN");
        String envUrl = env("WARDEN_URL");
        Profiles.Entry entry = profiles().get(profile);
        if (envToken != null) {
            String url = envUrl != null ? envUrl : entry != null ? entry.url() : null;
            if (url == null) {
                throw CliError.usage("WARDEN_TOKEN is set but WARDEN_URL is not: set WARDEN_URL too");
            }
            return new Api(Api.baseUri(url), envToken);
        }
        if (entry == null) {
            throw CliError.notLoggedIn(profile);
        }
        if (envUrl != null && !Api.baseUri(envUrl).equals(Api.baseUri(entry.url()))) {
            throw CliError.usage("WARDEN_URL (" + envUrl + ") is not the server of profile " + profile + " ("
                    + entry.url() + "): set WARDEN_TOKEN too, or unset WARDEN_URL");
        }
        return new Api(Api.baseUri(entry.url()), entry.token());
    }

    /** A secret typed at the terminal without echo, or the next line of stdin when there is no terminal. */
    char[] readSecret(String prompt) {
        if (console != null) {
            char[] secret = console.readPassword("%s", prompt);
            if (secret == null || secret.length == 0) {
                throw CliError.usage("no " + prompt.replace(":", "").trim().toLowerCase() + " given");
            }
            return secret;
        }
        try {
            if (stdinLines == null) {
                stdinLines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            }
            String line = stdinLines.readLine();
            if (line == null || line.isEmpty()) {
                throw CliError.usage("no " + prompt.replace(":", "").trim().toLowerCase()
                        + " given: type it at a terminal, or pipe it on stdin");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw CliError.usage("cannot read stdin: " + e.getMessage());
        }
    }

    /** Whether stderr is a terminal: Linux tells through {@code /proc}; elsewhere, whether there is a console. */
    boolean stderrIsTerminal() {
        if (stderrTerminal != null) {
            return stderrTerminal;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return console != null;
        }
    }
}
