package dev.agentwarden.cli;

import picocli.CommandLine.Command;

/** {@code warden logout}: forgets the profile's token. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = {"Forget the profile's token (it stays valid on the server until it expires)."})
final class LogoutCommand extends Base {

    @Override
    int execute() {
        Profiles profiles = warden().profiles();
        Profiles.Entry entry = profiles.get(profile());
        boolean removed = profiles.remove(profile());
        if (json()) {
            printJson(Json.MAPPER.createObjectNode().put("profile", profile()).put("logged_out", removed));
        } else if (removed && entry != null) {
            out().println("Logged out of " + entry.url() + " (profile " + profile() + ").");
        } else {
            out().println("Not logged in (profile " + profile() + "): nothing to do.");
        }
        return 0;
    }
}
