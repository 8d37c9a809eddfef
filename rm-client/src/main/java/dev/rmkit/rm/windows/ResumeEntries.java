package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a resume-after-boot command goes: a scheduled task ({@link TaskDefinition}), not RunOnce.
 * RunOnce is used up by any logon before the reboot (Windows deletes the value before running it,
 * at every logon), HKLM RunOnce is not run for a standard user's logon, and what it runs is not
 * elevated (reference §7.6). So a per-machine install gets a boot task as LocalSystem — elevated,
 * after every boot, with nobody logged on — and a per-user install a logon task for its user; both
 * stay until the resume unregisters them. Per-machine tasks live in the {@code \rmkit\} folder;
 * per-user ones in the root folder ({@code \rmkit-NAME}), so a standard user never has to create a
 * folder. RunOnce values of older registrations are still removed on unregistration.
 */
final class ResumeEntries {

    static final String RUN_ONCE_KEY = "Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private ResumeEntries() {}

    static void validateName(String name) throws RmException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RmException("register resume", "a resume name is 1-64 letters, digits, '.', '-' or '_': " + name);
        }
    }

    static String taskPath(String name, boolean machineScope) {
        return machineScope ? "\\rmkit\\" + name : "\\rmkit-" + name;
    }

    /** The task that runs {@code argv} after the next boot: at boot as LocalSystem, or at {@code userSid}'s logon. */
    static TaskDefinition task(String name, List<String> argv, boolean machineScope, String userSid) {
        String description = "rmkit: resume after the boot (" + name + "); removed once the resume is done";
        return machineScope ? TaskDefinition.atBootAsSystem(taskPath(name, true), argv, description)
                : TaskDefinition.atLogonOf(userSid, taskPath(name, false), argv, description);
    }
}
