package dev.rmkit.rm.linux.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ServiceStart;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.systemd.Systemctl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording a service before it is stopped, and starting it again from that record: the unit and its
 * manager come from a fixture {@code /proc}; systemctl is a script that keeps each unit's state in a
 * file, as systemd would, and logs every call.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "a fixture /proc and an sh stand-in for systemctl")
class LinuxServicesTest {

    @TempDir Path tmp;
    Path proc;
    Path run;
    Path units;

    @BeforeEach
    void fixtures() throws IOException {
        proc = Files.createDirectories(tmp.resolve("proc"));
        Files.writeString(proc.resolve("stat"), "cpu  1 2 3 4\nbtime 1700000000\nprocesses 5\n");
        run = Files.createDirectories(tmp.resolve("run/systemd/system")).getParent().getParent();
        units = Files.createDirectories(tmp.resolve("units"));
        process(4242, 0, "0::/system.slice/app.service\n");
        process(4343, 1000, "0::/user.slice/user-1000.slice/user@1000.service/app.slice/app.service\n");
        process(4444, 0, "0::/system.slice/dbus.service\n");
        process(4545, 1001, "0::/user.slice/user-1000.slice/user@1000.service/app.slice/app.service\n");
        process(4646, 1000, "0::/user.slice/user-1000.slice/session-3.scope\n");
    }

    private void process(long pid, int uid, String cgroup) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (serve) S 1 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 " + (1000 + pid)
                + " 0 0 0\n");
        Files.writeString(dir.resolve("status"), "Name:\tserve\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nGid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\nGroups:\t\nCapEff:\t0000000000000000\n");
        Files.writeString(dir.resolve("cgroup"), cgroup);
        Files.writeString(dir.resolve("environ"), "HOME=/home/u\0SECRET=x\0XDG_RUNTIME_DIR=/run/user/" + uid + "\0");
    }

    /** systemctl as a script: {@code show} reads UNIT.state (inactive if none), {@code start} sets it active unless UNIT.fails. */
    private Systemctl systemctl(int ourUid) throws IOException {
        Path fake = tmp.resolve("systemctl");
        Files.writeString(fake, "#!/bin/sh\nd='" + units + "'\necho \"$*\" >> \"$d/calls\"\nfor a; do u=$a; done\n"
                + "case \" $* \" in\n"
                + "  *' show '*) s=$(cat \"$d/$u.state\" 2>/dev/null || echo inactive)\n"
                + "    echo ActiveState=$s; echo SubState=x; echo Result=success\n"
                + "    if [ $s = active ]; then echo MainPID=4242; else echo MainPID=0; fi ;;\n"
                + "  *' start '*) if [ -f \"$d/$u.fails\" ]; then echo \"Job for $u failed because the control process exited"
                + " with error code.\"; echo failed > \"$d/$u.state\"; exit 1; fi\n"
                + "    echo active > \"$d/$u.state\" ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return Systemctl.running(fake.toString(), run, ourUid);
    }

    private LinuxServices services(int ourUid) throws IOException {
        return new LinuxServices(new ProcFs(proc), systemctl(ourUid), run);
    }

    private ProcessId id(long pid) throws IOException {
        return new ProcFs(proc).processId(pid).orElseThrow();
    }

    private List<String> calls() throws IOException {
        Path f = units.resolve("calls");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    @Test
    void aSystemServiceIsRecordedByItsUnit() throws Exception {
        assertEquals(Optional.of(ServiceUnit.system("app.service")), services(0).of(id(4242)));
    }

    @Test
    void aUsersServiceIsRecordedWithTheUserWhoseManagerRunsIt() throws Exception {
        ServiceUnit s = services(0).of(id(4343)).orElseThrow();

        assertEquals("app.service", s.name());
        AppOwner alice = s.user().orElseThrow();
        assertEquals(List.of("1000", "1000"), List.of(alice.user(), alice.group()));
        assertFalse(alice.environment().containsKey("SECRET"), "only the session-locating variables are kept");
        assertEquals("app.service (user 1000)", s.toString());
    }

    @Test
    void whatASessionNeverStopsOrDoesNotStopThroughSystemdIsNotRecorded() throws Exception {
        LinuxServices s = services(0);
        assertEquals(Optional.empty(), s.of(id(4444)), "dbus is on the never-restart list");
        assertEquals(Optional.empty(), s.of(id(4545)), "another uid inside alice's manager");
        assertEquals(Optional.empty(), s.of(id(4646)), "a login session's scope is no service");
        assertEquals(Optional.empty(), s.of(new ProcessId(4242, id(4242).startTime().plusSeconds(1))), "pid reused");
        Files.delete(run.resolve("systemd/system"));
        assertEquals(Optional.empty(), s.of(id(4242)), "without systemd a service is signalled, not stopped by its unit");
    }

    @Test
    void aStoppedServiceIsStartedOnceAndOneThatIsUpIsLeftAlone() throws Exception {
        LinuxServices s = services(0);

        ServiceStart first = s.start(ServiceUnit.system("app.service"));
        ServiceStart again = s.start(ServiceUnit.system("app.service"));

        assertFalse(first.alreadyRunning());
        assertEquals(Optional.of(id(4242)), first.mainProcess());
        assertTrue(again.alreadyRunning());
        assertEquals(1, calls().stream().filter(c -> c.contains("start")).count(), calls().toString());
        assertTrue(calls().contains("--no-pager --no-ask-password start -- app.service"), calls().toString());
    }

    @Test
    void aUsersServiceGoesThroughThatUsersManager() throws Exception {
        Files.createDirectories(run.resolve("user/1000"));
        Files.writeString(run.resolve("user/1000/bus"), "");
        ServiceUnit alices = new ServiceUnit("app.service", new AppOwner("1000", "1000", "/run/user/1000/rmkit", Map.of()));

        services(1000).start(alices);

        assertTrue(calls().contains("--user --no-pager --no-ask-password start -- app.service"), calls().toString());
    }

    @Test
    void aUsersServiceWhoseManagerIsNotRunningIsNotStartedAndTheErrorSaysWhy() throws Exception {
        ServiceUnit alices = new ServiceUnit("app.service", new AppOwner("1000", "1000", "/run/user/1000/rmkit", Map.of()));

        RmException e = assertThrows(RmException.class, () -> services(0).start(alices));

        assertTrue(e.getMessage().contains("service manager of uid 1000 is not running"), e.getMessage());
        assertEquals(List.of(), calls());
    }

    @Test
    void aServiceThatFailsToStartIsAnErrorInSystemdsWords() throws Exception {
        Files.writeString(units.resolve("app.service.fails"), "");

        RmException e = assertThrows(RmException.class, () -> services(0).start(ServiceUnit.system("app.service")));

        assertTrue(e.getMessage().contains("Job for app.service failed because the control process exited"), e.getMessage());
        assertTrue(e.getMessage().contains("(now failed/x)"), e.getMessage());
    }

    @Test
    void aRecordThatNamesNoServiceUnitIsRefused() throws Exception {
        LinuxServices s = services(0);
        for (ServiceUnit bad : List.of(ServiceUnit.system("app.socket"), ServiceUnit.system("../x.service"),
                ServiceUnit.system("x\n.service"), new ServiceUnit("app.service", new AppOwner("alice", "1000", "/r", Map.of())))) {
            assertThrows(RmException.class, () -> s.start(bad), bad.toString());
        }
        assertEquals(List.of(), calls());
    }
}
