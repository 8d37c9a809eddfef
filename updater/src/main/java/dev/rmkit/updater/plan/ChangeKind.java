package dev.rmkit.updater.plan;

/** What an update does to one path of the install. */
public enum ChangeKind {
    /** The path does not exist yet; the release brings it. */
    ADD,
    /** The path exists with other content (by SHA-256); the release's file replaces it. */
    REPLACE,
    /** The path is managed (or listed in the manifest's removals) and the release drops it. */
    REMOVE,
    /** The path already has the release's content. */
    UNCHANGED
}
