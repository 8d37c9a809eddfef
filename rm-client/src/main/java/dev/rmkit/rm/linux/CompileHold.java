package dev.rmkit.rm.linux;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Holds this JVM's JIT compiles through a shutdown's downtime: from just before the first app is told to
 * end until the caller's work after the last exit (the swap and the first restart, {@code allClosed}) has
 * run. A method that turned hot there used to be compiled right then: the compiler thread it woke took a
 * core of two, and the restart's launcher, woken a moment later, waited for the other one behind the
 * closed app's teardown (docs/performance.md, "Twelfth round"). {@link QuietJit} waits out the compiles
 * started before; this one keeps new ones from starting.
 *
 * <p>It is HotSpot's diagnostic command {@code Compiler.directives_add}, through the platform's
 * {@code DiagnosticCommand} MBean, with a directive ({@link #DIRECTIVE}) that excludes every method.
 * HotSpot then refuses a compile when it is requested, before any compiler thread is woken, and marks that
 * method not compilable at that tier for the rest of the process: it runs interpreted there (or at the
 * other tier) from then on. {@link #release} removes the directive again; a method first hot after it
 * compiles as usual. The command reads the directive from a file: written (mode 0600, in the session's own
 * directory) just before it is added and deleted right after.
 *
 * <p>The platform MBean server costs about 0.1 s to start, so {@link #prepare} starts it on a thread of its
 * own while the apps are asked; {@link #awaitPrepared} waits for it, at most {@link #PREPARE_LIMIT}, before
 * {@link QuietJit} waits out the compiles it caused. A JVM without the command (not HotSpot), one where it
 * fails, or an environment with {@code RMKIT_COMPILE_HOLD=0} holds nothing: the shutdown goes on as before.
 * The directive stack is the whole JVM's: {@link #release} removes the directive on top, which is this
 * one unless another thread of the process added one in between.
 */
final class CompileHold {

    static final String ENV = "RMKIT_COMPILE_HOLD";
    /** Every method of every class, both compilers: excluded. */
    static final String DIRECTIVE = "[{ match: \"*.*\", Exclude: true }]\n";
    static final Duration PREPARE_LIMIT = Duration.ofSeconds(1);
    private static final String ADDED = "1 compiler directives added";
    private static final String DCMD = "com.sun.management:type=DiagnosticCommand";
    private static final String[] STRINGS = {String[].class.getName()};
    private static final Set<OpenOption> WRITE_NEW = Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path file;
    private final FutureTask<MBeanServer> server;
    private MBeanServer held; // the server the directive was added through, until released

    private CompileHold(Path file, FutureTask<MBeanServer> server) {
        this.file = file;
        this.server = server;
    }

    /**
     * Starts the platform MBean server on a daemon thread, unless {@code env} says not to; the directive
     * will be written to {@code file} (which must lie in a directory only this user may write).
     */
    static CompileHold prepare(Path file, Map<String, String> env) {
        if ("0".equals(env.get(ENV))) {
            return off();
        }
        FutureTask<MBeanServer> task = new FutureTask<>(ManagementFactory::getPlatformMBeanServer);
        Thread t = new Thread(task, "rmkit-compile-hold");
        t.setDaemon(true);
        t.start();
        return new CompileHold(file, task);
    }

    /** One that holds nothing (a shutdown with nothing to close). */
    static CompileHold off() {
        return new CompileHold(null, null);
    }

    /** Waits, at most {@link #PREPARE_LIMIT}, until the MBean server has started; false if it has not. */
    boolean awaitPrepared() {
        return serverNow(PREPARE_LIMIT) != null;
    }

    /**
     * Adds the directive: true if no compile starts from now until {@link #release}. False (and nothing
     * held) where it is off, the server is not there, or the command did not add exactly this directive.
     */
    boolean hold() {
        MBeanServer s = serverNow(Duration.ZERO);
        if (s == null || held != null) {
            return held != null;
        }
        try (SeekableByteChannel ch = Files.newByteChannel(file, WRITE_NEW, OWNER_ONLY)) {
            ch.write(ByteBuffer.wrap(DIRECTIVE.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | RuntimeException e) {
            return false; // (a link there is not followed, nor removed)
        }
        try {
            Object said = s.invoke(new ObjectName(DCMD), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, STRINGS);
            if (said instanceof String out && out.strip().equals(ADDED)) {
                held = s;
            }
        } catch (JMException | RuntimeException e) {
            // nothing held: the compiles go on as before
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover of a few bytes in the session's directory, removed with the session
            }
        }
        return held != null;
    }

    /** Whether the directive is in force. */
    boolean held() {
        return held != null;
    }

    /** Removes the directive if {@link #hold} added it; compiles go on as usual from here. */
    void release() {
        MBeanServer s = held;
        held = null;
        if (s != null) {
            try {
                s.invoke(new ObjectName(DCMD), "compilerDirectivesRemove", new Object[] {new String[0]}, STRINGS);
            } catch (JMException | RuntimeException e) {
                // the directive stays: this process's later code runs uncompiled where it turns hot
            }
        }
    }

    private MBeanServer serverNow(Duration limit) {
        if (server == null) {
            return null;
        }
        try {
            return server.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
