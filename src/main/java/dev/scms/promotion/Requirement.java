package dev.scms.promotion;

/** How many helpful uses by how many distinct users a policy requires, and how it got there. */
public record Requirement(int uses, int users, String explanation) {
}
