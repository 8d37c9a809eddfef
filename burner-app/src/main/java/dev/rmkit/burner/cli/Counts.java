package dev.rmkit.burner.cli;

/** A number with its noun in the right form for messages: "1 new file", "2 new files". Pure. */
final class Counts {

    private Counts() {}

    /** {@code n} and {@code singular}, with an {@code s} added unless {@code n} is 1. */
    static String of(long n, String singular) {
        return n + " " + (n == 1 ? singular : singular + "s");
    }
}
