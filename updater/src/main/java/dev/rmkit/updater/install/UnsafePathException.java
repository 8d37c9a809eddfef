package dev.rmkit.updater.install;

import java.io.IOException;

/**
 * A path the updater was about to write, rename or delete resolves through something it must not
 * follow: a symbolic link (or a Windows junction) inside the install, or a file where a directory
 * should be. Nothing was done to the path.
 */
public final class UnsafePathException extends IOException {
    private static final long serialVersionUID = 1L;

    UnsafePathException(String message) {
        super(message);
    }
}
