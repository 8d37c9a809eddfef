package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A Linux shutdown holds this JVM's compiles from before the close until its allClosed has run ({@link CompileHold}). */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux backend with real processes (/proc, Unix sockets, signals)")
class CompileHoldIT {

    @TempDir Path tmp;
    private SessionFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        assumeFalse("0".equals(System.getenv(CompileHold.ENV)), "the hold is turned off in this environment");
        fx = new SessionFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void compilesAreHeldWhileAllClosedRunsAndNotAfterTheShutdown() throws Exception {
        Path f = fx.file("data.bin");
        fx.cooperating(tmp, "--hold", f.toString());
        int before = CompileHoldTest.directives();
        List<String> inside = new ArrayList<>();
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));

            ShutdownResult r = s.shutdown(Set.of(), p -> { }, complete -> {
                try {
                    inside.add(CompileHoldTest.dcmd("compilerDirectivesPrint"));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            assertEquals(ShutdownResult.Outcome.COMPLETE, r.outcome());
            assertEquals(1, inside.size());
            assertEquals(before + 1, inside.get(0).split("Directive:", -1).length - 1, inside.get(0));
            assertTrue(inside.get(0).contains("Exclude:true"), inside.get(0));
            assertEquals(before, CompileHoldTest.directives(), "released once the shutdown returned");
            assertEquals(List.of(), directiveFiles(), "the directive's file is gone");
        }
    }

    @Test
    void anAllClosedThatThrowsLeavesNoCompileHeld() throws Exception {
        Path f = fx.file("data.bin");
        fx.cooperating(tmp, "--hold", f.toString());
        int before = CompileHoldTest.directives();
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.shutdown(Set.of(), p -> { }, complete -> {
                throw new IllegalStateException("the caller's swap failed");
            }));

            assertEquals("the caller's swap failed", e.getMessage());
            assertEquals(before, CompileHoldTest.directives());
        }
    }

    @Test
    void aShutdownAnAppRefusesHoldsNothingAfterwards() throws Exception {
        Path f = fx.file("data.bin");
        JavaProcess app = fx.cooperating(tmp, "--hold", f.toString(), "--veto", "burning");
        int before = CompileHoldTest.directives();
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));

            ShutdownResult r = s.shutdown(Set.of(), p -> { }, complete -> { });

            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, r.outcome());
            assertTrue(app.isAlive());
            assertEquals(before, CompileHoldTest.directives());
            assertEquals(List.of(), directiveFiles());
        }
    }

    private List<Path> directiveFiles() throws Exception {
        try (Stream<Path> files = Files.list(fx.runtime.resolve("sessions"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".compile-hold.json")).toList();
        }
    }
}
