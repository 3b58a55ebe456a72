package dev.scms.app;

import dev.scms.core.ExchangeIds;
import dev.scms.model.Memory;
import dev.scms.store.MemoryFilter;
import dev.scms.store.MemoryStore;
import dev.scms.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The memories of one export, read page by page. Every memory gets an exchange id that no
 * other memory of the export has, which import relies on to skip memories it already stored.
 */
final class MemoryExport {

    private static final int PAGE = 1000;

    private final MemoryStore store;
    private final MemoryFilter filter;
    private final ExchangeIds ids;

    MemoryExport(MemoryStore store, boolean archived) {
        this.store = store;
        this.filter = archived ? MemoryFilter.all(PAGE) : MemoryFilter.active(PAGE);
        this.ids = new ExchangeIds(store.storeId());
    }

    /**
     * Checks, before anything is written, that no two memories would share an exchange id.
     *
     * @throws StoreException naming both memories and the id when two would
     */
    void requireUniqueIds() {
        Map<String, Long> owners = new HashMap<>();
        forEach(memory -> {
            String id = ids.of(memory);
            Long other = owners.putIfAbsent(id, memory.id());
            if (other != null) {
                long first = Math.min(other, memory.id());
                long second = Math.max(other, memory.id());
                throw new StoreException("nothing exported: memories " + first + " and " + second
                        + " would both get the id '" + id + "', and import would keep only one of them; clear the"
                        + " external id of one (UPDATE memories SET external_id = NULL WHERE id = " + second
                        + ") and export again");
            }
        });
    }

    /** Writes every memory in the format and returns how many were written. */
    int write(ExchangeFormat format, Writer writer) throws IOException {
        JsonLines jsonLines = new JsonLines();
        MarkdownMemories markdown = new MarkdownMemories();
        LongFunction<String> exchangeIdOf = id -> store.find(id).map(ids::of).orElse(ids.local(id));
        if (format == ExchangeFormat.MARKDOWN) {
            writer.write(MarkdownMemories.HEADER);
        }
        int[] count = {0};
        try {
            forEach(memory -> {
                String text = format == ExchangeFormat.MARKDOWN ? markdown.write(jsonLines.fields(memory,
                        exchangeIdOf)) : jsonLines.write(memory, exchangeIdOf) + "\n";
                writeUnchecked(writer, text);
                count[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
        return count[0];
    }

    private void forEach(Consumer<Memory> action) {
        int offset = 0;
        List<Memory> page = store.list(filter);
        while (!page.isEmpty()) {
            page.forEach(action);
            offset += page.size();
            page = page.size() < PAGE ? List.of() : store.list(filter.withOffset(offset));
        }
    }

    private static void writeUnchecked(Writer writer, String text) {
        try {
            writer.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
