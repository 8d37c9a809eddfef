package dev.rmkit.rm.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CgroupUnitTest {

    @Test
    void systemServiceFromCgroupV2() {
        assertEquals(Optional.of("nginx.service"), CgroupUnit.serviceUnit("0::/system.slice/nginx.service\n"));
    }

    @Test
    void userServiceInsideTheUserManager() {
        assertEquals(Optional.of("burner.service"), CgroupUnit.serviceUnit(
                "0::/user.slice/user-1000.slice/user@1000.service/app.slice/burner.service\n"));
        assertEquals(Optional.of("user@1000.service"), CgroupUnit.serviceUnit(
                "0::/user.slice/user-1000.slice/user@1000.service/init.scope\n"));
    }

    @Test
    void aUserServiceIsRunByItsUsersManagerAndTheManagerItselfByTheSystem() {
        assertEquals(Optional.of(new CgroupUnit.Unit("burner.service", Optional.of(1000))), CgroupUnit.unit(
                "0::/user.slice/user-1000.slice/user@1000.service/app.slice/burner.service\n"));
        assertEquals(Optional.of(new CgroupUnit.Unit("user@1000.service", Optional.empty())), CgroupUnit.unit(
                "0::/user.slice/user-1000.slice/user@1000.service/init.scope\n"));
        assertEquals(Optional.of(new CgroupUnit.Unit("nginx.service", Optional.empty())),
                CgroupUnit.unit("0::/system.slice/nginx.service\n"));
    }

    @Test
    void loginSessionsAndInitAreNotServices() {
        assertEquals(Optional.empty(), CgroupUnit.serviceUnit("0::/user.slice/user-1000.slice/session-3.scope\n"));
        assertEquals(Optional.empty(), CgroupUnit.serviceUnit("0::/init.scope\n"));
    }

    /**
     * An app in a scope of a user's manager (what {@code systemd-run --user --scope} makes, the way
     * rm-client restarts a user's app, and where desktops start every app) is in a unit of its own,
     * not in the manager's service: it is an app to ask and close, not a never-restarted service.
     */
    @Test
    void anAppInAScopeOfAUsersManagerIsNotTheManagersService() {
        assertEquals(Optional.empty(), CgroupUnit.unit(
                "0::/user.slice/user-1000.slice/user@1000.service/app.slice/run-r3f1c2a9d.scope\n"));
        assertEquals(Optional.empty(), CgroupUnit.unit(
                "0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-org.gnome.Terminal-4242.scope\n"));
        assertEquals(Optional.empty(), CgroupUnit.unit("0::/system.slice/run-r77.scope\n"));
        assertEquals(Optional.of(new CgroupUnit.Unit("foo.service", Optional.empty())),
                CgroupUnit.unit("0::/system.slice/foo.service/payload\n"), "a delegated service's own sub-group is the service");
    }

    @Test
    void cgroupV1NameSystemdLine() {
        assertEquals(Optional.of("cron.service"), CgroupUnit.serviceUnit(
                "12:pids:/system.slice/cron.service\n1:name=systemd:/system.slice/cron.service\n0::/\n"));
    }

    @Test
    void hostWithoutSystemdHasNoUnit() {
        assertEquals(Optional.empty(), CgroupUnit.serviceUnit("9:name=systemd:/\n8:pids:/\n0::/\n"));
        assertEquals(Optional.empty(), CgroupUnit.serviceUnit(""));
    }
}
