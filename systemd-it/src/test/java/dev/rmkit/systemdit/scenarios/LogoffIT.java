package dev.rmkit.systemdit.scenarios;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.systemdit.apps.LogoffDriver;
import dev.rmkit.systemdit.container.RmkitApps;
import dev.rmkit.systemdit.fixture.Box;
import dev.rmkit.systemdit.fixture.BoxScenario;
import dev.rmkit.systemdit.fixture.Burners;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Issue 14, behaviour 4: a logoff asks the user's cooperating apps first, like Windows'
 * WM_QUERYENDSESSION with ENDSESSION_LOGOFF. Alice has a real logind session (opened through PAM) in
 * which her burner runs; a program in the same session logs off through rm-client. A burning burner
 * refuses and the session stays; an idle one saves its state and the session ends through logind.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "a systemd-nspawn container of Linux (skipped with the reason where it cannot run)")
class LogoffIT extends BoxScenario {

    static final String HOME = "/home/alice";

    Burners burners;

    @BeforeEach
    void aliceLoggedInWithHerBurner(org.junit.jupiter.api.TestInfo test) throws Exception {
        box = Box.boot("logoff: " + test.getDisplayName(), tmp);
        burners = new Burners(box);
        burners.publish(tmp, "1.0");
        box.install(Burners.INSTALL);
        box.sh("useradd -m -u 1000 alice && install -d -o alice -g alice " + HOME + "/burn " + HOME + "/burn/inbox");
        box.c.copyIn(RmkitApps.classesOf(LogoffDriver.class), "/opt/rmkit/it-classes");
        String burn = HOME + "/burn";
        box.c.write(HOME + "/session.sh", "#!/bin/sh\n"
                + "java -Xshare:auto -XX:TieredStopAtLevel=1 -jar " + Burners.INSTALL + "/burner.jar start --disc " + burn
                + "/disc.iso --inbox " + burn + "/inbox --progress none --poll 50 --speed 1x --log " + burn + "/burner.log &\n"
                + "while [ ! -e " + HOME + "/logoff ]; do sleep 0.1; done\n"
                + "java -Xshare:auto -XX:TieredStopAtLevel=1 -cp '/opt/rmkit/it-classes:/opt/rmkit/updater/target/lib/*' "
                + LogoffDriver.class.getName() + " > " + HOME + "/logoff.out 2>&1\n"
                + "echo \"exit $?\" >> " + HOME + "/logoff.out\n"
                + "exec sleep infinity\n");
        box.sh("chmod 755 " + HOME + "/session.sh && systemd-run --quiet --uid=alice -p PAMName=login --unit=alice-login "
                + "--working-directory=" + burn + " -- " + HOME + "/session.sh");
        burners.awaitLog("alice", "^ready: pid \\d+", Duration.ofSeconds(60));
        assertTrue(sessions().contains("alice"), sessions());
    }

    private String sessions() {
        return box.sh("loginctl list-sessions --no-legend");
    }

    private void logOff() {
        box.sh("touch " + HOME + "/logoff");
    }

    @Test
    void aBurningAppRefusesAndTheSessionStays() {
        // Long enough (about 30 s at 1x) to be burning when the logoff asks, however slowly the machine starts the JVM.
        burners.drop("alice", "photos", "Photos", 4_500_000);
        burners.awaitLog("alice", "^job photos: burning session 1 ", Duration.ofSeconds(60));

        logOff();
        Box.await(() -> box.read(HOME + "/logoff.out").contains("exit "), Duration.ofSeconds(60), "the logoff's answer");

        String out = box.read(HOME + "/logoff.out");
        assertTrue(out.matches("(?s).*not logging off: an application refused to end its session - burner \\(pid \\d+\\): "
                + "Burning session 1 of 'Photos' \u2014 \\d+%.*exit 1"), out);
        assertTrue(sessions().contains("alice"), "the session stays: " + sessions());
        assertTrue(burners.log("alice").stream().anyMatch(l -> l.startsWith("end-session query [LOGOFF]: refused")),
                burners.log("alice").toString());
        assertTrue(box.c.run("pgrep", "-u", "alice", "-f", "burner.jar start").exit() == 0, "the burner burns on");
        assertTrue(burners.log("alice").stream().noneMatch(l -> l.startsWith("job photos: stopped")), burners.log("alice").toString());
    }

    @Test
    void anIdleAppSavesItsStateAndTheSessionEndsThroughLogind() {
        // The session script only sleeps after the logoff program: the session can only end by logind ending it.
        logOff();
        Box.await(() -> !sessions().contains("alice"), Duration.ofSeconds(60), "alice's session to end");

        assertTrue(burners.log("alice").contains("end-session query [LOGOFF]: allowed (idle)"), burners.log("alice").toString());
        assertTrue(burners.log("alice").stream().anyMatch(l -> l.startsWith("end of session [LOGOFF]: state saved to ")),
                burners.log("alice").toString());
        Box.await(() -> box.c.run("pgrep", "-u", "alice", "java").text().isEmpty(), Duration.ofSeconds(60),
                "the burner and the logoff program to be gone");
        String out = box.read(HOME + "/logoff.out");
        assertTrue(out.startsWith("logging off") && !out.contains("not logging off"), out);
    }
}
