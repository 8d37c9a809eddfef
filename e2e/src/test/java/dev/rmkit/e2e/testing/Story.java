package dev.rmkit.e2e.testing;

import dev.rmkit.rm.testing.JavaProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The setting every end-to-end scenario starts from, as a person would build it: a publisher key, a
 * local feed, burner 1.0 installed from it by the real updater, and a disc, an inbox and an event log
 * for the burner. The apps run as real processes ({@code bin/updater}, {@code java -jar
 * install/burner.jar}) with their own restart-manager registry ({@code RMKIT_RUNTIME_DIR}) and their own
 * resume-registration directories, so nothing outside the test's directory is touched. Closing the
 * story kills every burner that wrote to its log (the first one and any the updater restarted).
 */
public final class Story implements AutoCloseable {

    private static final Pattern BURNER_PID = Pattern.compile("^burner \\S+, pid (\\d+)");

    public final Path dir;
    public final Path feed;
    public final Path install;
    public final Path disc;
    public final Path inbox;
    public final Path log;
    private final Map<String, String> env = new HashMap<>();
    private final List<Process> burners = new ArrayList<>();
    private final List<Process> background = new ArrayList<>();

    private Story(Path dir) {
        this.dir = dir;
        this.feed = dir.resolve("feed");
        this.install = dir.resolve("install");
        this.disc = dir.resolve("disc.iso");
        this.inbox = dir.resolve("inbox");
        this.log = dir.resolve("burner.log");
        env.put("RMKIT_RUNTIME_DIR", dir.resolve("run").toString());
        env.put("RMKIT_SYSTEMD_UNIT_DIR", dir.resolve("units").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("RMKIT_STATE_DIR", dir.resolve("state/rmkit").toString());
        env.put("RMKIT_JAVA_OPTS", "-Xshare:auto -XX:TieredStopAtLevel=1");
    }

    /** Keys, releases 1.0 and 2.0 (2.0 published with {@code publish2Args}), and 1.0 installed. */
    public static Story withBurner10Installed(Path dir, String... publish2Args) throws IOException {
        Story s = new Story(dir);
        Releases.burner(dir.resolve("release-1.0"), "1.0");
        Releases.burner(dir.resolve("release-2.0"), "2.0");
        s.updaterInProcess("keygen", "--out", dir.resolve("release").toString());
        s.publish("1.0");
        s.updater("apply", "--manifest", s.manifest(), "--install-dir", s.install.toString(), "--trust",
                dir.resolve("release.pub").toString()).requireExit(0);
        Files.createDirectories(s.inbox);
        return s;
    }

    /** Publishes release {@code version} into the feed with the publisher's tool. */
    public void publish(String version, String... extra) {
        List<String> args = new ArrayList<>(List.of("publish", "--from", dir.resolve("release-" + version).toString(),
                "--version", version, "--out", feed.toString(), "--key", dir.resolve("release.key").toString(),
                "--product", "demo-burner"));
        args.addAll(List.of(extra));
        updaterInProcess(args.toArray(String[]::new));
    }

    public String manifest() {
        return feed.resolve("manifest.json").toString();
    }

    /** Sets an environment variable for every process the story starts from now on. */
    public void env(String name, String value) {
        env.put(name, value);
    }

    /** The environment every process of the story gets. */
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** Runs {@code bin/updater} with {@code args} as a process and waits for it. */
    public Cmd.Result updater(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Repo.bin("updater").toString()));
        cmd.addAll(List.of(args));
        return Cmd.run(cmd, dir, env);
    }

    /** Starts {@code bin/updater} with {@code args} and extra JVM options, without waiting. */
    public Process updaterInBackground(String jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Repo.bin("updater").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("updater-bg.out").toFile()).redirectError(dir.resolve("updater-bg.err").toFile());
        pb.environment().putAll(env);
        pb.environment().put("RMKIT_JAVA_OPTS", env.get("RMKIT_JAVA_OPTS") + " " + jvmOptions);
        Process p = pb.start();
        background.add(p);
        return p;
    }

    /** Starts the installed burner ({@code java -jar install/burner.jar start}) and waits until it is ready. */
    public Process startBurner(String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Repo.java().toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-jar", install.resolve("burner.jar").toString(), "start", "--disc", disc.toString(), "--inbox",
                inbox.toString(), "--progress", "plain", "--poll", "50", "--log", log.toString()));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("burner-" + burners.size() + ".out").toFile())
                .redirectError(dir.resolve("burner-" + burners.size() + ".err").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        burners.add(p);
        awaitLog("^ready: pid " + p.pid() + ",", Duration.ofSeconds(30));
        return p;
    }

    /** Waits for a line of the burner's event log (every burner of the story writes there) matching {@code regex}. */
    public String awaitLog(String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        String[] found = new String[1];
        JavaProcess.await(() -> {
            found[0] = logLines().stream().filter(l -> p.matcher(l).find()).findFirst().orElse(null);
            return found[0] != null;
        }, timeout, "a burner log line matching " + regex + " in " + log);
        return found[0];
    }

    /** Waits for a line matching {@code regex} in the standard output of the {@code n}th burner the test started. */
    public String awaitOutput(int n, String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        Path out = dir.resolve("burner-" + n + ".out");
        String[] found = new String[1];
        JavaProcess.await(() -> {
            found[0] = lines(out).stream().filter(l -> p.matcher(l).find()).findFirst().orElse(null);
            return found[0] != null;
        }, timeout, "a line matching " + regex + " in " + out);
        return found[0];
    }

    public List<String> logLines() {
        return lines(log);
    }

    /** The pid in the first log line of the burner whose first line matches {@code firstLineRegex}. */
    public long pidOf(String firstLineRegex) {
        Matcher m = BURNER_PID.matcher(awaitLog(firstLineRegex, Duration.ofSeconds(30)));
        if (!m.find()) {
            throw new AssertionError("not a burner's first line: " + firstLineRegex);
        }
        return Long.parseLong(m.group(1));
    }

    /** Drops a job into the inbox the way docs/burner.md says: written under another name, then renamed. */
    public void drop(String id, String label, Path... paths) throws IOException {
        StringBuilder json = new StringBuilder("{\"label\": \"" + label + "\", \"paths\": [");
        for (int i = 0; i < paths.length; i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(paths[i]).append('"');
        }
        Path tmp = Files.writeString(inbox.resolve(id + ".tmp"), json.append("]}").toString());
        Files.move(tmp, inbox.resolve(id + ".job.json"));
    }

    /** A file of {@code size} random bytes under {@code dir/src}. */
    public Path source(String name, int size) throws IOException {
        byte[] b = new byte[size];
        new Random(name.hashCode() + size).nextBytes(b);
        return Files.write(Files.createDirectories(dir.resolve("src")).resolve(name), b);
    }

    /** Whether a process with {@code pid} is alive. */
    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void close() {
        for (String l : logLines()) {
            Matcher m = BURNER_PID.matcher(l);
            if (m.find()) {
                // Only if it is still our burner: a pid of an exited burner may belong to someone else by now.
                ProcessHandle.of(Long.parseLong(m.group(1)))
                        .filter(h -> h.info().commandLine().map(c -> c.contains(disc.toString())).orElse(false))
                        .ifPresent(Story::kill);
            }
        }
        burners.forEach(p -> kill(p.toHandle()));
        background.forEach(p -> kill(p.toHandle()));
    }

    private static void kill(ProcessHandle h) {
        h.destroyForcibly();
        h.onExit().join();
    }

    private void updaterInProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = dev.rmkit.updater.Main.run(new PrintWriter(out), new PrintWriter(err), args);
        if (code != 0) {
            throw new AssertionError("updater " + String.join(" ", args) + " exited " + code + ": " + out + err);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
