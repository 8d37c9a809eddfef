package dev.rmkit.burner.cli;

/** How a burn shows its progress: {@code auto} draws a bar on a terminal and stays quiet otherwise. */
public enum ProgressMode {
    /** A bar when a console is attached, nothing otherwise. */
    auto,
    /** Always a bar redrawn in place. */
    bar,
    /** Machine-readable lines: {@code progress PERCENT WRITTEN/TOTAL RATE ETA}. */
    plain,
    /** Nothing. */
    none
}
