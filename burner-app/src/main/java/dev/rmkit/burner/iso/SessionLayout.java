package dev.rmkit.burner.iso;

import dev.rmkit.burner.BurnerException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every block of a new session goes. A session starting at block S is laid out as:
 * S..S+15 system area (zeros), S+16 primary volume descriptor, S+17 Joliet supplementary volume
 * descriptor, S+18 terminator, then the four path tables (primary L and M, Joliet L and M), the
 * primary directories, the Joliet directories (both in path-table order) and finally the data of
 * the files that are new in this session. Files from earlier sessions keep their old extents.
 */
public final class SessionLayout {

    static final int VD_OFFSET = 16;

    final TreePlan plan;
    final long start;
    final long primaryPathTableBytes;
    final long jolietPathTableBytes;
    final long primaryL;
    final long primaryM;
    final long jolietL;
    final long jolietM;
    final List<DiscFile> newFiles;
    final Map<DiscFile, Long> newExtents;
    final long end;

    private SessionLayout(TreePlan plan, long start) {
        this.plan = plan;
        this.start = start;
        this.primaryPathTableBytes = PathTables.size(plan.primaryOrder, true);
        this.jolietPathTableBytes = PathTables.size(plan.jolietOrder, false);
        long next = start + VD_OFFSET + 3;
        primaryL = next;
        next += IsoBytes.sectors(primaryPathTableBytes);
        primaryM = next;
        next += IsoBytes.sectors(primaryPathTableBytes);
        jolietL = next;
        next += IsoBytes.sectors(jolietPathTableBytes);
        jolietM = next;
        next += IsoBytes.sectors(jolietPathTableBytes);
        for (PlannedDir d : plan.primaryOrder) {
            d.primarySize = PlannedDir.extentBytes(d.primaryChildren);
            d.primaryExtent = next;
            next += d.primarySize / IsoBytes.SECTOR;
        }
        for (PlannedDir d : plan.jolietOrder) {
            d.jolietSize = PlannedDir.extentBytes(d.jolietChildren);
            d.jolietExtent = next;
            next += d.jolietSize / IsoBytes.SECTOR;
        }
        newFiles = new ArrayList<>();
        newExtents = new IdentityHashMap<>();
        for (PlannedDir d : plan.jolietOrder) {
            for (PlannedDir.Child c : d.jolietChildren) {
                if (!c.isDir() && c.file().data() instanceof FileData.FromSource) {
                    newFiles.add(c.file());
                    newExtents.put(c.file(), next);
                    next += IsoBytes.sectors(c.file().size());
                }
            }
        }
        this.end = next;
    }

    /** Lays out the tree {@code root} as a session starting at block {@code start}. */
    public static SessionLayout of(DiscDir root, long start) throws BurnerException {
        if (start < 0 || start % 16 != 0) {
            throw new IllegalArgumentException("session start " + start + " is not a multiple of 16");
        }
        SessionLayout layout = new SessionLayout(TreePlan.of(root), start);
        if (layout.end > 0xffffffffL) {
            throw BurnerException.badInput("the session would end beyond block 2^32");
        }
        return layout;
    }

    /** First block of the session. */
    public long start() {
        return start;
    }

    /** Block just after the session's last block. */
    public long end() {
        return end;
    }

    /** Blocks the session occupies. */
    public long blocks() {
        return end - start;
    }

    /** Bytes of file data new in this session. */
    public long newFileBytes() {
        return newFiles.stream().mapToLong(DiscFile::size).sum();
    }

    /** Number of files new in this session. */
    public int newFileCount() {
        return newFiles.size();
    }

    /**
     * The extent of a file: its old extent, its new one, or for an empty file the session's start
     * (an empty file occupies no block, and every reader tested accepts any address for it).
     */
    long extentOf(DiscFile f) {
        if (f.size() == 0) {
            return start;
        }
        if (f.data() instanceof FileData.OnDisc d) {
            return d.extent();
        }
        return newExtents.get(f);
    }
}
