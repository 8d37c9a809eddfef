package dev.rmkit.rm.testing;

/** Makes this JVM ignore SIGTERM, like an app that does not react to a polite request. */
final class IgnoreTerm {

    private IgnoreTerm() {}

    @SuppressWarnings("removal")
    static void install() {
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> System.out.println("IGNORED SIGTERM"));
    }
}
