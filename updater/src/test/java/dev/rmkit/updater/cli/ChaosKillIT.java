package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.Strace;
import dev.rmkit.updater.testing.Trees;
import dev.rmkit.updater.testing.UpdaterProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at random moments of real applies, then {@code resume}: at least {@link #KILLS} kills, and
 * after every one the install is exactly the old release or exactly the new one (user file included)
 * and {@code status} agrees. The moment is chosen by the test, not by a timer: strace delivers SIGKILL
 * when the updater's main thread enters the Nth call of a kind (a rename, an fsync, a mkdir...), N
 * drawn at random over the calls of that kind one traced apply makes. strace exits only once the
 * killed updater is gone, and the resume after it must get the install's lock (a live updater would
 * make it exit 75), so every resume runs against a dead updater. {@code -Drmkit.chaos.seed=S} repeats
 * a run.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "strace is a Linux tool")
class ChaosKillIT {

    static final int KILLS = 40;
    static final List<String> KINDS = List.of("rename", "renameat", "renameat2", "fsync", "fdatasync", "mkdir",
            "mkdirat", "unlink", "unlinkat", "rmdir", "openat", "write", "pwrite64", "fchmod", "fchmodat");
    static final Map<String, String> A = Map.of("bin/run", "#!/bin/sh\necho A\n", "lib/core.jar", "core A",
            "lib/a-only.jar", "only in A", "conf/app.conf", "same in both");
    static final Map<String, String> B = Map.of("bin/run", "#!/bin/sh\necho B\n", "lib/core.jar", "core B",
            "lib/deep/b/new.jar", "only in B", "conf/app.conf", "same in both");

    @TempDir Path tmp;

    @Test
    void noKillLeavesAMixedInstall() throws Exception {
        assumeTrue(Strace.available(), "needs strace (apt-get install strace) with permission to trace");
        long seed = Long.getLong("rmkit.chaos.seed", System.nanoTime());
        Random random = new Random(seed);
        Feeds feeds = Feeds.create(tmp.resolve("publisher"));
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = tmp.resolve("app");
        Map<String, Map<String, String>> trees = Map.of("A", withUserFile(feeds, "A", A), "B", withUserFile(feeds, "B", B));
        List<Path> releases = new ArrayList<>();
        for (int i = 0; i < 3 * KILLS; i++) {
            releases.add(feeds.publish("1.0." + i, i % 2 == 0 ? A : B, Set.of("bin/run")));
        }
        assertEquals(0, cli.run("apply", "--manifest", releases.get(0).toString(), "--install-dir", install.toString(),
                "--trust", feeds.publicKey().toString()).code());
        java.nio.file.Files.writeString(install.resolve("notes.txt"), "the user's notes");
        Map<String, Integer> counts = countCalls(cli, install, releases.get(1));
        int installed = 1;
        int kills = 0;
        List<String> log = new ArrayList<>();
        for (int run = 0; kills < KILLS && installed + 1 < releases.size(); run++) {
            String kind = KINDS.get(random.nextInt(KINDS.size()));
            if (counts.getOrDefault(kind, 0) == 0) {
                continue;
            }
            int n = 1 + random.nextInt(counts.get(kind));
            String from = installed % 2 == 0 ? "A" : "B";
            String to = installed % 2 == 0 ? "B" : "A";
            UpdaterProcess.Result r = UpdaterProcess.start(killAt(kind, n), Map.of(), env(cli), "apply", "--manifest",
                    releases.get(installed + 1).toString(), "--install-dir", install.toString()).await();
            String what = "seed " + seed + ", run " + run + ": SIGKILL at " + kind + " #" + n;
            assertTrue(r.code() == 137 || r.code() == 0, what + ": " + r.out() + r.err());
            kills += r.code() == 137 ? 1 : 0;

            Cli.Run resumed = cli.run("resume", "--install-dir", install.toString(), "--json");
            assertTrue(resumed.code() == 0 || resumed.code() == 70, what + ": " + resumed.out());
            Map<String, String> now = Trees.snapshot(install);
            String state = now.equals(trees.get(to)) ? to : now.equals(trees.get(from)) ? from : "MIXED";
            log.add(what + " (exit " + r.code() + ") -> resume " + resumed.code() + ", install " + state);
            assertTrue(!state.equals("MIXED"), String.join("\n", log) + "\n" + now);
            String version = cli.run("status", "--install-dir", install.toString(), "--json").json().get("version").asText();
            assertEquals(state.equals(to) ? "1.0." + (installed + 1) : "1.0." + installed, version, String.join("\n", log));
            installed += state.equals(to) ? 1 : 0;
        }
        assertTrue(kills >= KILLS, "only " + kills + " kills:\n" + String.join("\n", log));
        System.out.println("ChaosKillIT: " + kills + " kills, 0 mixed:\n" + String.join("\n", log));
    }

    private static Map<String, String> withUserFile(Feeds feeds, String name, Map<String, String> release) {
        Map<String, String> files = new HashMap<>(release);
        files.put("notes.txt", "the user's notes");
        return feeds.tree(name, files);
    }

    private Map<String, String> env(Cli cli) {
        return Map.of("RMKIT_RUNTIME_DIR", cli.runtimeDir().toString());
    }

    /** How often the busiest thread makes each kind of call in one whole apply. */
    private Map<String, Integer> countCalls(Cli cli, Path install, Path release) throws Exception {
        Path log = tmp.resolve("measure.strace");
        List<String> prefix = new ArrayList<>(List.of("strace", "-f", "-qq", "--seccomp-bpf", "-o", log.toString(), "-e",
                "trace=" + String.join(",", KINDS)));
        UpdaterProcess.Result r = UpdaterProcess.start(prefix, Map.of(), env(cli), "apply", "--manifest",
                release.toString(), "--install-dir", install.toString()).await();
        assertEquals(0, r.code(), r.out() + r.err());
        Map<String, Map<String, Integer>> byThread = new HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(log)) {
            String[] f = line.split("\\s+", 2);
            if (f.length == 2) {
                String name = f[1].replaceFirst("^<\\.\\.\\. (\\w+) resumed>.*", "").replaceFirst("\\(.*", "");
                if (KINDS.contains(name)) {
                    byThread.computeIfAbsent(f[0], t -> new TreeMap<>()).merge(name, 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> most = new TreeMap<>();
        byThread.values().forEach(m -> m.forEach((k, v) -> most.merge(k, v, Math::max)));
        System.out.println("ChaosKillIT: calls per kind in one apply: " + most);
        return most;
    }

    private static List<String> killAt(String kind, int n) {
        return List.of("strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=" + kind, "-e",
                "inject=" + kind + ":signal=KILL:when=" + n);
    }
}
