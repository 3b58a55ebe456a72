package dev.scms.store.sqlite;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Postings of every memory's title, body and tags in memory, tokenized as {@code memories_fts}
 * tokenizes them, with enough statistics to compute the score that FTS5's {@code bm25()} gives.
 *
 * <p>Each memory row takes one slot. A posting list contains, per slot, the token counts in the
 * three columns packed into one int. Lists exist for every token and for every pair of adjacent
 * tokens in one column, so a two-word phrase of a query is one list, as a token is. A row whose
 * text changes gets a new slot and its old slot is marked dead; its postings stay and are
 * skipped. Not thread-safe, so {@link IndexedTextSearch} guards it with a lock.
 *
 * <p>NOTE: dead slots and their postings are never reclaimed. SCMS changes the text of a stored
 * memory rarely, so the index grows by one row per text change until the process restarts.
 */
final class TextIndex {

    /** Fields of one memory row that full-text search reads. */
    record Row(long id, String title, String body, String tags, Optional<String> project, boolean active) {
    }

    private static final int TITLE_BITS = 10;
    private static final int BODY_BITS = 12;
    private static final int TAGS_BITS = 10;

    private final Map<Long, Integer> slotOfMemory = new HashMap<>();
    private final Map<String, Integer> projectIds = new HashMap<>();
    private final Map<String, Integer> tokenLists = new HashMap<>();
    private final LongIntMap pairLists = new LongIntMap(1 << 16);
    private long[] memoryIds = new long[1024];
    private long[] textHashes = new long[1024];
    /** Tokens per column, three ints per slot. */
    private int[] lengths = new int[3 * 1024];
    private int[] projects = new int[1024];
    private boolean[] live = new boolean[1024];
    private boolean[] active = new boolean[1024];
    private int slots;
    private int[][] postings = new int[1 << 16][];
    private int[] postingInts = new int[1 << 16];
    private int lists;
    private final long[] columnTotals = new long[3];
    private boolean overflow;

    int rows() {
        return slotOfMemory.size();
    }

    /** Tokens of every row in each column: what FTS5 stores as its column totals. */
    long[] columnTotals() {
        return columnTotals.clone();
    }

    /** True when a token occurred more often in one column than a posting can count. */
    boolean overflowed() {
        return overflow;
    }

    /** Adds the row, or replaces the one with its id; text that did not change is not tokenized again. */
    void put(Row row) {
        Integer existing = slotOfMemory.get(row.id());
        long hash = hash(row);
        int project = row.project().map(key -> projectIds.computeIfAbsent(key, k -> projectIds.size())).orElse(-1);
        if (existing != null && textHashes[existing] == hash) {
            projects[existing] = project;
            active[existing] = row.active();
            return;
        }
        if (existing != null) {
            live[existing] = false;
            subtractTotals(existing);
        }
        int slot = newSlot(row.id(), hash, project, row.active());
        slotOfMemory.put(row.id(), slot);
        index(slot, new String[] {text(row.title()), text(row.body()), text(row.tags())});
    }

    private int newSlot(long id, long hash, int project, boolean isActive) {
        if (slots == memoryIds.length) {
            int capacity = slots * 2;
            memoryIds = Arrays.copyOf(memoryIds, capacity);
            textHashes = Arrays.copyOf(textHashes, capacity);
            lengths = Arrays.copyOf(lengths, 3 * capacity);
            projects = Arrays.copyOf(projects, capacity);
            live = Arrays.copyOf(live, capacity);
            active = Arrays.copyOf(active, capacity);
        }
        int slot = slots++;
        memoryIds[slot] = id;
        textHashes[slot] = hash;
        projects[slot] = project;
        live[slot] = true;
        active[slot] = isActive;
        return slot;
    }

    /** Counts each token and each adjacent pair per column and appends one posting per list. */
    private void index(int slot, String[] columns) {
        int[] columnLengths = new int[3];
        long[] entries = new long[16];
        int count = 0;
        for (int column = 0; column < 3; column++) {
            List<String> tokens = Fts5Tokenizer.tokens(columns[column]);
            columnLengths[column] = tokens.size();
            int previous = -1;
            for (String token : tokens) {
                int list = tokenLists.computeIfAbsent(token, t -> newList());
                if (count + 2 > entries.length) {
                    entries = Arrays.copyOf(entries, entries.length * 2);
                }
                entries[count++] = (long) list << 2 | column;
                if (previous >= 0) {
                    int pair = pairLists.putIfAbsent(pairKey(previous, list), lists);
                    if (pair == lists) {
                        newList();
                    }
                    entries[count++] = (long) pair << 2 | column;
                }
                previous = list;
            }
        }
        Arrays.sort(entries, 0, count);
        int[] counts = new int[3];
        for (int i = 0; i < count; i++) {
            counts[(int) (entries[i] & 3)]++;
            if (i + 1 == count || entries[i + 1] >>> 2 != entries[i] >>> 2) {
                append((int) (entries[i] >>> 2), slot, pack(counts));
                Arrays.fill(counts, 0);
            }
        }
        for (int column = 0; column < 3; column++) {
            lengths[3 * slot + column] = columnLengths[column];
            columnTotals[column] += columnLengths[column];
        }
    }

    private void subtractTotals(int slot) {
        for (int column = 0; column < 3; column++) {
            columnTotals[column] -= lengths[3 * slot + column];
        }
    }

    private int pack(int[] counts) {
        if (counts[0] >= 1 << TITLE_BITS || counts[1] >= 1 << BODY_BITS || counts[2] >= 1 << TAGS_BITS) {
            overflow = true;
        }
        return Math.min(counts[0], (1 << TITLE_BITS) - 1) | Math.min(counts[1], (1 << BODY_BITS) - 1) << TITLE_BITS
                | Math.min(counts[2], (1 << TAGS_BITS) - 1) << (TITLE_BITS + BODY_BITS);
    }

    private int newList() {
        if (lists == postings.length) {
            postings = Arrays.copyOf(postings, lists * 2);
            postingInts = Arrays.copyOf(postingInts, lists * 2);
        }
        return lists++;
    }

    private void append(int list, int slot, int packed) {
        int[] current = postings[list];
        int used = postingInts[list];
        if (current == null) {
            current = new int[2];
        } else if (used == current.length) {
            current = Arrays.copyOf(current, used * 2);
        }
        current[used] = slot;
        current[used + 1] = packed;
        postings[list] = current;
        postingInts[list] = used + 2;
    }

    /** Returns the list of a stemmed token, or -1 when no row contains it. */
    int tokenList(String token) {
        Integer list = tokenLists.get(token);
        return list == null ? -1 : list;
    }

    /** Returns the list of two adjacent stemmed tokens, or -1 when no row contains them in that order. */
    int pairList(String first, String second) {
        int a = tokenList(first);
        int b = tokenList(second);
        return a < 0 || b < 0 ? -1 : pairLists.get(pairKey(a, b));
    }

    int[] postings(int list) {
        return list < 0 || postings[list] == null ? new int[0] : postings[list];
    }

    int postingInts(int list) {
        return list < 0 ? 0 : postingInts[list];
    }

    boolean isLive(int slot) {
        return live[slot];
    }

    boolean isActive(int slot) {
        return active[slot];
    }

    /** Tokens of the row in all columns, FTS5's document length. */
    int length(int slot) {
        return lengths[3 * slot] + lengths[3 * slot + 1] + lengths[3 * slot + 2];
    }

    long memoryId(int slot) {
        return memoryIds[slot];
    }

    int slots() {
        return slots;
    }

    /** Returns the id of the project, or -2 for a project no row belongs to; global rows have -1. */
    int projectId(String project) {
        return projectIds.getOrDefault(project, -2);
    }

    int project(int slot) {
        return projects[slot];
    }

    static int count(int packed, int column) {
        return switch (column) {
            case 0 -> packed & ((1 << TITLE_BITS) - 1);
            case 1 -> packed >>> TITLE_BITS & ((1 << BODY_BITS) - 1);
            default -> packed >>> (TITLE_BITS + BODY_BITS) & ((1 << TAGS_BITS) - 1);
        };
    }

    private static long pairKey(int first, int second) {
        return (long) first << 31 | second;
    }

    private static String text(String column) {
        return column == null ? "" : column;
    }

    /** Returns a 64-bit FNV-1a hash of the three columns, to tell a changed text from a changed counter. */
    private static long hash(Row row) {
        long hash = 0xcbf29ce484222325L;
        for (String column : new String[] {row.title(), row.body(), row.tags()}) {
            String text = text(column);
            for (int i = 0; i < text.length(); i++) {
                hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
            }
            hash = (hash ^ 0x10000) * 0x100000001b3L;
        }
        return hash;
    }
}
