package dev.rmkit.updater.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.UpdateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallLockTest {

    @TempDir Path install;

    @Test
    void aSecondHolderInTheSameProcessIsDeferred() throws Exception {
        InstallLayout layout = new InstallLayout(install);
        try (InstallLock first = InstallLock.acquire(layout)) {
            UpdateException e = assertThrows(UpdateException.Deferred.class, () -> InstallLock.acquire(layout));
            assertEquals(ExitCode.DEFERRED, e.exitCode());
        }
        try (InstallLock again = InstallLock.acquire(layout)) {
            assertTrue(Files.readString(layout.lockFile()).contains(Long.toString(ProcessHandle.current().pid())));
        }
    }

    @Test
    void anotherProcessHoldingTheLockIsNamedByPidAndItsDeathFreesTheLock() throws Exception {
        InstallLayout layout = new InstallLayout(install);
        Path ready = install.resolve("holder-ready");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(),
                install.toString(), ready.toString())
                .inheritIO().start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(ready) && System.nanoTime() < deadline && holder.isAlive()) {
                Thread.sleep(10);
            }
            assertTrue(Files.exists(ready), "holder did not take the lock");

            UpdateException e = assertThrows(UpdateException.Deferred.class, () -> InstallLock.acquire(layout));
            assertTrue(e.getMessage().contains("another update is running (pid " + holder.pid() + ")"), e.getMessage());
        } finally {
            holder.destroyForcibly().waitFor();
        }
        try (InstallLock mine = InstallLock.acquire(layout)) {
            assertTrue(Files.exists(layout.lockFile()));
        }
    }

    /** Takes the lock, says so, and holds it until killed. */
    public static final class LockHolderMain {
        public static void main(String[] args) throws Exception {
            InstallLock lock = InstallLock.acquire(new InstallLayout(Path.of(args[0])));
            Files.writeString(Path.of(args[1]), "locked");
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            lock.close();
        }
    }
}
