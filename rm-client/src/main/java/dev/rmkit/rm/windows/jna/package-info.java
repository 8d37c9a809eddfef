/**
 * Raw JNA mappings of the Windows APIs rmkit needs and jna-platform lacks: the Restart Manager
 * ({@code Rstrtmgr.dll}), its header's constants and structures, and small {@code …Ext} interfaces
 * that extend jna-platform's {@code Kernel32}, {@code User32} and {@code Advapi32}. Native spelling
 * is kept on purpose, so each name can be looked up in the SDK headers.
 *
 * <p>Nothing here loads a DLL until a function is called: every library is reached through a lazy
 * holder, and the structures are top-level classes (a structure nested in a {@code Library}
 * interface would load that DLL when constructed). WCHAR arrays are declared as 16-bit units
 * ({@code short[]}) because JNA's {@code char} is {@code wchar_t}, four bytes on Linux; so the
 * Windows x64 layout of every structure holds, and is tested, on every OS.
 */
package dev.rmkit.rm.windows.jna;
