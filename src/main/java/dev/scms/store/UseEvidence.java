package dev.scms.store;

/** Helpful and unhelpful uses of one memory and how many distinct users recorded helpful ones. */
public record UseEvidence(int helpfulUses, int unhelpfulUses, int distinctHelpfulUsers) {
}
