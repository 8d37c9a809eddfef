package dev.rmkit.rm.windows.jna;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code STARTUPINFOW} (processthreadsapi.h) with its string members as raw pointers, so the wide
 * form is passed whatever type mapper a caller's library uses (jna-platform's {@code STARTUPINFO}
 * declares them as {@code String}). x64 size 104, x86 size 68. rmkit sets only {@code cb} and,
 * when starting a process in another session, {@code lpDesktop} ({@code winsta0\default}).
 */
@Structure.FieldOrder({"cb", "lpReserved", "lpDesktop", "lpTitle", "dwX", "dwY", "dwXSize", "dwYSize",
        "dwXCountChars", "dwYCountChars", "dwFillAttribute", "dwFlags", "wShowWindow", "cbReserved2",
        "lpReserved2", "hStdInput", "hStdOutput", "hStdError"})
public class STARTUPINFOW extends Structure {
    public int cb;
    public Pointer lpReserved;
    public Pointer lpDesktop;
    public Pointer lpTitle;
    public int dwX;
    public int dwY;
    public int dwXSize;
    public int dwYSize;
    public int dwXCountChars;
    public int dwYCountChars;
    public int dwFillAttribute;
    public int dwFlags;
    public short wShowWindow;
    public short cbReserved2;
    public Pointer lpReserved2;
    public Pointer hStdInput;
    public Pointer hStdOutput;
    public Pointer hStdError;

    public STARTUPINFOW() {
        super();
        cb = size();
    }
}
