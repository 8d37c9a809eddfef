package dev.rmkit.burner.iso;

import java.util.ArrayList;
import java.util.List;

/**
 * A directory as it will be written in one session: its identifiers and children in both trees, its
 * path-table numbers and its extents. Filled in by {@link TreePlan} and {@link SessionLayout}.
 */
final class PlannedDir {

    /** A child record: a directory or a file, with the identifier it has in one tree. */
    record Child(byte[] identifier, PlannedDir dir, DiscFile file) {
        boolean isDir() {
            return dir != null;
        }
    }

    final DiscDir dir;
    final PlannedDir parent;
    final int level;
    byte[] primaryId = DirectoryRecord.SELF;
    byte[] jolietId = DirectoryRecord.SELF;
    final List<Child> primaryChildren = new ArrayList<>();
    final List<Child> jolietChildren = new ArrayList<>();
    int primaryNumber;
    int jolietNumber;
    long primaryExtent;
    long primarySize;
    long jolietExtent;
    long jolietSize;

    PlannedDir(DiscDir dir, PlannedDir parent) {
        this.dir = dir;
        this.parent = parent;
        this.level = parent == null ? 1 : parent.level + 1;
    }

    PlannedDir parentOrSelf() {
        return parent == null ? this : parent;
    }

    /** Bytes a directory extent needs: "." and ".." then the children, no record crossing a sector. */
    static long extentBytes(List<Child> children) {
        long sectors = 1;
        int used = 2 * DirectoryRecord.lengthFor(1);
        for (Child c : children) {
            int len = DirectoryRecord.lengthFor(c.identifier().length);
            if (used + len > IsoBytes.SECTOR) {
                sectors++;
                used = 0;
            }
            used += len;
        }
        return sectors * IsoBytes.SECTOR;
    }
}
