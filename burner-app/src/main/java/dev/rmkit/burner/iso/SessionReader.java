package dev.rmkit.burner.iso;

import dev.rmkit.burner.BurnerException;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads one session's Joliet tree back from a disc, as the burner needs it to build the next session
 * (files are kept as references to their extents) and to list a session's files. Everything read is
 * checked (record lengths, extents inside the disc, no directory loops) because a damaged disc must
 * give a clear error, never a wrong tree that the next session would then burn.
 */
public final class SessionReader {

    /** A directory larger than this is treated as damage (it would hold ~100,000 entries). */
    static final long MAX_DIR_BYTES = 16L * 1024 * 1024;

    private final SectorSource disc;
    private final Set<Long> seen = new HashSet<>();

    private SessionReader(SectorSource disc) {
        this.disc = disc;
    }

    /** The Joliet tree of the session whose volume descriptors start at {@code start + 16}. */
    public static DiscDir read(SectorSource disc, long start) throws BurnerException {
        return new SessionReader(disc).readSession(start);
    }

    private DiscDir readSession(long start) throws BurnerException {
        for (long lba = start + SessionLayout.VD_OFFSET; lba < start + SessionLayout.VD_OFFSET + 32; lba++) {
            byte[] vd = disc.read(lba, 1);
            if (!IsoBytes.ascii(vd, 1, 5).equals("CD001")) {
                throw BurnerException.damaged("no ISO 9660 volume descriptor at block " + lba
                        + " (session at block " + start + ")");
            }
            int type = vd[0] & 0xff;
            if (type == 255) {
                break;
            }
            if (type == 2 && vd[88] == '%' && vd[89] == '/' && (vd[90] == '@' || vd[90] == 'C' || vd[90] == 'E')) {
                DirectoryRecord root = decode(vd, 156, lba);
                DiscDir dir = new DiscDir("", root.recorded());
                fill(dir, root, "/", 1);
                return dir;
            }
        }
        throw BurnerException.damaged("the session at block " + start + " has no Joliet volume descriptor");
    }

    private void fill(DiscDir dir, DirectoryRecord self, String path, int level) throws BurnerException {
        if (level > 64) {
            throw BurnerException.damaged("directory nesting too deep at " + path);
        }
        if (!seen.add(self.extent())) {
            throw BurnerException.damaged("directory loop at " + path + " (block " + self.extent() + ")");
        }
        if (self.size() > MAX_DIR_BYTES) {
            throw BurnerException.damaged("directory " + path + " claims " + self.size() + " bytes");
        }
        checkExtent(self, path);
        int sectors = (int) IsoBytes.sectors(self.size());
        byte[] b = disc.read(self.extent(), sectors);
        int off = 0;
        int limit = (int) self.size();
        while (off < limit) {
            if (b[off] == 0) {
                off = (off / IsoBytes.SECTOR + 1) * IsoBytes.SECTOR;
                continue;
            }
            DirectoryRecord r = decode(b, off, self.extent());
            off += r.length();
            if (r.isSelfOrParent()) {
                continue;
            }
            String name = JolietNames.decode(r.identifier());
            if (r.directory()) {
                DiscDir child = new DiscDir(name, r.recorded());
                fill(child, r, path + name + "/", level + 1);
                dir.putDir(child);
            } else {
                if (r.size() > 0) {
                    checkExtent(r, path + name);
                }
                dir.put(new DiscFile(name, r.size(), r.recorded(), new FileData.OnDisc(r.extent())));
            }
        }
    }

    private void checkExtent(DirectoryRecord r, String path) throws BurnerException {
        if (r.extent() + IsoBytes.sectors(r.size()) > disc.blocks()) {
            throw BurnerException.damaged(path + " points at blocks " + r.extent() + ".."
                    + (r.extent() + IsoBytes.sectors(r.size())) + ", beyond the end of the disc ("
                    + disc.blocks() + " blocks)");
        }
    }

    private static DirectoryRecord decode(byte[] b, int off, long where) throws BurnerException {
        try {
            int len = b[off] & 0xff;
            if (off % IsoBytes.SECTOR + len > IsoBytes.SECTOR) {
                throw new IllegalArgumentException("record crosses a block boundary");
            }
            return DirectoryRecord.decode(b, off);
        } catch (IllegalArgumentException e) {
            throw BurnerException.damaged("bad directory record in block " + (where + off / IsoBytes.SECTOR)
                    + ": " + e.getMessage());
        }
    }
}
