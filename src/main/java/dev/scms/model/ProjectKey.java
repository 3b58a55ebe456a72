package dev.scms.model;

/**
 * The normalised key of a project: an absolute folder path with forward slashes for a folder,
 * or the name itself for a project known only by name.
 */
public record ProjectKey(String value) implements Comparable<ProjectKey> {

    public ProjectKey {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("project key must not be blank");
        }
    }

    /** Returns the last path segment, which serves as the project's display name. */
    public String name() {
        String trimmed = value.endsWith("/") && value.length() > 1 ? value.substring(0, value.length() - 1) : value;
        int slash = trimmed.lastIndexOf('/');
        return slash >= 0 && slash < trimmed.length() - 1 && trimmed.startsWith("/") ? trimmed.substring(slash + 1) : trimmed;
    }

    @Override
    public int compareTo(ProjectKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
