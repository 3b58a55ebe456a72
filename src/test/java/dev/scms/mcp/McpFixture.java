package dev.scms.mcp;

import dev.scms.config.Settings;
import dev.scms.config.SettingsLoader;
import dev.scms.core.BagOfWordsEmbedder;
import dev.scms.core.EmbeddingSource;
import dev.scms.core.RememberRequest;
import dev.scms.core.RetrieveRequest;
import dev.scms.core.RetrieveResult;
import dev.scms.core.Scms;
import dev.scms.model.Kind;
import dev.scms.model.Memory;
import dev.scms.model.ProjectKey;
import dev.scms.promotion.StaticPolicy;
import dev.scms.store.sqlite.SqliteMemoryStore;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resources and prompts over a real SQLite file, the bag-of-words embedder and a fixed clock,
 * with the server's folder {@code shop} as the current project and a client without roots.
 */
final class McpFixture implements AutoCloseable {

    static final String SESSION = "session-7";
    static final Instant NOW = Instant.parse("2025-01-06T09:00:00Z");

    final Settings settings;
    final SqliteMemoryStore store;
    final Scms scms;
    final ProjectKey project;
    final ScmsResources resources;
    final ScmsPrompts prompts;
    final McpSyncServerExchange exchange;

    McpFixture(Path temp) throws IOException {
        Path folder = Files.createDirectories(temp.resolve("shop")).toRealPath();
        // The bag-of-words fake spreads a long text over many words, so its cosines run lower than MiniLM's.
        this.settings = new SettingsLoader(Map.of(), Map.of("home", temp.toString(), "min_cosine", "0.1"),
                "tester", temp).load();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        this.store = SqliteMemoryStore.open(settings.database(), clock);
        this.scms = new Scms(store, EmbeddingSource.ready(new BagOfWordsEmbedder()), StaticPolicy.defaults(),
                settings, clock);
        this.project = new ProjectKey(folder.toString().replace('\\', '/'));
        CallScopes scopes = new CallScopes(scms, settings, folder);
        this.resources = new ScmsResources(scms, scopes, McpJsonDefaults.getMapper());
        this.prompts = new ScmsPrompts(scms, settings, scopes);
        this.exchange = exchange(SESSION);
    }

    static McpSyncServerExchange exchange(String session) {
        McpSchema.Implementation client = McpSchema.Implementation.builder("test-client", "1.2").build();
        return new McpSyncServerExchange(new McpAsyncServerExchange(session, null,
                McpSchema.ClientCapabilities.builder().build(), client, McpTransportContext.EMPTY));
    }

    Memory remember(String text, Kind kind, Optional<String> inProject) {
        return scms.remember(new RememberRequest(text, Optional.empty(), kind, inProject, "", List.of(), 0.5,
                Map.of(), Optional.empty(), Optional.empty()), dev.scms.core.ProjectContext.of(Path.of(project
                        .value()))).memory();
    }

    RetrieveResult retrieve(String query, String session) {
        return scms.retrieve(new RetrieveRequest(query, Optional.of(project.value()), 5, Set.of(), Set.of(), 2000,
                session), dev.scms.core.ProjectContext.of(Path.of(project.value())));
    }

    @Override
    public void close() {
        store.close();
    }
}
