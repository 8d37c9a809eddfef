package dev.rmkit.rm.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatusTest {

    @Test
    void readsEffectiveIdsGroupsAndCapabilities() {
        ProcStatus s = ProcStatus.parse("Name:\tx\nUid:\t1000\t1001\t1000\t1000\nGid:\t100\t101\t100\t100\n"
                + "Groups:\t24 27 \nCapEff:\t0000000000000000\n");
        assertEquals(1001, s.uid());
        assertEquals(101, s.gid());
        assertEquals(List.of(24, 27), s.groups());
        assertFalse(s.bypassesFilePermissions());
    }

    @Test
    void permissionBitsDecideWhoMayOpenAFile() {
        ProcStatus user = new ProcStatus(1000, 1000, List.of(24), 0);
        assertTrue(user.mayAccess(1000, 1000, 0600));
        assertFalse(user.mayAccess(0, 0, 0600));
        assertTrue(user.mayAccess(0, 24, 0640));
        assertFalse(user.mayAccess(0, 25, 0640));
        assertTrue(user.mayAccess(0, 0, 0644));
        assertFalse(user.mayAccess(1000, 0, 0044));
    }

    @Test
    void rootAndDacCapabilitiesBypassPermissionBits() {
        assertTrue(new ProcStatus(0, 0, List.of(), 0).mayAccess(1000, 1000, 0));
        assertTrue(new ProcStatus(5, 5, List.of(), 1L << 1).mayAccess(1000, 1000, 0));
    }

    @Test
    void rejectsStatusWithoutIds() {
        assertThrows(IllegalArgumentException.class, () -> ProcStatus.parse("Name:\tx\n"));
    }
}
