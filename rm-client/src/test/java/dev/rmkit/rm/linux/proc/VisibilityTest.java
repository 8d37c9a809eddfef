package dev.rmkit.rm.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** What the caller is told when it cannot inspect every process, from a fixture {@code /proc/self}. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux backend's reading of /proc")
class VisibilityTest {

    /** Every capability of a root shell on a host: CapEff with bits 0–40. */
    static final String ALL = "000001ffffffffff";
    /** The same without CAP_SYS_PTRACE (bit 19), as in a container that drops it. */
    static final String NO_PTRACE = "000001fffff7ffff";

    @TempDir Path tmp;
    ProcFs proc;

    @BeforeEach
    void tree() throws IOException {
        Files.writeString(tmp.resolve("stat"), "cpu  1 2 3 4\nbtime 1700000000\n");
        Files.createDirectories(tmp.resolve("self"));
        proc = new ProcFs(tmp);
    }

    private Visibility self(int uid, String capEff, String procOptions) throws IOException {
        Files.writeString(tmp.resolve("self/status"), "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nGid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\nGroups:\t27\nCapEff:\t" + capEff + "\n");
        Files.writeString(tmp.resolve("self/mountinfo"), "27 1 0:21 / / rw,relatime - ext4 /dev/sda1 rw\n"
                + "22 27 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:13 - proc proc " + procOptions + "\n");
        return Visibility.of(proc, 12345);
    }

    @Test
    void aUserIsToldToRunAsRoot() throws Exception {
        Visibility v = self(1000, "0000000000000000", "rw");
        assertEquals("run as root to see every process", v.advice());
        assertFalse(v.othersHidden());
    }

    @Test
    void rootWithoutCapSysPtraceIsToldWhatItLacksNotToRunAsRoot() throws Exception {
        Visibility v = self(0, NO_PTRACE, "rw");
        assertTrue(v.advice().contains("although it runs as root: it lacks CAP_SYS_PTRACE"), v.advice());
        assertFalse(v.advice().contains("run as root"), v.advice());
        assertFalse(v.othersHidden(), "without hidepid every process is listed, only its fd/ and maps are refused");
    }

    @Test
    void hidepidHidesOtherUsersProcessesFromRootWithoutCapSysPtrace() throws Exception {
        Visibility v = self(0, NO_PTRACE, "rw,hidepid=invisible");
        assertTrue(v.othersHidden());
        assertTrue(v.advice().contains("/proc is mounted with hidepid=invisible and it lacks CAP_SYS_PTRACE"), v.advice());
        assertTrue(self(1000, "0000000000000000", "rw,hidepid=2").othersHidden(), "and from a user");
        assertEquals("run as root to see every process", self(1000, "0000000000000000", "rw,hidepid=2").advice());
    }

    @Test
    void hidepidHidesNothingFromRootWithCapSysPtraceNorFromTheMountsGroup() throws Exception {
        Visibility root = self(0, ALL, "rw,hidepid=2");
        assertFalse(root.othersHidden());
        assertTrue(root.advice().contains("runs as root with CAP_SYS_PTRACE (a security module"), root.advice());
        assertFalse(self(1000, "0000000000000000", "rw,hidepid=2,gid=27").othersHidden(), "group 27 is exempt");
        assertFalse(self(1000, "0000000000000000", "rw,hidepid=off").othersHidden());
    }

    @Test
    void theOptionsAreThoseOfTheProcMountThatIsRead() {
        String mountinfo = "22 27 0:21 / /proc rw - proc proc rw,hidepid=2\n"
                + "40 27 0:50 / /srv/proc rw - proc proc rw\n"
                + "41 27 0:51 / /x rw - tmpfs proc rw,hidepid=2\n";
        assertEquals(List.of("rw"), Visibility.procOptions(mountinfo, "/srv/proc"));
        assertEquals(List.of("rw", "hidepid=2"), Visibility.procOptions(mountinfo, "/elsewhere"));
        assertEquals(List.of(), Visibility.procOptions("garbage\n", "/proc"));
    }

    @Test
    void withoutSelfTheCallersUidDecides() {
        Visibility v = Visibility.of(proc, 1000);
        assertEquals("run as root to see every process", v.advice());
        assertFalse(v.othersHidden());
    }
}
