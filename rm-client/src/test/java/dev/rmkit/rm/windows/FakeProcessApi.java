package dev.rmkit.rm.windows;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/** Records the application-side kernel32 calls and answers with scripted results. */
final class FakeProcessApi implements ProcessApi {

    /** An absolute image path on every OS ({@code D:\\opt\\app\\bin\\app} on Windows). */
    static final String IMAGE = Path.of("/opt/app/bin/app").toAbsolutePath().toString();

    final List<String> calls = new ArrayList<>();
    String registeredArguments;
    int registeredFlags = -1;
    int registerResult;
    int[] shutdownParameters = {0x280, 0};
    IntPredicate consoleHandler;

    @Override
    public int registerApplicationRestart(String arguments, int flags) {
        calls.add("RegisterApplicationRestart");
        registeredArguments = arguments;
        registeredFlags = flags;
        return registerResult;
    }

    @Override
    public int unregisterApplicationRestart() {
        calls.add("UnregisterApplicationRestart");
        registeredArguments = null;
        return 0;
    }

    @Override
    public synchronized boolean setProcessShutdownParameters(int level, int flags) {
        calls.add("SetProcessShutdownParameters " + Integer.toHexString(level));
        shutdownParameters = new int[] {level, flags};
        return true;
    }

    @Override
    public synchronized int[] processShutdownParameters() {
        return shutdownParameters.clone();
    }

    @Override
    public boolean setConsoleCtrlHandler(IntPredicate handler) {
        calls.add("SetConsoleCtrlHandler");
        consoleHandler = handler;
        return true;
    }

    /** The creation time (FILETIME) of the process the fake pid currently belongs to. */
    long startFileTime = FileTimes.toFileTime(Instant.EPOCH);

    @Override
    public Optional<Registration> restartRegistration(long pid) {
        return Optional.ofNullable(registeredArguments).map(args -> new Registration(startFileTime, IMAGE, args));
    }
}
