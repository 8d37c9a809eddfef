package dev.rmkit.updater.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Makes a jar's Java 5 class files archivable (run by the build, before {@link StartupArchive} trains).
 * JDK 17 leaves classes older than Java 6 out of a class-data-sharing archive; picocli's jar is compiled
 * for Java 5, so its 175 classes that every {@code status} and {@code holders} load came from the jar,
 * parsed and verified on each start (about a sixth of the CPU time of {@code status --json}). This writes
 * the same classes as Java 8 class files with the stack maps the JVM's verifier needs (ASM computes them),
 * everything else in the jar byte for byte as it was; the JVM then verifies them as it verifies any Java 8
 * class, and archives them.
 *
 * <p>A jar is upgraded only if it has such classes, no signature and no {@code jsr}/{@code ret} (which
 * Java 7+ class files cannot hold; ASM refuses them). Before the upgraded jar replaces the original (by
 * rename), every class in it is loaded, verified and initialised in a class loader of its own: a class the
 * JVM would refuse leaves the original in place.
 */
final class ClassFileUpgrade {

    /** Java 6: the oldest class file version a JDK 17 archive takes. */
    private static final int ARCHIVABLE = Opcodes.V1_6;

    private ClassFileUpgrade() {}

    /** Upgrades {@code jar} in place if it needs it; returns how many classes were rewritten (0: untouched). */
    static int upgrade(Path jar) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".upgrade");
        Files.deleteIfExists(tmp);
        try {
            int rewritten = write(jar, tmp);
            if (rewritten == 0) {
                return 0;
            }
            verify(tmp);
            Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return rewritten;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The class files of {@code jar} older than Java 6, by entry name. */
    static List<String> oldClasses(Path jar) throws IOException {
        List<String> old = new ArrayList<>();
        try (ZipFile z = new ZipFile(jar.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (isClass(e)) {
                    try (InputStream in = z.getInputStream(e)) {
                        if (new ClassReader(in).readUnsignedShort(6) < ARCHIVABLE) {
                            old.add(e.getName());
                        }
                    }
                }
            }
        }
        return old;
    }

    /** Copies {@code jar} to {@code out}, old classes upgraded; returns how many; writes nothing if none. */
    private static int write(Path jar, Path out) throws IOException {
        List<String> old = oldClasses(jar);
        if (old.isEmpty()) {
            return 0;
        }
        try (ZipFile z = new ZipFile(jar.toFile());
                URLClassLoader types = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                OutputStream file = Files.newOutputStream(out);
                ZipOutputStream zip = new ZipOutputStream(file)) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (e.getName().startsWith("META-INF/") && e.getName().matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")) {
                    throw new IOException(jar + " is signed: not changed");
                }
                byte[] bytes;
                try (InputStream in = z.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                zip.putNextEntry(copy);
                zip.write(old.contains(e.getName()) ? java8(bytes, types) : bytes);
                zip.closeEntry();
            }
        }
        return old.size();
    }

    private static byte[] java8(byte[] classFile, ClassLoader types) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return types; // the common superclass of two of the jar's own types, for the stack maps
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, w) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return w.toByteArray();
    }

    /** Loads, verifies and initialises every class of {@code jar}; a VerifyError (or any other) fails. */
    private static void verify(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(jar.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (isClass(e)) {
                    names.add(e.getName().substring(0, e.getName().length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                try {
                    Class.forName(name, true, loader);
                } catch (ExceptionInInitializerError e) {
                    // verified (verification precedes initialisation); its static initialiser needs more than a bare loader
                } catch (LinkageError | ClassNotFoundException e) {
                    throw new IOException("the upgraded " + name + " does not load: " + e, e);
                }
            }
        }
    }

    private static boolean isClass(ZipEntry e) {
        return !e.isDirectory() && e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")
                && !e.getName().endsWith("module-info.class");
    }
}
