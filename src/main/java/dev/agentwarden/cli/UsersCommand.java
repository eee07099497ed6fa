package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden users list|create|roles}: the users of {@code /api} and their roles. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "List and create users, set their roles.",
        subcommands = {UsersCommand.ListUsers.class, UsersCommand.Create.class, UsersCommand.Roles.class})
final class UsersCommand extends Group {

    static final String USERS = "api/users";

    static String roles(JsonNode user) {
        List<String> roles = new java.util.ArrayList<>();
        user.path("roles").forEach(r -> roles.add(r.asText()));
        return String.join(",", roles);
    }

    static ArrayNode array(List<String> values) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    /** {@code users list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users (never a password).")
    static final class ListUsers extends Base {

        @Override
        int execute() {
            JsonNode users = warden().api().get(USERS);
            if (json()) {
                printJson(users);
                return 0;
            }
            Table table = new Table("USERNAME", "ROLES", "KIND", "CREATED");
            for (JsonNode user : users) {
                table.row(Json.text(user, "username"), roles(user), Json.text(user, "kind"),
                        Table.ago(Json.text(user, "created_at"), now(), "-"));
            }
            table.print(out());
            return 0;
        }
    }

    /** {@code users create <name> [--roles viewer]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a user; the password (12 characters or more) is read without echo, or from stdin."})
    static final class Create extends Base {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--roles", split = ",", paramLabel = "ROLE", defaultValue = "viewer",
                description = "Roles, comma-separated: admin, developer, viewer (default: ${DEFAULT-VALUE}).")
        List<String> roles;

        @Override
        int execute() {
            char[] password = warden().readSecret("Password for " + name + ": ");
            ObjectNode body = Json.MAPPER.createObjectNode().put("username", name).put("password", new String(password));
            Arrays.fill(password, '\0');
            body.set("roles", array(roles));
            JsonNode user = warden().api().send("POST", USERS, body);
            if (json()) {
                printJson(user);
            } else {
                out().println("Created user " + Json.text(user, "username") + " with roles " + roles(user) + ".");
            }
            return 0;
        }
    }

    /** {@code users roles <name> --roles developer,viewer}. */
    @Command(name = "roles", mixinStandardHelpOptions = true, description = "Replace a user's roles.")
    static final class Roles extends Base {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--roles", split = ",", required = true, paramLabel = "ROLE",
                description = "The new roles, comma-separated.")
        List<String> roles;

        @Override
        int execute() {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.set("roles", array(roles));
            JsonNode user = warden().api().send("PUT", USERS + "/" + Api.path(name) + "/roles", body);
            if (json()) {
                printJson(user);
            } else {
                out().println("User " + Json.text(user, "username") + " now has roles " + roles(user) + ".");
            }
            return 0;
        }
    }
}
