package dev.rmkit.rm.linux.proc;

import java.util.ArrayList;
import java.util.List;

/**
 * The credentials in {@code /proc/PID/status}, which stays readable when a process's {@code fd/},
 * {@code maps} and links are not: effective uid and gid, supplementary groups and the effective
 * capability mask. They decide who owns a process and whether it could have opened a file.
 *
 * @param uid effective uid (second value of {@code Uid:})
 * @param gid effective gid (second value of {@code Gid:})
 * @param groups supplementary groups
 * @param capEff effective capabilities bit mask
 */
public record ProcStatus(int uid, int gid, List<Integer> groups, long capEff) {

    /** CAP_DAC_OVERRIDE (1) and CAP_DAC_READ_SEARCH (2): bypass file permission checks. */
    static final long DAC_BYPASS = (1L << 1) | (1L << 2);

    public ProcStatus {
        groups = List.copyOf(groups);
    }

    /** True when file permission bits do not restrict this process (root, or a DAC capability). */
    public boolean bypassesFilePermissions() {
        return uid == 0 || (capEff & DAC_BYPASS) != 0;
    }

    /** True if a file with this owner, group and mode could be opened by the process in some way. */
    public boolean mayAccess(int fileUid, int fileGid, int mode) {
        if (bypassesFilePermissions()) {
            return true;
        }
        if (uid == fileUid) {
            return (mode & 0700) != 0;
        }
        if (gid == fileGid || groups.contains(fileGid)) {
            return (mode & 0070) != 0;
        }
        return (mode & 0007) != 0;
    }

    /**
     * Parses the content of {@code /proc/PID/status}.
     *
     * @throws IllegalArgumentException if the Uid or Gid line is missing
     */
    public static ProcStatus parse(String text) {
        Integer uid = null;
        Integer gid = null;
        List<Integer> groups = new ArrayList<>();
        long cap = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("Uid:")) {
                uid = second(line);
            } else if (line.startsWith("Gid:")) {
                gid = second(line);
            } else if (line.startsWith("Groups:")) {
                for (String g : line.substring(7).trim().split("\\s+")) {
                    if (!g.isEmpty()) {
                        groups.add(Integer.parseInt(g));
                    }
                }
            } else if (line.startsWith("CapEff:")) {
                cap = Long.parseUnsignedLong(line.substring(7).trim(), 16);
            }
        }
        if (uid == null || gid == null) {
            throw new IllegalArgumentException("/proc/PID/status has no Uid or Gid line");
        }
        return new ProcStatus(uid, gid, groups, cap);
    }

    private static int second(String line) {
        String[] f = line.substring(4).trim().split("\\s+");
        return Integer.parseInt(f.length > 1 ? f[1] : f[0]);
    }
}
