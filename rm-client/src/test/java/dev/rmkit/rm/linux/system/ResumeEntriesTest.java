package dev.rmkit.rm.linux.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeEntriesTest {

    @Test
    void desktopExecLeavesPlainArgumentsAndQuotesTheRest() {
        assertEquals("/opt/java/bin/java -cp /a.jar:/b.jar Main resume --install-dir /opt/app",
                ResumeEntries.desktopExec(List.of("/opt/java/bin/java", "-cp", "/a.jar:/b.jar", "Main", "resume",
                        "--install-dir", "/opt/app")));
    }

    @Test
    void desktopExecEscapesReservedCharactersAndFieldCodes() {
        // "a b" → quoted; $ and " escaped inside quotes; % doubled; each backslash doubled by the file format.
        assertEquals("\"/my apps/run\" \"\\\\$HOME\" \"say \\\\\"hi\\\\\"\" 100%%",
                ResumeEntries.desktopExec(List.of("/my apps/run", "$HOME", "say \"hi\"", "100%")));
    }

    @Test
    void systemdExecQuotesEveryArgumentAndDisablesSpecifiersAndVariables() {
        assertEquals("\"/usr/bin/java\" \"a b\" \"50%%\" \"$$PATH\" \"q\\\"\"",
                ResumeEntries.systemdExec(List.of("/usr/bin/java", "a b", "50%", "$PATH", "q\"")));
    }

    @Test
    void refusesNamesThatAreNotFileNamesAndArgumentsWithNewlines() {
        assertThrows(IllegalArgumentException.class, () -> ResumeEntries.checkName("../x"));
        assertThrows(IllegalArgumentException.class, () -> ResumeEntries.checkName(".hidden"));
        assertThrows(IllegalArgumentException.class, () -> ResumeEntries.desktopExec(List.of("/a\nb")));
        assertThrows(IllegalArgumentException.class, () -> ResumeEntries.systemdExec(List.of()));
    }

    @Test
    void aProgramThatIsNotAnAbsolutePathIsRefusedSoSystemdReadsNoPrefixFromIt() {
        // systemd reads "-", "@", ":", "+", "!" at the start of ExecStart's first word as flags, quoted or not.
        for (String program : List.of("-/bin/true", "@/bin/true", "+/bin/true", "!/bin/true", ":/bin/true", "bin/true", "-w")) {
            assertThrows(IllegalArgumentException.class, () -> ResumeEntries.systemdExec(List.of(program, "-c", "id")),
                    program);
            assertThrows(IllegalArgumentException.class, () -> ResumeEntries.desktopExec(List.of(program, "-c", "id")),
                    program);
        }
    }

    @Test
    void theUnitIsAOneshotWantedByMultiUser() {
        String unit = ResumeEntries.systemdUnit("app", List.of("/bin/true"));
        assertTrue(unit.contains("Type=oneshot"), unit);
        assertTrue(unit.contains("ExecStart=\"/bin/true\""), unit);
        assertTrue(unit.contains("WantedBy=multi-user.target"), unit);
    }
}
