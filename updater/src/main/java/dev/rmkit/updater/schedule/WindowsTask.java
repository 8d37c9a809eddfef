package dev.rmkit.updater.schedule;

import dev.rmkit.updater.policy.MaintenanceWindow;
import java.io.StringWriter;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The Task Scheduler definition (Task Scheduler schema 1.2, what {@code schtasks /Create /XML} reads)
 * that runs {@code updater auto}: a time trigger repeating every {@code check.every}, a weekly calendar
 * trigger at each window's opening, each with {@code check.spread} as its random delay; missed starts
 * run when the machine is back ({@code StartWhenAvailable}); never two at once ({@code IgnoreNew}); not
 * stopped on battery (the policy decides that). A per-machine install runs as SYSTEM, a per-user one
 * as the registering user without elevation. The command is {@code java @ARGFILE}: the JVM reads its
 * arguments from a file, so no Windows command-line quoting is involved. Windows triggers are in the
 * machine's local time: windows of another time zone are converted at registration. Pure: text only.
 */
public final class WindowsTask {

    static final String NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task";
    /** Task Scheduler repeats at most every 31 days. */
    static final Duration MAX_REPETITION = Duration.ofDays(31);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private WindowsTask() {}

    /**
     * @param java the java executable
     * @param argFile the file holding the JVM's arguments ({@link #argFile})
     * @param system run as SYSTEM (per-machine install) or as the registering user
     * @param now the registration time (the triggers' start boundaries)
     * @param machineZone the machine's time zone
     */
    public static String xml(ScheduleSpec s, String java, String argFile, boolean system, Instant now, ZoneId machineZone) {
        if (s.every().compareTo(MAX_REPETITION) > 0) {
            throw new IllegalArgumentException("check.every: Task Scheduler repeats at most every 31 days");
        }
        Document d = document();
        Element task = d.createElementNS(NAMESPACE, "Task");
        task.setAttribute("version", "1.2");
        d.appendChild(task);
        Element info = add(d, task, "RegistrationInfo");
        text(d, info, "Description", "rmkit unattended updates of " + s.installDir() + " (updater auto); "
                + s.describe() + ". Written by updater schedule install.");
        text(d, info, "URI", "\\rmkit\\" + s.name());
        Element triggers = add(d, task, "Triggers");
        Element repeat = add(d, triggers, "TimeTrigger");
        Element repetition = add(d, repeat, "Repetition");
        text(d, repetition, "Interval", s.every().truncatedTo(ChronoUnit.SECONDS).toString());
        text(d, repetition, "StopAtDurationEnd", "false");
        text(d, repeat, "StartBoundary", LOCAL.format(LocalDateTime.ofInstant(now, machineZone).truncatedTo(ChronoUnit.MINUTES)));
        text(d, repeat, "Enabled", "true");
        randomDelay(d, repeat, s.spread());
        for (MaintenanceWindow w : s.windows()) {
            for (DayOfWeek day : w.days()) {
                calendar(d, triggers, w, day, s, now, machineZone);
            }
        }
        Element principal = add(d, add(d, task, "Principals"), "Principal");
        principal.setAttribute("id", "Author");
        if (system) {
            text(d, principal, "UserId", "S-1-5-18");
            text(d, principal, "RunLevel", "HighestAvailable");
        } else {
            text(d, principal, "LogonType", "InteractiveToken");
            text(d, principal, "RunLevel", "LeastPrivilege");
        }
        settings(d, add(d, task, "Settings"));
        Element actions = add(d, task, "Actions");
        actions.setAttribute("Context", "Author");
        Element exec = add(d, actions, "Exec");
        text(d, exec, "Command", java);
        // The JVM expands @FILE itself; quoted as one argument for the C runtime (a path holds no quote).
        text(d, exec, "Arguments", "\"@" + argFile + "\"");
        text(d, exec, "WorkingDirectory", s.installDir().toString());
        return serialise(d);
    }

    /**
     * The JVM's argument file for {@code argv} (without the java executable): one argument per line,
     * in double quotes, backslashes and quotes escaped, as the {@code java} launcher reads {@code @FILE}.
     */
    public static String argFile(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (a.chars().anyMatch(c -> c == '\n' || c == '\r')) {
                throw new IllegalArgumentException("an argument file cannot hold a line break: " + a);
            }
            sb.append('"').append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return sb.toString();
    }

    private static void calendar(Document d, Element triggers, MaintenanceWindow w, DayOfWeek day, ScheduleSpec s,
            Instant now, ZoneId machineZone) {
        LocalDate date = now.atZone(s.zone()).toLocalDate();
        while (date.getDayOfWeek() != day) {
            date = date.plusDays(1);
        }
        LocalDateTime local = LocalDateTime.ofInstant(w.openingOn(date, s.zone()), machineZone);
        Element t = add(d, triggers, "CalendarTrigger");
        text(d, t, "StartBoundary", LOCAL.format(local));
        text(d, t, "Enabled", "true");
        Element byWeek = add(d, t, "ScheduleByWeek");
        add(d, add(d, byWeek, "DaysOfWeek"), local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        text(d, byWeek, "WeeksInterval", "1");
        randomDelay(d, t, s.spread());
    }

    private static void settings(Document d, Element settings) {
        text(d, settings, "MultipleInstancesPolicy", "IgnoreNew");
        text(d, settings, "DisallowStartIfOnBatteries", "false");
        text(d, settings, "StopIfGoingOnBatteries", "false");
        text(d, settings, "AllowHardTerminate", "true");
        text(d, settings, "StartWhenAvailable", "true");
        text(d, settings, "RunOnlyIfNetworkAvailable", "false");
        text(d, settings, "AllowStartOnDemand", "true");
        text(d, settings, "Enabled", "true");
        text(d, settings, "Hidden", "false");
        text(d, settings, "WakeToRun", "false");
        text(d, settings, "ExecutionTimeLimit", "PT4H");
    }

    private static void randomDelay(Document d, Element trigger, Duration spread) {
        if (!spread.isZero()) {
            text(d, trigger, "RandomDelay", spread.truncatedTo(ChronoUnit.SECONDS).toString());
        }
    }

    private static Document document() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML builder is missing", e);
        }
    }

    private static Element add(Document d, Element parent, String name) {
        Element e = d.createElementNS(NAMESPACE, name);
        parent.appendChild(e);
        return e;
    }

    private static void text(Document d, Element parent, String name, String value) {
        add(d, parent, name).setTextContent(value);
    }

    private static String serialise(Document d) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-16");
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(d), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the task definition", e);
        }
    }
}
