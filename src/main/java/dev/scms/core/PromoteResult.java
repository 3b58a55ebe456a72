package dev.scms.core;

import dev.scms.model.Memory;
import dev.scms.store.Promotion;

/** The rule a promotion created (or found from an earlier promotion) and the recorded promotion. */
public record PromoteResult(Memory rule, Promotion promotion, boolean alreadyPromoted) {
}
