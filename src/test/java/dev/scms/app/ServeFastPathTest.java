package dev.scms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServeFastPathTest {

    @Test
    void serveAloneTakesFastPath() {
        assertThat(ServeFastPath.parse(new String[] {"serve"})).isPresent();
        assertThat(ServeFastPath.parse(new String[0])).isPresent();
    }

    @Test
    void serveWithoutOptionsMatchesPicocliDefaults() {
        ServeCommand fast = ServeFastPath.parse(new String[] {"serve"}).orElseThrow().command();
        ServeCommand parsed = new ServeCommand();
        new CommandLine(parsed).parseArgs();

        assertThat(fast.settings).usingRecursiveComparison().isEqualTo(parsed.settings);
        assertThat(fast.http).isNull();
        assertThat(fast.allowedOrigins).isEmpty();
        assertThat(parsed.allowedOrigins).isEmpty();
        assertThat(fast.noAuth).isEqualTo(parsed.noAuth).isFalse();
    }

    @Test
    void serveOptionsParsedAsByFullTree() {
        String[] args = {"serve", "--home", "/data/scms", "--db", "/data/other.db", "--model", "full", "--user",
            "ann", "--config", "/etc/scms.toml", "--set", "min_relevance=0.3", "--set", "top_k=4", "--http", "8080",
            "--allow-origin", "https://app.example.com", "--insecure-no-auth"};

        ServeCommand fast = ServeFastPath.parse(args).orElseThrow().command();
        CommandLine full = new CommandLine(new Main());
        ServeCommand expected = full.parseArgs(args).subcommand().commandSpec().commandLine().getCommand();

        assertThat(fast.settings.home).isEqualTo(Path.of("/data/scms")).isEqualTo(expected.settings.home);
        assertThat(fast.settings.database).isEqualTo(expected.settings.database);
        assertThat(fast.settings.model).isEqualTo("full").isEqualTo(expected.settings.model);
        assertThat(fast.settings.user).isEqualTo(expected.settings.user);
        assertThat(fast.settings.config).isEqualTo(expected.settings.config);
        assertThat(fast.settings.settings).isEqualTo(Map.of("min_relevance", "0.3", "top_k", "4"))
                .isEqualTo(expected.settings.settings);
        assertThat(fast.http).isEqualTo("8080").isEqualTo(expected.http);
        assertThat(fast.allowedOrigins).isEqualTo(expected.allowedOrigins);
        assertThat(fast.noAuth).isTrue();
    }

    @Test
    void helpVersionAndErrorsTakeFullPath() {
        for (String[] args : new String[][] {{"serve", "--help"}, {"serve", "-h"}, {"serve", "--version"},
            {"serve", "-V"}, {"serve", "--home"}, {"serve", "--bogus"}, {"serve", "extra"}, {"serve", "--set", "x"},
            {"--home", "/data", "serve"}, {"list"}, {"help", "serve"}, {"--help"}, {"-V"}}) {
            assertThat(ServeFastPath.parse(args)).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void servesOnlyForServerArguments() {
        for (String[] args : new String[][] {{}, {"serve"}, {"--home", "/data", "serve"}, {"--home", "/data"},
            {"serve", "--http", "8080"}}) {
            assertThat(Main.serves(args)).as(String.join(" ", args)).isTrue();
        }
        for (String[] args : new String[][] {{"list"}, {"help", "serve"}, {"bogus"}, {"-h"}, {"--version"},
            {"serve", "-h"}, {"--home", "/data", "list"}, {"serve", "--bogus"}, {"context", "--hook"}}) {
            assertThat(Main.serves(args)).as(String.join(" ", args)).isFalse();
        }
    }

    @Test
    void failureReportedLikeFullPath() {
        String[] args = {"serve", "--allow-origin", "http://a.example"};
        StringWriter fastErr = new StringWriter();
        StringWriter fullErr = new StringWriter();

        int fastExit = ServeFastPath.parse(args).orElseThrow().execute(new PrintWriter(fastErr, true));
        int fullExit = new CommandLine(new Main()).setErr(new PrintWriter(fullErr, true))
                .setExecutionExceptionHandler(new ErrorHandler()).execute(args);

        assertThat(fastExit).isEqualTo(ErrorHandler.USAGE).isEqualTo(fullExit);
        assertThat(fastErr.toString()).startsWith("scms: invalid --allow-origin: applies only with --http")
                .isEqualTo(fullErr.toString());
    }
}
