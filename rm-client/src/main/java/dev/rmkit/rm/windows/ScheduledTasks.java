package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Registers and deletes {@link TaskDefinition}s with {@code schtasks.exe /Create /XML} (the XML form,
 * because {@code /TR} is limited like RunOnce). The XML goes through a file created exclusively, with
 * a random name, in {@code tempDirectory}, and is deleted afterwards. Public so that other Windows
 * work that needs a task (an unattended updater's schedule) uses the same registration.
 */
public final class ScheduledTasks {

    private final TaskScheduler schtasks;
    private final Path tempDirectory;

    ScheduledTasks(TaskScheduler schtasks, Path tempDirectory) {
        this.schtasks = schtasks;
        this.tempDirectory = tempDirectory;
    }

    /** The system's {@code schtasks.exe}, XML files in {@code java.io.tmpdir}. */
    public static ScheduledTasks system() {
        return new ScheduledTasks(TaskScheduler.schtasks(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Creates or replaces the task. */
    public void register(TaskDefinition task) throws RmException {
        Path xml = null;
        try {
            Files.createDirectories(tempDirectory);
            xml = Files.createTempFile(tempDirectory, "rmkit-task-", ".xml");
            byte[] body = task.xml().getBytes(StandardCharsets.UTF_16LE);
            Files.write(xml, ByteBuffer.allocate(body.length + 2).put((byte) 0xFF).put((byte) 0xFE).put(body).array());
            int rc = schtasks.run(List.of("/Create", "/F", "/TN", task.path(), "/XML", xml.toString()));
            if (rc != 0) {
                throw new RmException("schtasks /Create", rc, "could not create the scheduled task " + task.path()
                        + (task.trigger() == TaskDefinition.Trigger.BOOT ? " (a boot task needs an administrator)" : ""));
            }
        } catch (IOException e) {
            throw new RmException("schtasks /Create", "could not write the task definition in " + tempDirectory, e);
        } finally {
            if (xml != null) {
                try {
                    Files.deleteIfExists(xml);
                } catch (IOException e) {
                    System.getLogger(ScheduledTasks.class.getName()).log(System.Logger.Level.WARNING,
                            "could not delete " + xml, e);
                }
            }
        }
    }

    /** Deletes the task; a task that does not exist is fine (schtasks then exits 1). */
    public void delete(String path) throws RmException {
        schtasks.run(List.of("/Delete", "/F", "/TN", path));
    }
}
