package dev.rmkit.burner.iso;

import java.time.Instant;

/**
 * The three volume descriptors of a session (ECMA-119 §8): the primary volume descriptor, the Joliet
 * supplementary volume descriptor (escape sequence {@code %/E}, UCS-2 level 3) and the terminator.
 * The same 3 sectors are written at the session's block 16 and, with the volume space size changed to
 * the absolute end of the disc, at block 16 of the disc, which is where plain readers look.
 */
public final class VolumeDescriptors {

    static final String APPLICATION = "RMKIT BURNER";
    static final int VD_OFFSET_BYTES = SessionLayout.VD_OFFSET * IsoBytes.SECTOR;

    private VolumeDescriptors() {}

    /**
     * Encodes the descriptors of {@code layout}.
     *
     * @param volumeSpaceSize the value of the volume space size field: the session's own block count in
     *     the session (as xorriso writes it, so {@code xorriso -toc} can step from session to session),
     *     the absolute end of the newest session in the disc's copy at block 16
     */
    static byte[] encode(SessionLayout layout, String label, Instant created, long volumeSpaceSize) {
        byte[] b = new byte[3 * IsoBytes.SECTOR];
        PlannedDir root = layout.plan.root();
        descriptor(b, 0, false, layout, volumeSpaceSize, created);
        IsoBytes.putAscii(b, 40, 32, primaryVolumeId(label));
        new DirectoryRecord(root.primaryExtent, root.primarySize, root.dir.modified(), true, DirectoryRecord.SELF)
                .encode(b, 156);
        IsoBytes.putAscii(b, 574, 128, APPLICATION);

        int s = IsoBytes.SECTOR;
        descriptor(b, s, true, layout, volumeSpaceSize, created);
        IsoBytes.putUcs2(b, s + 8, 32, "");
        IsoBytes.putUcs2(b, s + 40, 32, label.length() > 16 ? label.substring(0, 16) : label);
        b[s + 88] = '%';
        b[s + 89] = '/';
        b[s + 90] = 'E';
        new DirectoryRecord(root.jolietExtent, root.jolietSize, root.dir.modified(), true, DirectoryRecord.SELF)
                .encode(b, s + 156);
        for (int off : new int[] {190, 318, 446}) {
            IsoBytes.putUcs2(b, s + off, 128, "");
        }
        IsoBytes.putUcs2(b, s + 574, 128, APPLICATION);
        for (int off : new int[] {702, 739, 776}) {
            IsoBytes.putUcs2(b, s + off, 36, "");
            b[s + off + 36] = 0;
        }

        int t = 2 * IsoBytes.SECTOR;
        b[t] = (byte) 255;
        IsoBytes.putAscii(b, t + 1, 5, "CD001");
        b[t + 6] = 1;
        return b;
    }

    private static void descriptor(byte[] b, int o, boolean joliet, SessionLayout layout, long volumeSpaceSize,
            Instant created) {
        b[o] = (byte) (joliet ? 2 : 1);
        IsoBytes.putAscii(b, o + 1, 5, "CD001");
        b[o + 6] = 1;
        IsoBytes.putAscii(b, o + 8, 32, "");
        IsoBytes.putBoth32(b, o + 80, volumeSpaceSize);
        IsoBytes.putBoth16(b, o + 120, 1);
        IsoBytes.putBoth16(b, o + 124, 1);
        IsoBytes.putBoth16(b, o + 128, IsoBytes.SECTOR);
        long ptSize = joliet ? layout.jolietPathTableBytes : layout.primaryPathTableBytes;
        IsoBytes.putBoth32(b, o + 132, ptSize);
        IsoBytes.putLe32(b, o + 140, joliet ? layout.jolietL : layout.primaryL);
        IsoBytes.putBe32(b, o + 148, joliet ? layout.jolietM : layout.primaryM);
        for (int off : new int[] {190, 318, 446, 574}) {
            IsoBytes.putAscii(b, o + off, 128, "");
        }
        for (int off : new int[] {702, 739, 776}) {
            IsoBytes.putAscii(b, o + off, 37, "");
        }
        IsoDates.putVolumeDate(b, o + 813, created);
        IsoDates.putVolumeDate(b, o + 830, created);
        IsoDates.putUnspecifiedVolumeDate(b, o + 847);
        IsoDates.putUnspecifiedVolumeDate(b, o + 864);
        b[o + 881] = 1;
    }

    /** The label as ECMA-119 d-characters (accents dropped, upper-case, others as '_'), at most 32. */
    static String primaryVolumeId(String label) {
        String v = PrimaryNames.dchars(label);
        return v.length() > 32 ? v.substring(0, 32) : v;
    }

    /** Rewrites the volume space size of both descriptors in an encoded 3-sector block. */
    public static byte[] withVolumeSpaceSize(byte[] descriptors, long volumeSpaceSize) {
        byte[] b = descriptors.clone();
        IsoBytes.putBoth32(b, 80, volumeSpaceSize);
        IsoBytes.putBoth32(b, IsoBytes.SECTOR + 80, volumeSpaceSize);
        return b;
    }
}
