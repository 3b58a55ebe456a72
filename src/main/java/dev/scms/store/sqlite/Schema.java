package dev.scms.store.sqlite;

import java.util.List;

/**
 * The SQL of each schema version. Table and column names are part of the documented file
 * format. Timestamps are ISO-8601 UTC text with millisecond precision (see {@link Rows}), so
 * they sort as text. JSON columns contain objects ({@code details}, {@code evidence},
 * {@code settings}) or arrays ({@code tags}, {@code returned_ids}). Memories and retrievals
 * use AUTOINCREMENT so that an id, once handed to a client, never names another row, even
 * after the retrieval log is pruned.
 */
final class Schema {

    /**
     * Version 5: bearer tokens of the HTTP server. {@code token_hash} is the SHA-256 of the token
     * as 64 lowercase hex digits. The token itself is never stored. {@code prefix} is the start of
     * the token, shown in lists. {@code revoked_at} is NULL while the token is active.
     */
    static final List<String> VERSION_5 = List.of(
            """
            CREATE TABLE access_tokens (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                created_at TEXT NOT NULL,
                last_used_at TEXT,
                revoked_at TEXT
            )""",
            "CREATE INDEX access_tokens_user ON access_tokens (user_name)");

    /**
     * Version 4: facts about the database itself. {@code store_id} is 12 random hex digits drawn
     * once, when the table is made; export writes it into the ids of the memories stored here, so
     * that they never clash with the ids of memories imported from another database.
     */
    static final List<String> VERSION_4 = List.of(
            "CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "INSERT INTO store_info (key, value) VALUES ('store_id', lower(hex(randomblob(6))))");

    /**
     * Version 3: one summary row per ended MCP session. The session layer itself lives in memory
     * while the session runs; {@code project} is NULL for a session that retrieved nothing.
     */
    static final List<String> VERSION_3 = List.of(
            """
            CREATE TABLE sessions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                session_key TEXT NOT NULL,
                project TEXT,
                client_name TEXT NOT NULL DEFAULT '',
                client_version TEXT NOT NULL DEFAULT '',
                started_at TEXT NOT NULL,
                ended_at TEXT NOT NULL,
                retrievals INTEGER NOT NULL DEFAULT 0,
                memories_returned INTEGER NOT NULL DEFAULT 0,
                distinct_memories INTEGER NOT NULL DEFAULT 0,
                uses INTEGER NOT NULL DEFAULT 0,
                helpful_uses INTEGER NOT NULL DEFAULT 0,
                failures_logged INTEGER NOT NULL DEFAULT 0,
                failures_rediscovered INTEGER NOT NULL DEFAULT 0
            )""",
            "CREATE INDEX sessions_project ON sessions (project)");

    /**
     * Version 2: one vector for the title and one per sentence of the body, stored next to the
     * memory's vector as consecutive little-endian float32 vectors of {@code dimension} values
     * each. NULL means not computed yet, and the server fills the gap in the background.
     */
    static final List<String> VERSION_2 = List.of("ALTER TABLE embeddings ADD COLUMN sentences BLOB");

    /** Version 1: every table, the full-text index over title, body and tags, and its triggers. */
    static final List<String> VERSION_1 = List.of(
            """
            CREATE TABLE memories (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                layer TEXT NOT NULL CHECK (layer IN ('L0', 'L1')),
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                details TEXT NOT NULL DEFAULT '{}',
                domain TEXT NOT NULL DEFAULT '',
                project TEXT,
                tags TEXT NOT NULL DEFAULT '[]',
                importance REAL NOT NULL,
                status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                last_used_at TEXT,
                helpful_count INTEGER NOT NULL DEFAULT 0,
                unhelpful_count INTEGER NOT NULL DEFAULT 0,
                retrieval_count INTEGER NOT NULL DEFAULT 0,
                occurrences INTEGER NOT NULL DEFAULT 1,
                content_hash TEXT NOT NULL,
                change_seq INTEGER NOT NULL,
                external_id TEXT UNIQUE
            )""",
            "CREATE INDEX memories_change_seq ON memories (change_seq)",
            "CREATE INDEX memories_status_project ON memories (status, project)",
            "CREATE INDEX memories_content_hash ON memories (content_hash)",
            """
            CREATE TABLE embeddings (
                memory_id INTEGER PRIMARY KEY REFERENCES memories (id) ON DELETE CASCADE,
                model_id TEXT NOT NULL,
                dimension INTEGER NOT NULL,
                vector BLOB NOT NULL
            )""",
            """
            CREATE TABLE uses (
                id INTEGER PRIMARY KEY,
                memory_id INTEGER NOT NULL REFERENCES memories (id) ON DELETE CASCADE,
                "user" TEXT NOT NULL,
                project TEXT,
                session TEXT NOT NULL DEFAULT '',
                outcome TEXT NOT NULL CHECK (outcome IN ('helpful', 'not_helpful')),
                note TEXT NOT NULL DEFAULT '',
                retrieval_id INTEGER,
                at TEXT NOT NULL
            )""",
            "CREATE INDEX uses_memory_id ON uses (memory_id)",
            "CREATE INDEX uses_project ON uses (project)",
            """
            CREATE TABLE retrievals (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                session TEXT NOT NULL DEFAULT '',
                project TEXT,
                query TEXT NOT NULL,
                returned_ids TEXT NOT NULL DEFAULT '[]',
                considered INTEGER NOT NULL,
                returned_tokens INTEGER NOT NULL,
                at TEXT NOT NULL
            )""",
            "CREATE INDEX retrievals_at ON retrievals (at)",
            """
            CREATE TABLE promotions (
                id INTEGER PRIMARY KEY,
                pattern_id INTEGER NOT NULL REFERENCES memories (id),
                rule_id INTEGER NOT NULL REFERENCES memories (id),
                project TEXT NOT NULL,
                policy TEXT NOT NULL,
                evidence TEXT NOT NULL DEFAULT '{}',
                at TEXT NOT NULL
            )""",
            "CREATE INDEX promotions_pattern_id ON promotions (pattern_id)",
            """
            CREATE TABLE projects (
                key TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                root TEXT,
                created_at TEXT NOT NULL,
                settings TEXT NOT NULL DEFAULT '{}'
            )""",
            // External-content FTS5 index: the text lives once, in memories, and triggers keep the index in step.
            """
            CREATE VIRTUAL TABLE memories_fts USING fts5 (
                title, body, tags,
                content = 'memories', content_rowid = 'id',
                tokenize = 'porter unicode61 remove_diacritics 2'
            )""",
            """
            CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
                INSERT INTO memories_fts (rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
            END""",
            """
            CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
                INSERT INTO memories_fts (memories_fts, rowid, title, body, tags)
                VALUES ('delete', old.id, old.title, old.body, old.tags);
            END""",
            // Only text changes touch the index, so counter updates cost no FTS work.
            """
            CREATE TRIGGER memories_fts_update AFTER UPDATE OF title, body, tags ON memories BEGIN
                INSERT INTO memories_fts (memories_fts, rowid, title, body, tags)
                VALUES ('delete', old.id, old.title, old.body, old.tags);
                INSERT INTO memories_fts (rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
            END""");

    private Schema() {
    }
}
