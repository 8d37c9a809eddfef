package dev.rmkit.rm.testing;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain (non-cooperating) process that holds files: {@code --open FILE} keeps a descriptor open,
 * {@code --map FILE} keeps only a memory mapping (the channel is closed, as a loaded library is), and
 * {@code --ignore-term} makes it survive SIGTERM. Its working directory is whatever it was started in.
 * Prints {@code READY <pid>}, then sleeps until killed.
 */
public final class HolderApp {

    private static final List<Object> KEEP = new ArrayList<>();

    private HolderApp() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--open" -> KEEP.add(FileChannel.open(Path.of(args[++i]), StandardOpenOption.READ));
                case "--map" -> {
                    try (FileChannel ch = FileChannel.open(Path.of(args[++i]), StandardOpenOption.READ)) {
                        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                        KEEP.add(m);
                    }
                }
                case "--ignore-term" -> IgnoreTerm.install();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
