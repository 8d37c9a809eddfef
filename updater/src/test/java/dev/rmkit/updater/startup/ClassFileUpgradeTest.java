package dev.rmkit.updater.startup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The upgrade of picocli's real jar (Java 5 class files) that lets the start-up archive hold its classes. */
class ClassFileUpgradeTest {

    @TempDir Path tmp;

    @Test
    void picocliBecomesJava8ClassesThatWorkAsBefore() throws Exception {
        Path original = picocliAsPublished();
        List<String> old = ClassFileUpgrade.oldClasses(original);
        assertTrue(old.contains("picocli/CommandLine.class"), "the published jar has Java 5 classes: " + old.size());
        Path jar = Files.copy(original, tmp.resolve(original.getFileName()));

        assertEquals(old.size(), ClassFileUpgrade.upgrade(jar));

        assertEquals(List.of(), ClassFileUpgrade.oldClasses(jar));
        Map<String, byte[]> before = entries(original);
        Map<String, byte[]> after = entries(jar);
        assertEquals(List.copyOf(before.keySet()), List.copyOf(after.keySet()), "the same entries, in the same order");
        for (Map.Entry<String, byte[]> e : before.entrySet()) {
            if (old.contains(e.getKey())) {
                assertEquals(52, major(after.get(e.getKey())), e.getKey());
            } else {
                assertArrayEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " is copied as it was");
            }
        }
        // The same usage message from each jar, through classes loaded (and verified) from it alone.
        assertEquals(usage(original), usage(jar));
        assertTrue(usage(jar).contains("Usage: help"), usage(jar));
    }

    @Test
    void aJarWithoutOldClassesIsLeftAlone() throws Exception {
        Path original = picocliAsPublished();
        Path jar = Files.copy(original, tmp.resolve(original.getFileName()));
        ClassFileUpgrade.upgrade(jar);
        byte[] once = Files.readAllBytes(jar);
        var time = Files.getLastModifiedTime(jar);

        assertEquals(0, ClassFileUpgrade.upgrade(jar));

        assertArrayEquals(once, Files.readAllBytes(jar));
        assertEquals(time, Files.getLastModifiedTime(jar));
        assertFalse(Files.exists(tmp.resolve(original.getFileName() + ".upgrade")), "no work file left");
    }

    /**
     * picocli's jar as Maven Central has it (Java 5 class files). Not simply where {@link CommandLine} was
     * loaded from: the integration tests' class path starts with the packaged updater.jar, whose manifest
     * puts the build's upgraded copy in target/lib first.
     */
    static Path picocliAsPublished() throws Exception {
        for (URL u : Collections.list(ClassFileUpgradeTest.class.getClassLoader().getResources("picocli/CommandLine.class"))) {
            String s = u.toString();
            if (s.startsWith("jar:file:")) {
                Path jar = Path.of(new URI(s.substring("jar:".length(), s.indexOf("!/"))));
                if (!ClassFileUpgrade.oldClasses(jar).isEmpty()) {
                    return jar;
                }
            }
        }
        throw new AssertionError("no picocli jar with Java 5 classes on the class path");
    }

    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(jar.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                try (InputStream in = z.getInputStream(e)) {
                    m.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return m;
    }

    private static int major(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** {@code new CommandLine(new HelpCommand()).getUsageMessage()} with picocli loaded from {@code jar} only. */
    private static String usage(Path jar) throws Exception {
        try (URLClassLoader l = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> cl = Class.forName("picocli.CommandLine", true, l);
            assertEquals(l, cl.getClassLoader());
            Object help = Class.forName("picocli.CommandLine$HelpCommand", true, l).getConstructor().newInstance();
            Object commandLine = cl.getConstructor(Object.class).newInstance(help);
            return (String) cl.getMethod("getUsageMessage").invoke(commandLine);
        }
    }
}
