package dev.rmkit.rm.windows;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One scheduled task rmkit registers (Task Scheduler schema 1.2): one command, one trigger, one
 * principal. Two shapes, by what the Task Scheduler allows (MS-TSCH registration matrices):
 * <ul>
 * <li>{@link #atBootAsSystem}: a BootTrigger, run as LocalSystem (S-1-5-18) with the highest run
 *     level — runs at every boot before anyone logs on, elevated, for per-machine work; only an
 *     administrator may register it.
 * <li>{@link #atLogonOf}: a LogonTrigger naming the user by SID, run as that user with their
 *     interactive token at the least run level — a standard user may register this only for
 *     themselves, and only with the user id in the trigger.
 * </ul>
 * Neither is used up by a logon, unlike a RunOnce value: it stays until it is deleted.
 *
 * @param path the task's path: {@code \NAME} or {@code \FOLDER\NAME}
 * @param argv the program (absolute) and its arguments
 * @param trigger when it runs
 * @param userSid the principal's SID
 * @param description shown in the Task Scheduler
 */
public record TaskDefinition(String path, List<String> argv, Trigger trigger, String userSid, String description) {

    /** When the task runs. */
    public enum Trigger {
        /** At every boot (the Task Scheduler service's start). */
        BOOT,
        /** At every logon of {@code userSid}. */
        LOGON
    }

    private static final Pattern PATH = Pattern.compile("(\\\\[A-Za-z0-9._-]{1,64}){1,2}");
    private static final Pattern SID = Pattern.compile("S-1-[0-9]+(-[0-9]+){1,15}");

    public TaskDefinition {
        Objects.requireNonNull(path, "path");
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("a task path is \\NAME or \\FOLDER\\NAME of letters, digits, '.', '-', '_': "
                    + path);
        }
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv needs at least the program");
        }
        Objects.requireNonNull(trigger, "trigger");
        if (!SID.matcher(Objects.requireNonNull(userSid, "userSid")).matches()) {
            throw new IllegalArgumentException("not a SID: " + userSid);
        }
        Objects.requireNonNull(description, "description");
    }

    public static TaskDefinition atBootAsSystem(String path, List<String> argv, String description) {
        return new TaskDefinition(path, argv, Trigger.BOOT, TokenApi.LOCAL_SYSTEM, description);
    }

    public static TaskDefinition atLogonOf(String userSid, String path, List<String> argv, String description) {
        return new TaskDefinition(path, argv, Trigger.LOGON, userSid, description);
    }

    /** The task's XML, to be written as UTF-16 with a byte order mark (what {@code schtasks /XML} reads). */
    public String xml() {
        String arguments = CommandLines.join(argv.subList(1, argv.size()));
        String triggerXml = trigger == Trigger.BOOT
                ? "<BootTrigger><Enabled>true</Enabled></BootTrigger>"
                : "<LogonTrigger><Enabled>true</Enabled><UserId>" + xml(userSid) + "</UserId></LogonTrigger>";
        String principal = trigger == Trigger.BOOT
                ? "<UserId>" + xml(userSid) + "</UserId><RunLevel>HighestAvailable</RunLevel>"
                : "<UserId>" + xml(userSid) + "</UserId><LogonType>InteractiveToken</LogonType>"
                        + "<RunLevel>LeastPrivilege</RunLevel>";
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                + "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n"
                + "  <RegistrationInfo><Description>" + xml(description) + "</Description></RegistrationInfo>\n"
                + "  <Triggers>" + triggerXml + "</Triggers>\n"
                + "  <Principals><Principal id=\"Author\">" + principal + "</Principal></Principals>\n"
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
