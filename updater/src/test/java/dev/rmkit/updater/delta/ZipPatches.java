package dev.rmkit.updater.delta;

import com.github.luben.zstd.Zstd;
import dev.rmkit.updater.delta.ZipRecipe.Segment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test zips built with java.util.zip, real jars from ~/.m2, and a way to rewrite a zip patch's recipe. */
public final class ZipPatches {
    private ZipPatches() {}

    /** A zip of {@code entries} (name → content) deflated at {@code level}, with fixed times. */
    public static byte[] zip(Map<String, byte[]> entries, int level) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.setLevel(level);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry en = new ZipEntry(e.getKey());
                en.setTime(1_000_000_000_000L);
                z.putNextEntry(en);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    /** Text-like content that deflates the way class files do: words from a small vocabulary. */
    public static byte[] text(int size, long seed) {
        java.util.Random r = new java.util.Random(seed);
        String[] words = {"java/lang/Object", "<init>", "toString", "()V", "Code", "LineNumberTable", "this", "value",
            "dev/rmkit/Example", "StackMapTable", "append", "(Ljava/lang/String;)V", "length", "hashCode"};
        StringBuilder s = new StringBuilder();
        while (s.length() < size) {
            s.append(words[r.nextInt(words.length)]).append(r.nextInt(100) < 10 ? r.nextInt(1000) : "").append(' ');
        }
        return s.substring(0, size).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A jar of the local Maven repository, or null if this machine does not have it. */
    public static Path m2Jar(String groupPath, String artifact, String version) {
        String root = System.getenv().getOrDefault("BENCH_M2", System.getProperty("user.home") + "/.m2/repository");
        Path p = Path.of(root, groupPath, artifact, version, artifact + "-" + version + ".jar");
        return Files.isRegularFile(p) ? p : null;
    }

    /** The segments of the recipe in the zip patch {@code patch}. */
    public static List<String> recipe(Path patch) throws IOException, PatchException {
        List<String> out = new ArrayList<>();
        for (Segment s : decode(Files.readAllBytes(patch))) {
            out.add(s.deflate() ? "deflate:" + s.level() + "/" + s.strategy() : "raw");
        }
        return out;
    }

    /** Sets every deflate segment of the zip patch {@code patch} to {@code level}: a client whose zlib deflates differently. */
    public static void setLevels(Path patch, int level) throws IOException, PatchException {
        rewriteRecipe(patch, s -> s.deflate() ? new Segment(true, s.length(), s.deflatedLength(), level, s.strategy()) : s);
    }

    /** Rewrites the recipe of the zip patch {@code patch} in place, segment by segment. */
    static void rewriteRecipe(Path patch, UnaryOperator<Segment> change) throws IOException, PatchException {
        byte[] p = Files.readAllBytes(patch);
        List<Segment> segments = new ArrayList<>(decode(p).stream().map(change).toList());
        ByteBuffer h = ByteBuffer.wrap(p);
        int frameLength = h.getInt(8 + 8 + 8 + 32 + 4);
        int innerAt = 8 + 8 + 8 + 32 + 4 + 4 + frameLength;
        byte[] recipe = ZipRecipe.encode(segments);
        byte[] frame = Zstd.compress(recipe, 19);
        ByteBuffer out = ByteBuffer.allocate(innerAt - frameLength + frame.length + p.length - innerAt);
        out.put(p, 0, 8 + 8 + 8 + 32).putInt(recipe.length).putInt(frame.length).put(frame).put(p, innerAt, p.length - innerAt);
        Files.write(patch, out.array());
    }

    private static List<Segment> decode(byte[] p) throws PatchException {
        ByteBuffer h = ByteBuffer.wrap(p);
        long size = h.getLong(8);
        long expanded = h.getLong(16);
        int recipeLength = h.getInt(8 + 8 + 8 + 32);
        int frameLength = h.getInt(8 + 8 + 8 + 32 + 4);
        byte[] frame = new byte[frameLength];
        h.get(8 + 8 + 8 + 32 + 8, frame);
        return ZipRecipe.decode(Zstd.decompress(frame, recipeLength), expanded, size);
    }

    /** The deflate stream of {@code data} as stored blocks of {@code block} bytes: valid, but no zlib level writes it. */
    public static byte[] storedBlocks(byte[] data, int block) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += block) {
            int n = Math.min(block, data.length - at);
            o.write(at + n == data.length ? 1 : 0); // BFINAL, BTYPE 00, aligned
            o.write(n & 0xFF);
            o.write(n >>> 8);
            o.write(~n & 0xFF);
            o.write((~n >>> 8) & 0xFF);
            o.write(data, at, n);
        }
        return o.toByteArray();
    }

    /** An entry for {@link #zipOf}: {@code deflated} is its data as stored, method 8. */
    public record RawEntry(String name, byte[] data, byte[] deflated) {}

    /** {@code data} deflated raw (nowrap) at {@code level} by this JDK's zlib. */
    public static byte[] deflate(byte[] data, int level) {
        Deflater d = new Deflater(level, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            o.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return o.toByteArray();
    }

    /** A zip of method-8 entries with exactly the given data (CRC and sizes from each entry's {@code data}). */
    public static byte[] zipOf(RawEntry... entries) {
        ByteBuffer b = ByteBuffer.allocate(1 << 22).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int[] offsets = new int[entries.length];
        for (int i = 0; i < entries.length; i++) {
            RawEntry e = entries[i];
            offsets[i] = b.position();
            byte[] n = e.name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) Deflater.DEFLATED).putInt(0)
                    .putInt(crc(e.data())).putInt(e.deflated().length).putInt(e.data().length).putShort((short) n.length)
                    .putShort((short) 0).put(n).put(e.deflated());
        }
        int cd = b.position();
        for (int i = 0; i < entries.length; i++) {
            RawEntry e = entries[i];
            byte[] n = e.name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            b.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0)
                    .putInt(crc(e.data())).putInt(e.deflated().length).putInt(e.data().length).putShort((short) n.length)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt(offsets[i]).put(n);
        }
        int cdSize = b.position() - cd;
        b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.length)
                .putShort((short) entries.length).putInt(cdSize).putInt(cd).putShort((short) 0);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    private static int crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return (int) crc.getValue();
    }
}
