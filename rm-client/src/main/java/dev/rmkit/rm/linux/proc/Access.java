package dev.rmkit.rm.linux.proc;

/** How a process holds a file, with fuser's access letters. */
public enum Access {
    /** Its current working directory ({@code c}). */
    CWD('c'),
    /** Its executable ({@code e}). */
    EXE('e'),
    /** An open file descriptor ({@code f}). */
    FD('f'),
    /** A memory mapping: a shared library, a mapped data file ({@code m}). */
    MAP('m'),
    /** Its root directory ({@code r}). */
    ROOT('r');

    private final char letter;

    Access(char letter) {
        this.letter = letter;
    }

    /** fuser's letter for this kind of access. */
    public char letter() {
        return letter;
    }
}
