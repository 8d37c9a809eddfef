package dev.rmkit.rm.linux.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(value = OS.LINUX, disabledReason = "spawns sleep and walks its process tree")
class InhibitorsTest {

    /** What {@code busctl --json=short call ... ListInhibitors} printed in the test container. */
    static final String LISTED = "{\"type\":\"a(ssssuu)\",\"data\":[[[\"shutdown\",\"backup\",\"nightly backup \u2014 5%\","
            + "\"block\",0,373],[\"shutdown:sleep\",\"burner\",\"Burning\",\"delay\",1000,80],"
            + "[\"sleep:idle\",\"player\",\"Playing\",\"block\",1000,90],[\"shutdown\",\"rmkit updater\",\"installing\","
            + "\"block\",0,55]]]}";

    @Test
    void onlyBlockLocksOnShutdownOfOtherPartiesStopAReboot() throws Exception {
        List<Inhibitors.Lock> all = Inhibitors.parse(LISTED);
        assertEquals(4, all.size());

        List<Inhibitors.Lock> blocking = Inhibitors.blockingShutdown(all, pid -> pid == 55);

        assertEquals(List.of("backup"), blocking.stream().map(Inhibitors.Lock::who).toList(),
                "a delay lock, a lock on sleep only and our own lock do not stop a reboot");
        assertTrue(blocking.get(0).describe().startsWith("\"backup\" (pid 373, "), blocking.get(0).describe());
        assertTrue(blocking.get(0).describe().endsWith("): nightly backup \u2014 5%"), blocking.get(0).describe());
    }

    @Test
    void anotherPartysTextCannotForgeLinesInTheMessage() {
        Inhibitors.Lock l = new Inhibitors.Lock("shutdown", "evil\nupdated: ok", "why\u001b[2J", "block", 7, 1);
        assertTrue(!l.describe().contains("\n") && !l.describe().contains("\u001b"), l.describe());
    }

    @Test
    void withoutLogindThereAreNoLocks() throws Exception {
        assertEquals(List.of(), Inhibitors.parse("{\"type\":\"a(ssssuu)\",\"data\":[[]]}"));
    }

    @Test
    void thisProcessAndItsChildrenAreOurs() throws Exception {
        assertTrue(Inhibitors.ours(ProcessHandle.current().pid()));
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            assertTrue(Inhibitors.ours(child.pid()));
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertTrue(!Inhibitors.ours(1));
    }
}
