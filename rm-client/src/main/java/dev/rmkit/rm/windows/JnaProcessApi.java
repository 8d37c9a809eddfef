package dev.rmkit.rm.windows;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import dev.rmkit.rm.windows.jna.Kernel32Ext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;

/** {@link ProcessApi} over kernel32. Only runs on Windows. */
final class JnaProcessApi implements ProcessApi {

    /** Console handlers can never be collected: the OS may call them until the process ends. */
    private static final List<Kernel32Ext.PHANDLER_ROUTINE> HANDLERS = new CopyOnWriteArrayList<>();

    @Override
    public int registerApplicationRestart(String arguments, int flags) {
        return Kernel32.INSTANCE.RegisterApplicationRestart(Native.toCharArray(arguments), flags).intValue();
    }

    @Override
    public int unregisterApplicationRestart() {
        return Kernel32.INSTANCE.UnregisterApplicationRestart().intValue();
    }

    @Override
    public boolean setProcessShutdownParameters(int level, int flags) {
        return Kernel32Ext.instance().SetProcessShutdownParameters(level, flags);
    }

    @Override
    public int[] processShutdownParameters() {
        IntByReference level = new IntByReference();
        IntByReference flags = new IntByReference();
        if (Kernel32Ext.instance().GetProcessShutdownParameters(level, flags)) {
            return new int[] {level.getValue(), flags.getValue()};
        }
        return new int[] {0x280, 0};
    }

    @Override
    public boolean setConsoleCtrlHandler(IntPredicate handler) {
        Kernel32Ext.PHANDLER_ROUTINE routine = handler::test;
        // The OS calls handlers on a thread it creates; attach it as a named daemon so it never holds the VM.
        Native.setCallbackThreadInitializer(routine, new CallbackThreadInitializer(true, false, "rmkit-console-ctrl"));
        HANDLERS.add(routine);
        return Kernel32Ext.instance().SetConsoleCtrlHandler(routine, true);
    }

    @Override
    public Optional<Registration> restartRegistration(long pid) {
        HANDLE h = Kernel32.INSTANCE.OpenProcess(WinNT.PROCESS_VM_READ | WinNT.PROCESS_QUERY_LIMITED_INFORMATION,
                false, (int) pid);
        if (h == null) {
            return Optional.empty();
        }
        try {
            Optional<Long> created = creationFileTime(h);
            Optional<String> image = imagePath(h);
            Optional<String> args = restartArguments(h);
            if (created.isEmpty() || image.isEmpty() || args.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Registration(created.get(), image.get(), args.get()));
        } finally {
            Kernel32.INSTANCE.CloseHandle(h);
        }
    }

    /** GetProcessTimes: the process's creation time as a 64-bit FILETIME, which tells a reused pid. */
    static Optional<Long> creationFileTime(HANDLE h) {
        WinBase.FILETIME created = new WinBase.FILETIME();
        if (!Kernel32.INSTANCE.GetProcessTimes(h, created, new WinBase.FILETIME(), new WinBase.FILETIME(),
                new WinBase.FILETIME())) {
            return Optional.empty();
        }
        return Optional.of(FileTimes.of(created.dwLowDateTime, created.dwHighDateTime));
    }

    /** GetApplicationRestartSettings: the registered argument string, if any. */
    static Optional<String> restartArguments(HANDLE h) {
        IntByReference size = new IntByReference(0);
        // The size query returns S_OK (not ERROR_INSUFFICIENT_BUFFER) with the size including the NUL.
        if (Kernel32.INSTANCE.GetApplicationRestartSettings(h, null, size, null).intValue() != 0 || size.getValue() <= 0) {
            return Optional.empty();
        }
        char[] buffer = new char[size.getValue()];
        IntByReference flags = new IntByReference();
        if (Kernel32.INSTANCE.GetApplicationRestartSettings(h, buffer, size, flags).intValue() != 0) {
            return Optional.empty();
        }
        return Optional.of(Native.toString(buffer));
    }

    /** QueryFullProcessImageName. */
    static Optional<String> imagePath(HANDLE h) {
        char[] buffer = new char[32768];
        IntByReference size = new IntByReference(buffer.length);
        return Kernel32.INSTANCE.QueryFullProcessImageName(h, 0, buffer, size)
                ? Optional.of(new String(buffer, 0, size.getValue())) : Optional.empty();
    }
}
