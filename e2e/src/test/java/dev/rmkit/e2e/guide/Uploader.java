package dev.rmkit.e2e.guide;

import dev.rmkit.rm.BusyHandle;
import dev.rmkit.rm.CooperatingApp;
import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.QueryAnswer;
import dev.rmkit.rm.RestartArgs;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmPlatforms;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An app that cooperates with installers through rm-client: every few seconds it sends a batch to its
 * server (here the file {@code server} in its directory), refuses to be closed in the middle of an
 * upload, saves how far it got when it is closed, and is started again with that state. This is
 * docs/guide.md's example; GuideExampleIT runs it.
 * Usage: {@code java -cp CLASSPATH dev.rmkit.e2e.guide.Uploader DIR}.
 */
public final class Uploader implements EndSessionListener {

    private final Path stateFile;
    private final Path server;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile long uploaded;
    private volatile String critical = "";

    Uploader(Path stateFile, Path server) throws IOException {
        this.stateFile = stateFile;
        this.server = server;
        this.uploaded = Files.exists(stateFile) ? Long.parseLong(Files.readString(stateFile).strip()) : 0;
    }

    public static void main(String[] args) throws Exception {
        // Windows restarts an app in another directory; rm-client hands the registered one back.
        RestartArgs.Consumed a = RestartArgs.consumeWorkingDirectory(args);
        Path cwd = a.workingDirectory().orElse(Path.of("").toAbsolutePath());
        Path dir = cwd.resolve(a.args().get(0)).normalize();
        Uploader app = new Uploader(dir.resolve("uploader.state"), dir.resolve("server"));
        // An installer finds the apps to close by the files they hold: here the log, usually the app's jar.
        try (FileChannel log = FileChannel.open(dir.resolve("uploads.log"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                CooperatingApp coop = RmPlatforms.current().cooperate("uploader", app)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            coop.registerRestart(RestartCommand.of(List.of(java, "-cp", System.getProperty("java.class.path"),
                    Uploader.class.getName(), dir.toString()), cwd));
            System.out.println("uploader " + ProcessHandle.current().pid() + ": " + app.uploaded + " batches so far");
            app.run(coop, log);
        }
    }

    private void run(CooperatingApp coop, FileChannel log) throws Exception {
        while (!stop.await(2, TimeUnit.SECONDS)) {
            long batch = uploaded + 1;
            critical = "Uploading batch " + batch;
            // Keeps the machine awake and blocks a shutdown, with the reason, while the upload runs.
            try (BusyHandle busy = coop.busy(critical)) {
                System.out.println(critical);
                // The upload takes as long as the server takes to accept it.
                Files.write(server, ("batch " + batch + "\n").getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                log.write(ByteBuffer.wrap(("batch " + batch + " uploaded\n").getBytes(StandardCharsets.UTF_8)));
                uploaded = batch;
            } finally {
                critical = "";
            }
            System.out.println("idle, " + uploaded + " batches uploaded");
        }
    }

    /** Asked whether the session may end: only between uploads. The reason is shown to a person. */
    @Override
    public QueryAnswer queryEndSession(Set<EndSessionFlag> flags) {
        String why = critical;
        return why.isEmpty() ? QueryAnswer.allow() : QueryAnswer.veto(why);
    }

    /** The session ends: save first (the process may be killed once this returns), then stop. */
    @Override
    public void endSession(boolean ending, Set<EndSessionFlag> flags) {
        if (!ending) {
            return;
        }
        try {
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(uploaded));
            Files.move(tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("cannot save the state: " + e);
        }
        stop.countDown();
    }

    @Override
    public void close() {
        stop.countDown();
    }
}
