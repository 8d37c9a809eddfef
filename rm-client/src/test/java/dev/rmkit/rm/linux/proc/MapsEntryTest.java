package dev.rmkit.rm.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MapsEntryTest {

    @Test
    void parsesAFileBackedMapping() {
        MapsEntry e = MapsEntry.parse("7f2c1a000000-7f2c1a022000 r--p 00000000 fd:01 1835073    /usr/lib/x86_64-linux-gnu/libc.so.6").orElseThrow();
        assertEquals(new FileKey(0xfd, 1, 1835073), e.key());
        assertEquals("/usr/lib/x86_64-linux-gnu/libc.so.6", e.path());
        assertFalse(e.deleted());
    }

    @Test
    void keepsSpacesInPathsAndStripsDeletedMarker() {
        MapsEntry e = MapsEntry.parse("00400000-00452000 r-xp 00000000 08:12 42 /opt/my app/lib x.so (deleted)").orElseThrow();
        assertEquals("/opt/my app/lib x.so", e.path());
        assertTrue(e.deleted());
        assertEquals(new FileKey(8, 0x12, 42), e.key());
    }

    @Test
    void readsTheInodeColumnWithoutParsing() {
        assertEquals(1835073, MapsEntry.inodeOf("7f2c1a000000-7f2c1a022000 r--p 00000000 fd:01 1835073    /usr/lib/libc.so.6"));
        assertEquals(0, MapsEntry.inodeOf("7ffd5e9c4000-7ffd5e9e5000 rw-p 00000000 00:00 0   [stack]"));
        assertEquals(-1, MapsEntry.inodeOf("garbage"));
    }

    @Test
    void anonymousMappingsHoldNoFile() {
        assertTrue(MapsEntry.parse("7ffd5e9c4000-7ffd5e9e5000 rw-p 00000000 00:00 0                          [stack]").isEmpty());
        assertTrue(MapsEntry.parse("55d0c9b4f000-55d0c9b70000 rw-p 00000000 00:00 0").isEmpty());
    }

    @Test
    void rejectsLinesThatAreNotMaps() {
        assertThrows(IllegalArgumentException.class, () -> MapsEntry.parse("garbage"));
        assertThrows(IllegalArgumentException.class, () -> MapsEntry.parse("a-b r--p 0 zz:01 5 /x"));
    }

    @Test
    void decodesGlibcDeviceNumbers() {
        assertEquals(new FileKey(253, 1, 7), FileKey.fromStatDev(0xfd01L, 7));
        // makedev(259, 300000): minor above 255 spills into the high bits.
        long dev = ((259L & 0xfff) << 8) | (300000L & 0xff) | ((300000L & ~0xffL) << 12);
        assertEquals(new FileKey(259, 300000, 9), FileKey.fromStatDev(dev, 9));
    }
}
