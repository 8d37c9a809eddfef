package dev.rmkit.rm;

/** Power transitions an application is told about (WM_POWERBROADCAST; logind PrepareForSleep). */
public enum PowerEvent {
    /** The system is about to suspend. */
    SUSPEND,
    /** The system resumed from suspend. */
    RESUME
}
