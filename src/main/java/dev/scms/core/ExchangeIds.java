package dev.scms.core;

import dev.scms.model.Memory;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids that memories carry in an export. An imported memory keeps the id it came with (its
 * external id). A memory stored here gets {@code scms-<store id>-<database id>}, and because
 * the store id is 48 random bits per database, two databases hand out the same id only when
 * one is a copy of the other's file. Older exports wrote {@code scms-<database id>}, and those
 * ids are ordinary external ids now.
 */
public final class ExchangeIds {

    private static final Pattern STORE_ID = Pattern.compile("[0-9a-f]{1,64}");

    private final String storeId;
    private final Pattern ownIds;

    /** Creates the ids of the store with this store id, as {@code MemoryStore.storeId()} returns it. */
    public ExchangeIds(String storeId) {
        Objects.requireNonNull(storeId, "storeId");
        if (!STORE_ID.matcher(storeId).matches()) {
            throw new IllegalArgumentException("store id must be lowercase hex digits, got '" + storeId + "'");
        }
        this.storeId = storeId;
        this.ownIds = Pattern.compile("scms-" + storeId + "-([1-9][0-9]{0,17})");
    }

    /** Returns the exchange id of a memory: its external id, else the id made from this store's id. */
    public String of(Memory memory) {
        return memory.externalId().orElseGet(() -> local(memory.id()));
    }

    /** Returns the exchange id of the memory of this store with the given database id. */
    public String local(long id) {
        return "scms-" + storeId + "-" + id;
    }

    /** Returns the database id when {@code exchangeId} is one this store hands out, else empty. */
    public OptionalLong localId(String exchangeId) {
        Matcher matcher = ownIds.matcher(exchangeId);
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }
}
