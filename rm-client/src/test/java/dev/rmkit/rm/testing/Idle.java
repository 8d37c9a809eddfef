package dev.rmkit.rm.testing;

/**
 * A program that does nothing until it is killed, whatever its arguments: tests read what it was
 * started with (argv, working directory, environment) from {@code /proc} while it runs.
 */
public final class Idle {

    private Idle() {}

    public static void main(String[] args) throws InterruptedException {
        while (true) {
            Thread.sleep(60_000);
        }
    }
}
