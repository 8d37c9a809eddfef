package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.rm.testing.CooperatingTestApp;
import dev.rmkit.rm.testing.HolderApp;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class HoldersCommandTest {

    @TempDir Path tmp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void aFileNobodyHoldsExitsZeroAndSaysSo() throws Exception {
        Path f = Files.writeString(tmp.resolve("free.txt"), "x");
        assertEquals(ExitCode.OK.code(), run("holders", f.toString()));
        assertEquals("Nothing holds these files.\nReboot reasons: none\n", out.toString());
    }

    @EnabledOnOs(value = OS.LINUX, disabledReason = "asserts the Linux backend's view of a holder (name, type, registered command)")
    @Test
    void aCooperatingHolderIsShownWithItsRegisteredCommand() throws Exception {
        Path f = Files.writeString(tmp.resolve("app.jar"), "x");
        try (JavaProcess app = JavaProcess.start(CooperatingTestApp.class, tmp.resolve("rt"), tmp,
                "--app-id", "burner", "--hold", f.toString()).awaitReady()) {
            assertEquals(ExitCode.OK.code(), run("holders", f.toString()), err.toString());
            String text = out.toString();
            assertTrue(text.startsWith("1 process holds these files:\n  pid " + app.pid() + "  started "), text);
            assertTrue(text.contains("  burner  type MAIN_WINDOW  restartable yes\n"), text);
            assertTrue(text.contains("--restored\n      working directory: " + tmp.toAbsolutePath() + "\n"), text);
            assertTrue(text.endsWith("Reboot reasons: none\n"), text);
        }
    }

    @EnabledOnOs(value = OS.LINUX, disabledReason = "asserts the Linux backend's view of a holder (name, type, registered command)")
    @Test
    void jsonNamesEachHolderInTheRestartManagersVocabulary() throws Exception {
        Path f = Files.writeString(tmp.resolve("data.bin"), "x");
        try (JavaProcess holder = JavaProcess.start(HolderApp.class, tmp.resolve("rt"), tmp, "--open", f.toString()).awaitReady()) {
            assertEquals(ExitCode.OK.code(), run("holders", "--json", f.toString()), err.toString());
            JsonNode root = new ObjectMapper().readTree(out.toString());
            JsonNode h = root.get("holders").get(0);
            assertEquals(holder.pid(), h.get("pid").asLong());
            assertEquals("java", h.get("name").asText());
            assertEquals("UNKNOWN", h.get("type").asText());
            assertEquals(false, h.get("restartable").asBoolean());
            assertTrue(h.get("restartCommand").isNull());
            assertTrue(h.get("startTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
            assertEquals(0, root.get("rebootReasons").size());
        }
    }

    @Test
    void aDirectoryFindsTheHoldersOfEveryFileUnderItAsLsofPlusDDoes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("install/lib/deep"));
        Path f = Files.writeString(dir.resolve("core.jar"), "x");
        try (JavaProcess holder = JavaProcess.start(HolderApp.class, tmp.resolve("rt"), tmp, "--open", f.toString())
                .awaitReady()) {
            assertEquals(ExitCode.OK.code(), run("holders", "--json", tmp.resolve("install").toString()), err.toString());
            JsonNode holders = new ObjectMapper().readTree(out.toString()).get("holders");
            assertEquals(1, holders.size(), out.toString());
            assertEquals(holder.pid(), holders.get(0).get("pid").asLong());
        }
    }

    @Test
    void aBusyCooperatingHolderShowsItsCurrentReason() throws Exception {
        Path f = Files.writeString(tmp.resolve("app.jar"), "x");
        try (JavaProcess app = JavaProcess.start(CooperatingTestApp.class, tmp.resolve("rt"), tmp,
                "--app-id", "burner", "--hold", f.toString(), "--veto", "Burning session 1 of 'Photos' - 42%").awaitReady()) {
            assertEquals(ExitCode.OK.code(), run("holders", f.toString()), err.toString());
            assertTrue(out.toString().contains("\n      busy: Burning session 1 of 'Photos' - 42%\n"), out.toString());
            out.getBuffer().setLength(0);
            assertEquals(ExitCode.OK.code(), run("holders", "--json", f.toString()), err.toString());
            JsonNode h = new ObjectMapper().readTree(out.toString()).get("holders").get(0);
            assertEquals("Burning session 1 of 'Photos' - 42%", h.get("busy").asText());
            app.awaitLine(l -> l.startsWith("QUERY"), java.time.Duration.ofSeconds(10));
            assertTrue(app.lines().stream().noneMatch(l -> l.startsWith("END true")), app.lines().toString());
            assertTrue(app.isAlive(), "asking closes nothing");
        }
    }

    @Test
    void aMissingPathIsBadUsageAndNamesThePath() {
        Path missing = tmp.resolve("nope.bin");
        assertEquals(ExitCode.USAGE.code(), run("holders", missing.toString()));
        assertTrue(err.toString().contains("no such file: " + missing), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void noPathAtAllIsBadUsage() {
        assertEquals(ExitCode.USAGE.code(), run("holders"));
    }
}
