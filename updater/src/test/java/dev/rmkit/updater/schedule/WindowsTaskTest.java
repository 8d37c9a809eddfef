package dev.rmkit.updater.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The Windows task definition checked as data on every OS: what schtasks /Create /XML will read. */
class WindowsTaskTest {

    static final Instant NOW = Instant.parse("2026-11-23T09:15:42Z"); // a Monday
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static String text(Element e, String name) {
        NodeList l = e.getElementsByTagNameNS(WindowsTask.NAMESPACE, name);
        assertEquals(1, l.getLength(), name);
        return l.item(0).getTextContent();
    }

    static List<Element> all(Document d, String name) {
        NodeList l = d.getElementsByTagNameNS(WindowsTask.NAMESPACE, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }

    @Test
    void aMachineTaskRunsAsSystemEverySixHoursAndAtEachWindowDayWithTheSpread() throws Exception {
        String xml = WindowsTask.xml(SystemdUnitsTest.spec(), "C:\\Program Files\\Java\\bin\\java.exe",
                "C:\\Program Files\\Burner\\.rmkit\\auto.args", true, NOW, BERLIN);
        Document d = parse(xml);
        Element task = d.getDocumentElement();

        assertEquals("Task", task.getLocalName());
        assertEquals(WindowsTask.NAMESPACE, task.getNamespaceURI());
        assertEquals("1.2", task.getAttribute("version"));
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-16\""), xml);
        assertEquals("\\rmkit\\rmkit-auto-0123456789ab", text(task, "URI"));
        Element time = all(d, "TimeTrigger").get(0);
        assertEquals("PT6H", text(time, "Interval"));
        assertEquals("PT30M", text(time, "RandomDelay"));
        assertEquals("2026-11-23T10:15:00", text(time, "StartBoundary"), "local time of the machine");
        List<Element> calendar = all(d, "CalendarTrigger");
        assertEquals(2 + 7, calendar.size(), "Saturday and Sunday, then every day of the nightly window");
        assertEquals("2026-11-28T02:00:00", text(calendar.get(0), "StartBoundary"));
        assertEquals(1, calendar.get(0).getElementsByTagNameNS(WindowsTask.NAMESPACE, "Saturday").getLength());
        assertEquals("PT30M", text(calendar.get(0), "RandomDelay"));
        assertEquals("1", text(calendar.get(0), "WeeksInterval"));
        Element principal = all(d, "Principal").get(0);
        assertEquals("S-1-5-18", text(principal, "UserId"));
        assertEquals("HighestAvailable", text(principal, "RunLevel"));
        Element settings = all(d, "Settings").get(0);
        assertEquals("IgnoreNew", text(settings, "MultipleInstancesPolicy"));
        assertEquals("true", text(settings, "StartWhenAvailable"));
        assertEquals("false", text(settings, "DisallowStartIfOnBatteries"), "the policy decides about batteries");
        Element exec = all(d, "Exec").get(0);
        assertEquals("C:\\Program Files\\Java\\bin\\java.exe", text(exec, "Command"));
        assertEquals("\"@C:\\Program Files\\Burner\\.rmkit\\auto.args\"", text(exec, "Arguments"));
    }

    @Test
    void aUserTaskRunsAsTheRegisteringUserUnelevated() throws Exception {
        Document d = parse(WindowsTask.xml(SystemdUnitsTest.spec(), "java.exe", "C:\\u\\.rmkit\\auto.args", false, NOW, BERLIN));
        Element principal = all(d, "Principal").get(0);
        assertEquals("InteractiveToken", text(principal, "LogonType"));
        assertEquals("LeastPrivilege", text(principal, "RunLevel"));
        assertEquals(0, principal.getElementsByTagNameNS(WindowsTask.NAMESPACE, "UserId").getLength());
    }

    @Test
    void windowsOfAnotherTimeZoneAreConvertedToTheMachinesLocalTime() throws Exception {
        Document d = parse(WindowsTask.xml(SystemdUnitsTest.spec(), "java.exe", "a", true, NOW, ZoneId.of("UTC")));
        Element first = all(d, "CalendarTrigger").get(0);
        assertEquals("2026-11-28T01:00:00", text(first, "StartBoundary"), "02:00 in Berlin is 01:00 UTC in November");
    }

    @Test
    void theArgumentFileReadsBackAsTheSameArguments() {
        List<String> args = List.of("-cp", "C:\\Program Files\\rmkit\\updater.jar", "dev.rmkit.updater.Main", "auto",
                "--install-dir", "C:\\Apps\\Burner \"2\"\\");
        assertEquals(args, readArgFile(WindowsTask.argFile(args)));
        assertThrows(IllegalArgumentException.class, () -> WindowsTask.argFile(List.of("a\nb")));
    }

    @Test
    void taskSchedulerRepeatsAtMostEveryThirtyOneDays() {
        ScheduleSpec s = SystemdUnitsTest.spec();
        ScheduleSpec monthly = new ScheduleSpec(s.name(), s.installDir(), s.argv(), s.environment(), Duration.ofDays(40),
                s.spread(), s.windows(), s.zone());
        assertThrows(IllegalArgumentException.class, () -> WindowsTask.xml(monthly, "java.exe", "a", true, NOW, BERLIN));
    }

    @Test
    void elevationIsReadFromTheMandatoryLabel() {
        assertTrue(WindowsScheduler.elevatedFrom("Mandatory Label\\High Mandatory Level  Label  S-1-16-12288"));
        assertEquals(false, WindowsScheduler.elevatedFrom("Mandatory Label\\Medium Mandatory Level Label S-1-16-8192"));
    }

    /**
     * How the java launcher reads an @argfile (java(1), "java Command-Line Argument Files") for what
     * argFile writes: one double-quoted argument per line, backslash escaping the next character.
     */
    static List<String> readArgFile(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("\"") && line.endsWith("\""), line);
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < line.length() - 1; i++) {
                char c = line.charAt(i);
                if (c == '\\') {
                    sb.append(line.charAt(++i));
                } else {
                    assertTrue(c != '"', "an unescaped quote ends the argument early: " + line);
                    sb.append(c);
                }
            }
            out.add(sb.toString());
        }
        return out;
    }
}
