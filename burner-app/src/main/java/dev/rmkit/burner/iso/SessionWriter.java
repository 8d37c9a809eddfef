package dev.rmkit.burner.iso;

import dev.rmkit.burner.BurnerException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;

/**
 * Writes one session, block by block in ascending order, to a {@link SectorSink}. Memory stays
 * bounded: directories are encoded one at a time and file data is streamed in 64 KiB chunks.
 */
public final class SessionWriter {

    static final int CHUNK = 64 * 1024;

    private final SessionLayout layout;
    private final String label;
    private final Instant created;

    public SessionWriter(SessionLayout layout, String label, Instant created) {
        this.layout = layout;
        this.label = label;
        this.created = created;
    }

    /** The session's volume descriptors with the volume space size given (see {@link VolumeDescriptors}). */
    public byte[] volumeDescriptors(long volumeSpaceSize) {
        return VolumeDescriptors.encode(layout, label, created, volumeSpaceSize);
    }

    /**
     * Writes the whole session.
     *
     * @throws BurnerException if a source file vanished or changed size since it was planned, or the sink failed
     */
    public void writeTo(SectorSink sink) throws BurnerException {
        sink.write(new byte[VolumeDescriptors.VD_OFFSET_BYTES], 0, VolumeDescriptors.VD_OFFSET_BYTES);
        byte[] vds = volumeDescriptors(layout.blocks());
        sink.write(vds, 0, vds.length);
        List<PlannedDir> primary = layout.plan.primaryOrder;
        List<PlannedDir> joliet = layout.plan.jolietOrder;
        for (boolean le : new boolean[] {true, false}) {
            byte[] t = PathTables.encode(primary, true, le);
            sink.write(t, 0, t.length);
        }
        for (boolean le : new boolean[] {true, false}) {
            byte[] t = PathTables.encode(joliet, false, le);
            sink.write(t, 0, t.length);
        }
        for (PlannedDir d : primary) {
            byte[] b = directory(d, true);
            sink.write(b, 0, b.length);
        }
        for (PlannedDir d : joliet) {
            byte[] b = directory(d, false);
            sink.write(b, 0, b.length);
        }
        byte[] buf = new byte[CHUNK];
        for (DiscFile f : layout.newFiles) {
            stream(f, buf, sink);
        }
    }

    private byte[] directory(PlannedDir d, boolean primary) {
        long extent = primary ? d.primaryExtent : d.jolietExtent;
        long size = primary ? d.primarySize : d.jolietSize;
        PlannedDir parent = d.parentOrSelf();
        byte[] b = new byte[(int) size];
        int off = new DirectoryRecord(extent, size, d.dir.modified(), true, DirectoryRecord.SELF).encode(b, 0);
        off += new DirectoryRecord(primary ? parent.primaryExtent : parent.jolietExtent,
                primary ? parent.primarySize : parent.jolietSize, parent.dir.modified(), true,
                DirectoryRecord.PARENT).encode(b, off);
        for (PlannedDir.Child c : primary ? d.primaryChildren : d.jolietChildren) {
            DirectoryRecord r = c.isDir()
                    ? new DirectoryRecord(primary ? c.dir().primaryExtent : c.dir().jolietExtent,
                            primary ? c.dir().primarySize : c.dir().jolietSize, c.dir().dir.modified(), true,
                            c.identifier())
                    : new DirectoryRecord(layout.extentOf(c.file()), c.file().size(), c.file().modified(), false,
                            c.identifier());
            if (off % IsoBytes.SECTOR + r.length() > IsoBytes.SECTOR) {
                off = (off / IsoBytes.SECTOR + 1) * IsoBytes.SECTOR;
            }
            off += r.encode(b, off);
        }
        return b;
    }

    private static void stream(DiscFile f, byte[] buf, SectorSink sink) throws BurnerException {
        FileData.FromSource src = (FileData.FromSource) f.data();
        long remaining = f.size();
        try (InputStream in = Files.newInputStream(src.path())) {
            while (remaining > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
                if (n < 0) {
                    throw BurnerException.badInput(src.path() + " shrank while it was being burned");
                }
                sink.write(buf, 0, n);
                remaining -= n;
            }
            if (in.read() >= 0) {
                throw BurnerException.badInput(src.path() + " grew while it was being burned");
            }
        } catch (NoSuchFileException e) {
            throw BurnerException.missingInput(src.path() + " vanished before it was burned");
        } catch (IOException e) {
            throw BurnerException.missingInput("cannot read " + src.path() + ": " + e.getMessage());
        }
        int tail = (int) (f.size() % IsoBytes.SECTOR);
        if (tail != 0) {
            sink.write(new byte[IsoBytes.SECTOR - tail], 0, IsoBytes.SECTOR - tail);
        }
    }
}
