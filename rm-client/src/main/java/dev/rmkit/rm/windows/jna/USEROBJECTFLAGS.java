package dev.rmkit.rm.windows.jna;

import com.sun.jna.Structure;

/**
 * {@code USEROBJECTFLAGS} (winuser.h), what {@code GetUserObjectInformation(UOI_FLAGS)} fills for a
 * window station: {@code dwFlags & WSF_VISIBLE} tells an interactive window station (a user's desktop)
 * from the invisible one of a service or a task in session 0. 12 bytes on every architecture.
 */
@Structure.FieldOrder({"fInherit", "fReserved", "dwFlags"})
public class USEROBJECTFLAGS extends Structure {
    public int fInherit;
    public int fReserved;
    public int dwFlags;
}
