package dev.rmkit.updater.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Local files ({@code file:} URIs): a feed on a share or a USB stick gets the same checks as HTTP. */
final class FileSource implements Source {

    @Override
    public Body open(URI uri, long offset) throws IOException {
        Path path = Path.of(uri);
        if (!Files.isRegularFile(path)) {
            throw new NotFound("no such file: " + path);
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NotFound("no such file: " + path);
        }
        long size = ch.size();
        if (offset > size) {
            ch.close();
            throw new RangeRefused(path + " is shorter (" + size + " bytes) than the partial download (" + offset + ")");
        }
        ch.position(offset);
        return new Body(Channels.newInputStream(ch), offset, size - offset, true);
    }
}
