package dev.rmkit.rm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Linux users pay nothing for the Windows backend: a JVM that uses the factory and the portable API,
 * with JNA on its class path, never loads a {@code com.sun.jna} class. Checked in a child JVM with
 * {@code -verbose:class}, which prints every class as it is loaded.
 */
class FactoryLoadsNoJnaTest {

    @Test
    void thePortableApiAndTheFactoryNeverLoadJna() throws IOException, InterruptedException {
        String classPath = System.getProperty("java.class.path");
        assertTrue(classPath.contains("jna"), "JNA must be on the child's class path for this to mean anything");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-verbose:class", "-cp", classPath,
                PortableApiProbe.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("probe done dev.rmkit.rm.windows.WindowsPlatform")), out);
        List<String> loaded = lines.stream().filter(l -> l.contains("[class,load]")).toList();
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" dev.rmkit.rm.RmPlatforms ")), "-verbose:class output seen");
        assertEquals(List.of(), loaded.stream().filter(l -> l.contains("com.sun.jna") || l.contains("dev.rmkit.rm.windows"))
                .toList());
    }
}
