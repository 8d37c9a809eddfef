package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a resume-after-boot command goes. RunOnce (HKLM for a per-machine install, HKCU per user)
 * takes at most 260 characters of command line and runs it once at the next logon (reference §7.6);
 * a longer command, or a RunOnce that cannot be written, becomes a logon-triggered scheduled task,
 * defined by XML because schtasks' /TR option has the same length limit.
 */
final class ResumeEntries {

    static final String RUN_ONCE_KEY = "Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce";
    static final int RUN_ONCE_MAX_CHARS = 260;
    static final String TASK_FOLDER = "\\rmkit\\";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private ResumeEntries() {}

    static void validateName(String name) throws RmException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RmException("register resume", "a resume name is 1-64 letters, digits, '.', '-' or '_': " + name);
        }
    }

    static boolean fitsRunOnce(String commandLine) {
        return commandLine.length() <= RUN_ONCE_MAX_CHARS;
    }

    static List<String> createTask(String name, String xmlFile) {
        return List.of("/Create", "/F", "/TN", TASK_FOLDER + name, "/XML", xmlFile);
    }

    static List<String> deleteTask(String name) {
        return List.of("/Delete", "/F", "/TN", TASK_FOLDER + name);
    }

    /** A Task Scheduler 1.2 definition: run {@code argv} at logon, no time limit, on battery too. */
    static String taskXml(String name, List<String> argv, boolean machineScope) {
        String arguments = CommandLines.join(argv.subList(1, argv.size()));
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                + "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n"
                + "  <RegistrationInfo><Description>rmkit resume after boot: " + xml(name) + "</Description></RegistrationInfo>\n"
                + "  <Triggers><LogonTrigger><Enabled>true</Enabled></LogonTrigger></Triggers>\n"
                + "  <Principals><Principal id=\"Author\"><RunLevel>"
                + (machineScope ? "HighestAvailable" : "LeastPrivilege") + "</RunLevel></Principal></Principals>\n"
                + "  <Settings><DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>"
                + "<StopIfGoingOnBatteries>false</StopIfGoingOnBatteries><ExecutionTimeLimit>PT0S</ExecutionTimeLimit>"
                + "<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy></Settings>\n"
                + "  <Actions Context=\"Author\"><Exec><Command>" + xml(argv.get(0)) + "</Command>"
                + (arguments.isEmpty() ? "" : "<Arguments>" + xml(arguments) + "</Arguments>") + "</Exec></Actions>\n"
                + "</Task>\n";
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
