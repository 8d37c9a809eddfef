package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hold, in this (HotSpot) JVM: the directive it adds, and what it does to a method that turns hot. */
class CompileHoldTest {

    @TempDir
    Path dir;

    /** The output of HotSpot diagnostic command {@code op} (an operation of the DiagnosticCommand MBean). */
    static String dcmd(String op) throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                op, new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    /** How many directives are on HotSpot's stack (the default one included). */
    static int directives() throws Exception {
        return dcmd("compilerDirectivesPrint").split("Directive:", -1).length - 1;
    }

    @Test
    void addsOneDirectiveThatExcludesEveryMethodAndReleaseRemovesIt() throws Exception {
        int before = directives();
        Path file = dir.resolve("hold.json");
        CompileHold hold = CompileHold.prepare(file, Map.of());
        assertTrue(hold.awaitPrepared());

        assertTrue(hold.hold());
        String held;
        try {
            held = dcmd("compilerDirectivesPrint");
            assertEquals(before + 1, directives(), held);
            assertFalse(Files.exists(file), "read by the command, then deleted");
        } finally {
            hold.release();
        }

        assertTrue(held.contains("*.*"), held);
        assertTrue(held.contains("Exclude:true"), held);
        assertEquals(before, directives());
        assertFalse(hold.held());
    }

    @Test
    void aMethodHotWhileHeldIsNotCompiledAndOneHotAfterTheReleaseIs() throws Exception {
        CompileHold hold = CompileHold.prepare(dir.resolve("hold.json"), Map.of());
        assertTrue(hold.awaitPrepared());
        long sum = 0;
        assertTrue(hold.hold());
        try {
            for (int i = 0; i < 100_000; i++) {
                sum += hotWhileHeld(i);
            }
        } finally {
            hold.release();
        }
        for (int i = 0; i < 100_000; i++) {
            sum += hotAfterTheRelease(i);
        }
        // Compiles run on HotSpot's own threads: wait for the second method's, then look for the first's.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!dcmd("compilerCodelist").contains("CompileHoldTest.hotAfterTheRelease")) {
            assertTrue(System.nanoTime() < deadline, "the method hot after the release was never compiled");
            Thread.sleep(20);
        }
        String compiled = dcmd("compilerCodelist");
        assertFalse(compiled.contains("CompileHoldTest.hotWhileHeld"), compiled);
        assertTrue(sum > 0);
    }

    private static int hotWhileHeld(int i) {
        return (i ^ 0x5bd1e995) & 0xff;
    }

    private static int hotAfterTheRelease(int i) {
        return (i ^ 0x2545f491) & 0xff;
    }

    @Test
    void heldNothingWhereTheEnvironmentSaysNot() throws Exception {
        int before = directives();
        Path file = dir.resolve("hold.json");
        CompileHold hold = CompileHold.prepare(file, Map.of(CompileHold.ENV, "0"));

        assertFalse(hold.awaitPrepared());
        assertFalse(hold.hold());

        assertEquals(before, directives());
        assertFalse(Files.exists(file));
        hold.release();
        assertEquals(before, directives());
    }

    @Test
    void aLinkWhereTheDirectiveGoesIsNeitherFollowedNorRemoved() throws Exception {
        int before = directives();
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.txt"), "not the updater's");
        Path file = Files.createSymbolicLink(dir.resolve("hold.json"), elsewhere);
        CompileHold hold = CompileHold.prepare(file, Map.of());
        assertTrue(hold.awaitPrepared());

        assertFalse(hold.hold());

        assertEquals(before, directives());
        assertEquals("not the updater's", Files.readString(elsewhere));
        assertTrue(Files.isSymbolicLink(file));
    }

    @Test
    void holdsNothingWithNothingToClose() throws Exception {
        int before = directives();
        CompileHold off = CompileHold.off();

        assertFalse(off.hold());

        assertEquals(before, directives());
        off.release();
    }
}
