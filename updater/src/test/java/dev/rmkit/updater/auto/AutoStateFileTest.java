package dev.rmkit.updater.auto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.install.InstallLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .rmkit/auto.json}: what one run hands the next survives a new process exactly. */
class AutoStateFileTest {

    @Test
    void aStateReadsBackExactlyWithItsZone(@TempDir Path tmp) throws Exception {
        InstallLayout l = new InstallLayout(tmp);
        AutoState s = Decider.after(DeciderTest.BASE, DeciderTest.SEEN, Optional.of(DeciderTest.V2),
                new RunResult(RunResult.Kind.DEFERRED, List.of(new Refusal("burner", 42, "Burning - 40%",
                        DeciderTest.at("2026-11-30T14:00")))), DeciderTest.at("2026-11-30T14:00"));
        assertTrue(s.noticeAt().isPresent(), "refused past the deadline: told of the forced close");

        AutoStateFile.write(l, s, DeciderTest.BERLIN);

        assertEquals(Optional.of(new AutoStateFile.Stored(s, DeciderTest.BERLIN)), AutoStateFile.read(l));
        assertTrue(Files.readString(l.autoStateFile()).contains("\"timeZone\" : \"Europe/Berlin\""));
    }

    @Test
    void aFileWrittenBeforeTheNoticeWasRememberedReadsAsNeverTold(@TempDir Path tmp) throws Exception {
        InstallLayout l = new InstallLayout(tmp);
        Files.createDirectories(l.stateDir());
        Files.writeString(l.autoStateFile(), "{\"v\":1,\"version\":\"2.0.0\",\"firstSeen\":\"2026-11-23T09:00:00Z\","
                + "\"deferrals\":1,\"lastRefusal\":null,\"lastCheck\":\"2026-11-23T09:00:00Z\",\"lastResult\":\"staged\","
                + "\"deadline\":null,\"forceAt\":null,\"next\":null,\"timeZone\":\"UTC\"}");

        AutoState s = AutoStateFile.read(l).orElseThrow().state();

        assertEquals(Optional.empty(), s.noticeAt());
        assertEquals(1, s.deferrals());
    }

    @Test
    void noFileIsNoStateAndADamagedOneIsAnErrorNamingIt(@TempDir Path tmp) throws Exception {
        InstallLayout l = new InstallLayout(tmp);
        assertEquals(Optional.empty(), AutoStateFile.read(l));
        Files.createDirectories(l.stateDir());
        Files.writeString(l.autoStateFile(), "{\"v\":1,\"version\":\"2.0.0\",\"firstSeen\":null");
        IOException e = assertThrows(IOException.class, () -> AutoStateFile.read(l));
        assertTrue(e.getMessage().contains(l.autoStateFile().toString()), e.getMessage());
    }
}
