package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.linux.proc.ProcStat;
import dev.rmkit.rm.linux.protocol.ControlMessage;
import dev.rmkit.rm.linux.protocol.FileModes;
import dev.rmkit.rm.linux.protocol.Json;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.rm.linux.protocol.Registry;
import dev.rmkit.rm.linux.protocol.RegistryEntry;
import dev.rmkit.rm.linux.protocol.RuntimeDir;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query round asks every cooperating app at once. The apps here answer only once every one of them
 * has been asked (a barrier, not a clock): asked one after another, the first would wait for the others
 * until its query timed out and counted as a refusal; asked at once, all of them allow.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Unix sockets, /proc and the registry are Linux's")
class QueryRoundIT {

    private static final int APPS = 4;

    @TempDir Path tmp;
    private final List<Process> holders = new ArrayList<>();
    private final List<ServerSocketChannel> servers = new ArrayList<>();

    @AfterEach
    void tearDown() throws IOException {
        holders.forEach(Process::destroyForcibly);
        for (ServerSocketChannel s : servers) {
            s.close();
        }
    }

    @Test
    void everyCooperatingAppIsAskedBeforeAnyHasToAnswer() throws Exception {
        Path runtime = tmp.resolve("rt");
        RuntimeDir.prepare(runtime);
        Path f = Files.writeString(tmp.resolve("data.bin"), "x");
        // The query timeout only bounds a failure; the apps answer as soon as all were asked.
        LinuxPlatform platform = new LinuxPlatform(LinuxConfig.withRuntimeDir(runtime)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10)));
        CountDownLatch allAsked = new CountDownLatch(APPS);
        for (int i = 0; i < APPS; i++) {
            Process p = new ProcessBuilder("/bin/sh", "-c", "exec 3<\"$0\"; exec sleep 600", f.toString()).start();
            holders.add(p);
            JavaProcess.await(() -> comm(p.pid()).equals("sleep"), Duration.ofSeconds(30), "the holder to hold the file");
            ProcStat stat = platform.proc().stat(p.pid()).orElseThrow();
            Path socket = Registry.socketPath(runtime, p.pid());
            servers.add(serve(socket, p, allAsked));
            Files.write(Registry.entryPath(runtime, p.pid()), Json.MAPPER.writeValueAsBytes(new RegistryEntry(1, p.pid(),
                    stat.startTicks(), FileModes.currentUid(), "silent-" + i, socket.toString(), null)));
        }
        try (RestartSession s = platform.startSession()) {
            s.registerFiles(List.of(f));
            assertEquals(APPS, s.list().apps().size());

            ShutdownResult r = s.shutdown(Set.of(), p -> { });

            assertEquals(ShutdownResult.Outcome.COMPLETE, r.outcome(), r.toString());
        }
        for (Process p : holders) {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "closed after end + close");
        }
    }

    /** A cooperating app's socket: answers a query only once all apps were asked; exits its holder on close. */
    private static ServerSocketChannel serve(Path socket, Process holder, CountDownLatch allAsked) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            while (server.isOpen()) {
                try (SocketChannel ch = server.accept()) {
                    ControlMessage req = ControlMessage.decode(readLine(ch));
                    switch (req.type()) {
                        case "query" -> {
                            allAsked.countDown();
                            allAsked.await(60, TimeUnit.SECONDS);
                            write(ch, ControlMessage.answer(true, null));
                        }
                        case "close" -> {
                            write(ch, ControlMessage.done());
                            holder.destroy();
                        }
                        default -> write(ch, ControlMessage.done());
                    }
                } catch (IOException | RuntimeException | InterruptedException e) {
                    if (!server.isOpen()) {
                        return;
                    }
                }
            }
        }, "fake-app-" + holder.pid());
        t.setDaemon(true);
        t.start();
        return server;
    }

    private static String readLine(SocketChannel ch) throws IOException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (ch.read(one.clear()) > 0 && one.get(0) != '\n') {
            sb.append((char) one.get(0));
        }
        return sb.toString();
    }

    private static void write(SocketChannel ch, ControlMessage m) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(m.encode());
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
        } catch (IOException gone) {
            return "";
        }
    }
}
