package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.core.BearerTokens;
import dev.scms.core.InvalidInputException;
import dev.scms.store.AccessToken;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Groups the commands that manage the bearer tokens of {@code scms serve --http}. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Create, list and revoke the bearer tokens "
        + "that scms serve --http accepts. The database keeps only a SHA-256 hash of each token.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    @ParentCommand
    Main parent;

    /** The settings, logging and token use case that each token command needs. */
    abstract static class TokenAction implements Callable<Integer> {

        @Mixin
        SettingsOptions settings;

        @ParentCommand
        TokenCommand token;

        @Spec
        CommandSpec spec;

        SettingsOptions merged() {
            return settings.mergedOver(token.parent.settings);
        }

        /** Opens the store without the model, runs the work on the tokens, and closes the store. */
        <T> T withTokens(Function<BearerTokens, T> work) {
            Settings loaded = merged().load();
            Logging.start(loaded.home(), "WARN");
            try (Application application = Application.open(loaded, Clock.systemUTC(), false)) {
                return work.apply(new BearerTokens(application.store().accessTokens(), new SecureRandom(),
                        Clock.systemUTC()));
            }
        }

        /** Returns the user that {@code --user} names; the other sources of the user setting do not count here. */
        String requiredUser(String action) {
            String user = merged().user;
            if (user == null) {
                throw new InvalidInputException("user", "missing; pass --user NAME to name the user whose token to "
                        + action);
            }
            return BearerTokens.requireUserName(user);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token for a user and print "
            + "it. The token is shown only this once and is the last word of the output.")
    static final class Create extends TokenAction {

        @Override
        public Integer call() {
            String user = requiredUser("create");
            BearerTokens.Issued issued = withTokens(tokens -> tokens.issue(user));
            out().println("Created token " + issued.stored().id() + " for user " + user + ". It is shown only once;"
                    + " store it now. Clients send it as the header Authorization: Bearer <token>. Token:");
            out().println(issued.token());
            out().flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens: id, user, the first "
            + "characters of the token, when it was created and last used, and whether it is revoked. Never prints"
            + " a whole token.")
    static final class ListTokens extends TokenAction {

        @Option(names = "--json", description = "Print the tokens as a JSON array.")
        boolean json;

        @Override
        public Integer call() {
            List<AccessToken> tokens = withTokens(BearerTokens::list);
            if (json) {
                printJson(tokens.stream().map(ListTokens::fields).toList());
                return 0;
            }
            if (tokens.isEmpty()) {
                out().println("No tokens. scms token create --user NAME creates one.");
                out().flush();
                return 0;
            }
            TextTable table = new TextTable(List.of("ID", "USER", "PREFIX", "CREATED", "LAST USED", "STATUS"), 1,
                    Set.of(0));
            for (AccessToken token : tokens) {
                table.add(token.id(), token.user(), token.prefix() + "…", minute(token.createdAt()),
                        token.lastUsedAt().map(ListTokens::minute).orElse("never"),
                        token.revokedAt().map(at -> "revoked " + minute(at)).orElse("active"));
            }
            // User names are at most 64 characters and revoke --user needs them whole, so no column is cut.
            out().print(table.render(Integer.MAX_VALUE));
            out().flush();
            return 0;
        }

        private void printJson(Object value) {
            try {
                out().println(new com.fasterxml.jackson.databind.ObjectMapper()
                        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(value));
                out().flush();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("tokens cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
        }

        private static Map<String, Object> fields(AccessToken token) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("id", token.id());
            map.put("user", token.user());
            map.put("prefix", token.prefix());
            map.put("created_at", token.createdAt().toString());
            token.lastUsedAt().ifPresent(at -> map.put("last_used_at", at.toString()));
            map.put("active", token.isActive());
            token.revokedAt().ifPresent(at -> map.put("revoked_at", at.toString()));
            return map;
        }

        private static String minute(Instant at) {
            return at.toString().substring(0, 16).replace('T', ' ');
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke one token by its id, or every "
            + "token of a user with --user NAME. A server refuses a revoked token from its next request on.")
    static final class Revoke extends TokenAction {

        @Parameters(paramLabel = "ID", arity = "0..1", description = "Id of the token, as scms token list shows it.")
        Long id;

        @Override
        public Integer call() {
            String user = merged().user;
            if (id != null && user != null) {
                throw new InvalidInputException("user", "pass either a token ID or --user NAME, not both");
            }
            if (id == null && user == null) {
                throw new InvalidInputException("id", "missing; pass a token ID (scms token list shows them) or "
                        + "--user NAME");
            }
            if (id != null) {
                AccessToken revoked = withTokens(tokens -> tokens.revoke(id));
                out().println("Revoked token " + revoked.id() + " (" + revoked.prefix() + "…) of user "
                        + revoked.user() + ".");
            } else {
                String name = requiredUser("revoke");
                int count = withTokens(tokens -> tokens.revokeUser(name));
                out().println("Revoked " + count + (count == 1 ? " token" : " tokens") + " of user " + name + ".");
            }
            out().flush();
            return 0;
        }
    }
}
