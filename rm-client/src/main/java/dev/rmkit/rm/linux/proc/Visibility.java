package dev.rmkit.rm.linux.proc;

import java.util.List;
import java.util.Optional;

/**
 * How much of the other processes this one may see in {@code /proc}, and what to do about the rest:
 * the words for the reboot reason "permission denied". A process that is not root is told to run as
 * root. Root is not always enough: reading another user's {@code fd/} and {@code maps} takes
 * {@code CAP_SYS_PTRACE} (a container or a unit that drops it leaves root without it), and a
 * {@code /proc} mounted with {@code hidepid=} hides every process a caller could not ptrace, unless it
 * is in the mount's {@code gid=} group; what is hidden cannot even be listed, so the listing counts
 * the possibility as "permission denied" instead of missing those processes silently.
 *
 * @param self this process's credentials ({@code /proc/self/status}); empty if unreadable
 * @param uid this process's effective uid (from {@code self} when it was read)
 * @param hidepid the {@code hidepid=} option of the {@code /proc} mount, empty if none or off
 * @param exemptGid the mount's {@code gid=} option: its members see every process
 */
public record Visibility(Optional<ProcStatus> self, int uid, Optional<String> hidepid, Optional<Integer> exemptGid) {

    /** CAP_SYS_PTRACE: reading another user's fd/ and maps (and seeing past hidepid) needs it. */
    static final long CAP_SYS_PTRACE = 1L << 19;

    /** What a caller that is not root is told, on every platform's word for it. */
    public static final String RUN_AS_ROOT = "run as root to see every process";

    /** Reads {@code ROOT/self/status} and {@code ROOT/self/mountinfo}; {@code ourUid} where the status is unreadable. */
    public static Visibility of(ProcFs proc, int ourUid) {
        Optional<ProcStatus> self = proc.selfStatus();
        Optional<String> mounts = proc.text("self/mountinfo");
        List<String> options = mounts.map(m -> procOptions(m, proc.root().toString())).orElse(List.of());
        Optional<String> hidepid = option(options, "hidepid").filter(v -> !v.equals("0") && !v.equals("off"));
        Optional<Integer> gid = option(options, "gid").filter(v -> v.matches("\\d{1,9}")).map(Integer::parseInt);
        return new Visibility(self, self.map(ProcStatus::uid).orElse(ourUid), hidepid, gid);
    }

    /** The super options of the proc mount at {@code root} (or, failing that, at {@code /proc}) in a mountinfo text; pure. */
    static List<String> procOptions(String mountinfo, String root) {
        List<String> fallback = List.of();
        for (String line : mountinfo.split("\n")) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 5 || dash < 0 || f.length < dash + 4 || !f[dash + 1].equals("proc")) {
                continue;
            }
            List<String> opts = List.of(f[dash + 3].split(","));
            if (f[4].equals(root)) {
                return opts;
            }
            if (f[4].equals("/proc")) {
                fallback = opts;
            }
        }
        return fallback;
    }

    private static Optional<String> option(List<String> options, String name) {
        return options.stream().filter(o -> o.startsWith(name + "=")).map(o -> o.substring(name.length() + 1)).findFirst();
    }

    private boolean mayPtrace() {
        return self.map(s -> (s.capEff() & CAP_SYS_PTRACE) != 0).orElse(uid == 0);
    }

    private boolean exempt() {
        return exemptGid.filter(g -> self.map(s -> s.gid() == g || s.groups().contains(g)).orElse(false)).isPresent();
    }

    /** True if {@code hidepid} keeps other processes out of this one's listing of {@code /proc}. */
    public boolean othersHidden() {
        return hidepid.isPresent() && !mayPtrace() && !exempt();
    }

    /** What to do so that every process can be inspected, in words for the person running the caller. */
    public String advice() {
        if (uid != 0) {
            return RUN_AS_ROOT;
        }
        if (othersHidden()) {
            return "the kernel hides other users' processes from this one although it runs as root: /proc is mounted"
                    + " with hidepid=" + hidepid.get() + " and it lacks CAP_SYS_PTRACE; give it CAP_SYS_PTRACE (or mount"
                    + " /proc without hidepid) to see every process";
        }
        if (!mayPtrace()) {
            return "the kernel does not let this process read other users' /proc entries although it runs as root:"
                    + " it lacks CAP_SYS_PTRACE (a container, or a service that drops capabilities); run it with"
                    + " CAP_SYS_PTRACE to see every process";
        }
        return "the kernel refused although this process runs as root with CAP_SYS_PTRACE (a security module such as"
                + " AppArmor or SELinux, or processes of another user namespace); run it where it may read every"
                + " process's /proc entries";
    }
}
