package dev.rmkit.burner.iso;

import java.util.List;

/**
 * ECMA-119 path tables (§9.4): one record per directory in path-table order, each naming the
 * directory's extent and its parent's number. Written twice per tree, little-endian (type L) and
 * big-endian (type M); readers such as isoinfo -p and Windows use them to find directories fast.
 */
final class PathTables {

    private PathTables() {}

    static long size(List<PlannedDir> order, boolean primary) {
        long size = 0;
        for (PlannedDir d : order) {
            size += recordLength(id(d, primary).length);
        }
        return size;
    }

    private static int recordLength(int idLen) {
        return 8 + idLen + (idLen % 2);
    }

    private static byte[] id(PlannedDir d, boolean primary) {
        return primary ? d.primaryId : d.jolietId;
    }

    /** Encodes the table, padded to whole sectors. */
    static byte[] encode(List<PlannedDir> order, boolean primary, boolean littleEndian) {
        long size = size(order, primary);
        byte[] b = new byte[(int) (IsoBytes.sectors(size) * IsoBytes.SECTOR)];
        int off = 0;
        for (PlannedDir d : order) {
            byte[] id = id(d, primary);
            long extent = primary ? d.primaryExtent : d.jolietExtent;
            PlannedDir parent = d.parentOrSelf();
            int parentNo = primary ? parent.primaryNumber : parent.jolietNumber;
            b[off] = (byte) id.length;
            b[off + 1] = 0;
            if (littleEndian) {
                IsoBytes.putLe32(b, off + 2, extent);
                IsoBytes.putLe16(b, off + 6, parentNo);
            } else {
                IsoBytes.putBe32(b, off + 2, extent);
                IsoBytes.putBe16(b, off + 6, parentNo);
            }
            System.arraycopy(id, 0, b, off + 8, id.length);
            off += recordLength(id.length);
        }
        return b;
    }
}
