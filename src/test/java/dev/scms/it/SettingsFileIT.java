package dev.scms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real server with a user and a project settings file and checks which values it uses. */
class SettingsFileIT {

    private static final String QUERY = "sqlite database is locked when two processes write";

    @TempDir
    Path temp;

    @Test
    void serverUsesFilesUnderEnvironment() throws Exception {
        Path home = temp.resolve("home");
        Path config = Files.createDirectories(temp.resolve("config/scms"));
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(config.resolve("config.toml"), "k = 1\nmin_relevance = 0.9\n");
        Files.writeString(project.resolve(".scms.toml"), "min_relevance = 0.0\nmin_cosine = 0.0\n");
        Map<String, String> files = Map.of("XDG_CONFIG_HOME", temp.resolve("config").toString());

        try (ServerProcess server = ServerProcess.start(home, project, files)) {
            for (String text : new String[] {"Set busy_timeout on every SQLite connection.",
                "Use WAL mode so readers do not block the SQLite writer.",
                "Begin SQLite write transactions IMMEDIATE to avoid SQLITE_BUSY."}) {
                server.ok("remember", Map.of("text", text));
            }
            Map<String, Object> retrieved = server.ok("retrieve_memories", Map.of("query", QUERY));

            assertThat(McpServerIT.ids(retrieved, "memories")).as("k = 1 from the user file, the relevance gate "
                    + "lowered by the project file").hasSize(1);
        }

        Map<String, String> withEnvironment = Map.of("XDG_CONFIG_HOME", temp.resolve("config").toString(),
                "SCMS_K", "2");
        try (ServerProcess server = ServerProcess.start(home, project, withEnvironment)) {
            Map<String, Object> retrieved = server.ok("retrieve_memories", Map.of("query", QUERY));

            assertThat(McpServerIT.ids(retrieved, "memories")).as("SCMS_K overrides the user file").hasSize(2);
        }
    }
}
