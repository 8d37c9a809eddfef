package dev.rmkit.burner;

/**
 * The exit codes of {@code burner}, modelled on BSD {@code sysexits.h} so scripts can tell "fix your
 * input" from "use another disc" from "try again later". Listed in {@code burner --help} and in
 * docs/burner.md.
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0, "success"),
    /** An unexpected internal error (a bug); nothing on the disc changed. */
    SOFTWARE(1, "internal error"),
    /** Bad command line: unknown option, missing argument, invalid value. */
    USAGE(2, "bad usage"),
    /** Bad input data: a name Joliet cannot hold, a bad job file, a damaged disc image or table of contents. */
    DATA_ERROR(65, "bad input or damaged disc image"),
    /** An input file or directory is missing or unreadable. */
    NO_INPUT(66, "input file missing or unreadable"),
    /** The disc cannot take this session: disc full, disc closed, wrong disc, or not rewritable. */
    DISC_REFUSED(73, "disc full, closed, wrong disc or not rewritable"),
    /** Reading or writing the disc image failed at the operating-system level. */
    IO_ERROR(74, "I/O error on the disc image"),
    /** The burn was stopped (session end); earlier sessions are intact and the job will be burned again. */
    INTERRUPTED(75, "burn interrupted, job kept for a retry"),
    /** {@code burn} stopped by SIGINT (Ctrl+C) before its commit: the disc is exactly as it was. */
    SIGINT(130, "burn stopped by SIGINT (Ctrl+C); the disc is as it was"),
    /** {@code burn} stopped by SIGTERM before its commit: the disc is exactly as it was. */
    SIGTERM(143, "burn stopped by SIGTERM; the disc is as it was");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
