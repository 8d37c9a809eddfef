package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.HistoryFeed;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's {@code --json} answer is one object on one line, as reports and errors are: a fleet
 * tool can append any of them to a JSON Lines log, or read them line by line, without knowing which
 * command printed it.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class JsonLinesTest {

    @TempDir Path tmp;

    @Test
    void everyQueryCommandAnswersOneLine() throws Exception {
        HistoryFeed feed = new HistoryFeed(tmp.resolve("publisher"));
        Path key = feed.keygen("k");
        feed.publish("1.0.0", Map.of("a", "1".getBytes()), "--key", HistoryFeed.key(key).toString(), "--product", "rmkit-burner");
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = tmp.resolve("app");
        String trust = HistoryFeed.pub(key).toString();
        assertEquals(0, cli.run("apply", "--feed", feed.dir().toString(), "--install-dir", install.toString(),
                "--trust", trust).code());

        List<List<String>> commands = List.of(
                List.of("status", "--install-dir", install.toString(), "--json"),
                List.of("plan", "--feed", feed.dir().toString(), "--install-dir", install.toString(), "--json"),
                List.of("verify", "--install-dir", install.toString(), "--json"),
                List.of("releases", "--feed", feed.dir().toString(), "--install-dir", install.toString(), "--json"),
                List.of("trust", "show", "--install-dir", install.toString(), "--json"),
                List.of("history", "--install-dir", install.toString(), "--json"),
                List.of("keygen", "--out", tmp.resolve("fresh").toString(), "--json"));
        for (List<String> args : commands) {
            Cli.Run r = cli.run(args.toArray(String[]::new));

            assertEquals(0, r.code(), args + ": " + r.out() + r.err());
            List<String> lines = r.out().strip().lines().toList();
            assertEquals(1, lines.size(), args + " printed more than one line: " + r.out());
            assertTrue(new ObjectMapper().readTree(lines.get(0)).isObject(), args + ": " + r.out());
        }
    }
}
