package dev.scms.app;

import dev.scms.config.Settings;
import dev.scms.store.MemoryStore;
import dev.scms.store.postgres.PostgresMemoryStore;
import dev.scms.store.postgres.PostgresStoreSettings;
import dev.scms.store.postgres.PostgresUrl;
import dev.scms.store.sqlite.SqliteMemoryStore;
import dev.scms.store.sqlite.SqliteStoreSettings;
import java.time.Clock;
import java.util.Optional;

/** Opens the store the settings select: the PostgreSQL store of {@code store_url} when set, else the SQLite file. */
final class StoreSelection {

    private StoreSelection() {
    }

    /** Returns the PostgreSQL store's URL, with the password of {@code SCMS_STORE_PASSWORD} when the URL has none. */
    static Optional<PostgresUrl> postgresUrl(Settings settings) {
        return settings.storeUrl().map(url -> PostgresUrl.parse(url, Optional.ofNullable(System.getenv(
                PostgresUrl.PASSWORD_VARIABLE))));
    }

    /** Opens the selected store, creating or migrating it. */
    static MemoryStore open(Settings settings, Clock clock) {
        Optional<PostgresUrl> url = postgresUrl(settings);
        if (url.isPresent()) {
            return openPostgres(url.get(), settings, clock);
        }
        return SqliteMemoryStore.open(settings.database(), clock, SqliteStoreSettings.defaults()
                .withBusyTimeout(settings.busyTimeout()));
    }

    /**
     * Opens the selected store for a short-lived command: a SQLite file must exist at the latest
     * schema. A PostgreSQL store opens as the server opens it, because its database exists
     * before scms first connects.
     */
    static MemoryStore openExisting(Settings settings, Clock clock) {
        Optional<PostgresUrl> url = postgresUrl(settings);
        if (url.isPresent()) {
            return openPostgres(url.get(), settings, clock);
        }
        return SqliteMemoryStore.openExisting(settings.database(), clock, SqliteStoreSettings.defaults()
                .withBusyTimeout(settings.busyTimeout()));
    }

    /** Returns where the selected store lives, for messages: the URL without its password, or the file. */
    static String location(Settings settings) {
        return postgresUrl(settings).map(PostgresUrl::display).orElse(settings.database().toString());
    }

    private static MemoryStore openPostgres(PostgresUrl url, Settings settings, Clock clock) {
        return PostgresMemoryStore.open(url, clock, PostgresStoreSettings.defaults()
                .withBusyTimeout(settings.busyTimeout()));
    }
}
