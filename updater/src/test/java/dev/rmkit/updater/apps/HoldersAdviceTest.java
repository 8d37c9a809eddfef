package dev.rmkit.updater.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.RebootReason;
import dev.rmkit.updater.holders.HoldersReport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A listing that could not inspect every process says what would: the platform's words, not always "run as root". */
class HoldersAdviceTest {

    static final String HIDDEN = "the kernel hides other users' processes from this one although it runs as root: /proc is"
            + " mounted with hidepid=invisible and it lacks CAP_SYS_PTRACE; give it CAP_SYS_PTRACE (or mount /proc without"
            + " hidepid) to see every process";

    @Test
    void aRootUpdaterWhoseKernelHidesProcessesIsToldWhatHidesThem() throws Exception {
        AffectedApps listed = new AffectedApps(List.of(), Set.of(RebootReason.PERMISSION_DENIED), HIDDEN);

        Holders.Result r = Holders.close(null, listed, false, Duration.ZERO, Duration.ZERO, Clock.systemUTC());

        String reason = ((Holders.Uninspectable) r).reason();
        assertTrue(reason.endsWith("any of them may hold the files: " + HIDDEN), reason);
        assertTrue(HoldersReport.text(listed).contains("Some processes could not be inspected: " + HIDDEN + ".\n"));
        assertFalse(HoldersReport.text(listed).contains(Holders.RUN_AS_ROOT));
    }

    @Test
    void withoutThePlatformsWordsTheUpdaterIsToldToRunAsRoot() {
        AffectedApps listed = new AffectedApps(List.of(), Set.of(RebootReason.PERMISSION_DENIED));

        assertEquals(Holders.RUN_AS_ROOT, Holders.seeEveryProcess(listed));
        assertTrue(HoldersReport.text(listed).contains("Some processes could not be inspected: " + Holders.RUN_AS_ROOT));
    }
}
