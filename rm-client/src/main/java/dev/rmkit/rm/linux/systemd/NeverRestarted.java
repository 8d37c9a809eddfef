package dev.rmkit.rm.linux.systemd;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The services an updater must never stop and start by itself, because stopping them ends far more
 * than the service: the message bus, the login manager, a display manager (every graphical session),
 * the gettys (console logins), a user's whole service manager, networking (the connection the admin
 * works through), and the rescue targets. The list follows needrestart's defaults
 * ({@code override_rc} in its {@code needrestart.conf}). A holder in one of them makes the update wait
 * for a reboot instead, naming the unit.
 */
public final class NeverRestarted {

    private record Rule(Pattern unit, String why) {}

    private static final List<Rule> RULES = List.of(
            rule("dbus(-broker)?\\.service", "the message bus: every D-Bus client would lose its connection"),
            rule("(systemd-logind|elogind)\\.service", "the login manager: every session depends on it"),
            rule("(gdm3?|kdm|nodm|sddm|wdm|xdm|lightdm|slim|lxdm|display-manager)\\.service",
                    "a display manager: restarting it ends every graphical session"),
            rule("(getty|serial-getty|container-getty|console-getty)(@.*)?\\.service",
                    "a login terminal: restarting it ends the session on it"),
            rule("user@\\d+\\.service", "a user's service manager: restarting it stops all of that user's services"),
            rule("(NetworkManager|ModemManager|wpa_supplicant|systemd-networkd|networking|network|bluetooth)\\.service",
                    "networking: restarting it may cut the connection the update runs over"),
            rule("(openvpn|strongswan|libreswan|openswan|freeswan)(@.*)?\\.service",
                    "a VPN: restarting it may cut the connection the update runs over"),
            rule("(emergency|rescue)\\.service", "a rescue shell"),
            rule("(docker|containerd|libvirtd|virtlogd|virtlockd|lxcfs)\\.service",
                    "a container or VM host: restarting it stops what runs in it"));

    private NeverRestarted() {}

    private static Rule rule(String regex, String why) {
        return new Rule(Pattern.compile(regex), why);
    }

    /** Why {@code unit} must not be restarted by an updater, or empty if it may be. */
    public static Optional<String> reason(String unit) {
        return RULES.stream().filter(r -> r.unit().matcher(unit).matches()).map(Rule::why).findFirst();
    }
}
