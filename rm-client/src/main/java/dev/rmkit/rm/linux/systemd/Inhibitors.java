package dev.rmkit.rm.linux.systemd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * The inhibitor locks logind holds ({@code ListInhibitors}, read with {@code busctl --json}), and which
 * of them forbid a reboot the way {@code systemctl --check-inhibitors=yes} decides it: a {@code block}
 * lock whose {@code what} includes {@code shutdown}. As root, {@code systemctl reboot} would go through
 * such a lock without a word, so an updater checks first and reboots through one only when forced.
 * Without logind there are no locks (what systemctl assumes too).
 */
public final class Inhibitors {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One lock, as logind lists it.
     *
     * @param what colon-separated operations (shutdown, sleep, idle, handle-*)
     * @param who who took it (free text of that process: hostile input)
     * @param why why (free text, same)
     * @param mode block or delay
     * @param uid its owner
     * @param pid the process holding it
     */
    public record Lock(String what, String who, String why, String mode, long uid, long pid) {
        /** True if this lock forbids a shutdown or reboot. */
        public boolean blocksShutdown() {
            return mode.equals("block") && Arrays.asList(what.split(":")).contains("shutdown");
        }

        /** For messages: who, pid, user and why, with control characters of the free text removed. */
        public String describe() {
            return "\"" + clean(who) + "\" (pid " + pid + ", " + Users.name(uid) + "): " + clean(why);
        }
    }

    private Inhibitors() {}

    /** The locks logind holds now; empty if logind (or busctl) is not there. */
    public static List<Lock> list() {
        try {
            Process p = new ProcessBuilder("busctl", "--json=short", "call", "org.freedesktop.login1", "/org/freedesktop/login1",
                    "org.freedesktop.login1.Manager", "ListInhibitors").redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = p.getInputStream().readNBytes(1 << 20);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            return p.exitValue() == 0 ? parse(new String(out, StandardCharsets.UTF_8)) : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Parses busctl's JSON answer to {@code ListInhibitors} ({@code a(ssssuu)}); pure. */
    static List<Lock> parse(String json) throws IOException {
        JsonNode data = JSON.readTree(json).path("data").path(0);
        List<Lock> out = new ArrayList<>();
        for (JsonNode l : data) {
            out.add(new Lock(l.path(0).asText(), l.path(1).asText(), l.path(2).asText(), l.path(3).asText(),
                    l.path(4).asLong(), l.path(5).asLong()));
        }
        return out;
    }

    /** The locks that forbid a reboot, except those held by {@code ours} (this process and its children). */
    public static List<Lock> blockingShutdown(List<Lock> locks, LongPredicate ours) {
        return locks.stream().filter(Lock::blocksShutdown).filter(l -> !ours.test(l.pid())).toList();
    }

    /** True for this process and its descendants. */
    public static boolean ours(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        while (h.isPresent()) {
            if (h.get().pid() == ProcessHandle.current().pid()) {
                return true;
            }
            h = h.get().parent();
        }
        return false;
    }

    private static String clean(String s) {
        String c = s.replaceAll("\\p{Cntrl}", " ").strip();
        return c.length() > 200 ? c.substring(0, 200) + "…" : c;
    }
}
