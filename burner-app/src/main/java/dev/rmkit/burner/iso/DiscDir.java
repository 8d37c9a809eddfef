package dev.rmkit.burner.iso;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A directory in a session's tree, built by reading the previous session and merging a job's changes.
 * Mutable while a session is being prepared; children are kept sorted by Joliet name (UCS-2 order,
 * which is Java's {@code String} order for BMP names). A name is either a directory or a file, never both.
 */
public final class DiscDir {

    private final String name;
    private Instant modified;
    private final TreeMap<String, DiscDir> dirs = new TreeMap<>();
    private final TreeMap<String, DiscFile> files = new TreeMap<>();

    public DiscDir(String name, Instant modified) {
        this.name = Objects.requireNonNull(name, "name");
        this.modified = Instant.ofEpochSecond(modified.getEpochSecond());
    }

    public String name() {
        return name;
    }

    public Instant modified() {
        return modified;
    }

    void touch(Instant when) {
        modified = Instant.ofEpochSecond(when.getEpochSecond());
    }

    public SortedMap<String, DiscDir> dirs() {
        return Collections.unmodifiableSortedMap(dirs);
    }

    public SortedMap<String, DiscFile> files() {
        return Collections.unmodifiableSortedMap(files);
    }

    /** The sub-directory {@code child}, created if absent; a file of that name is replaced. */
    DiscDir dir(String child, Instant modified) {
        files.remove(child);
        return dirs.computeIfAbsent(child, n -> new DiscDir(n, modified));
    }

    /** Adds or replaces a file; a directory of that name is dropped from this session's view. */
    void put(DiscFile file) {
        dirs.remove(file.name());
        files.put(file.name(), file);
    }

    /** Removes a child of either kind; returns whether it existed. */
    boolean remove(String child) {
        return dirs.remove(child) != null | files.remove(child) != null;
    }

    void putDir(DiscDir dir) {
        files.remove(dir.name());
        dirs.put(dir.name(), dir);
    }

    /** Number of directories in this subtree, this one included. */
    public int dirCount() {
        return 1 + dirs.values().stream().mapToInt(DiscDir::dirCount).sum();
    }
}
