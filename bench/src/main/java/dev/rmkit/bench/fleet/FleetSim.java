package dev.rmkit.bench.fleet;

import dev.rmkit.updater.auto.Triggers;
import dev.rmkit.updater.manifest.Rollout;
import dev.rmkit.updater.policy.MaintenanceWindow;
import dev.rmkit.updater.policy.Policy;
import dev.rmkit.updater.policy.RebootRule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The fleet simulation (issue 15): {@code --installs N} installs (default 1,000) of desktops, laptops
 * that are switched off at night and at weekends, laptops that go away for a holiday, and servers, in
 * four time zones, each with a random mix of idle and busy cooperating apps, follow one policy through
 * a staged rollout, driven by the real decision engine and scheduler model under an injected clock.
 * No sleeping: a simulated fortnight takes seconds. Prints the per-day table and the goals, for
 * docs/performance.md. Deterministic for a given {@code --seed}.
 */
public final class FleetSim {

    static final Instant START = Instant.parse("2026-11-23T00:00:00Z"); // a Monday
    static final String SALT = "5eed0f1ee7ba11ad";
    static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Tokyo"), ZoneId.of("UTC"));

    private FleetSim() {}

    public static void main(String[] args) {
        int installs = 1000;
        long seed = 15;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--installs" -> installs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("FleetSim [--installs N] [--seed S], not " + args[i]);
            }
        }
        Result r = run(installs, seed);
        System.out.print(r.table());
    }

    /** The policy every install follows, in its machine's time zone. */
    static Policy policy(ZoneId zone) {
        return Policy.defaults("https://updates.example.com/burner/stable/manifest.json", zone)
                .withWindows(List.of(new MaintenanceWindow(Set.of(), 60, 300)))
                .withReboot(RebootRule.AT_DEADLINE).withOnAcPower(true);
    }

    /** The publisher raises the rollout: 10% on day 0, 50% on day 1, everyone from day 2. */
    static Rollout rollout(Instant t) {
        long day = Duration.between(START, t).toDays();
        return new Rollout(day < 1 ? 10 : day < 2 ? 50 : 100, SALT, false);
    }

    static Result run(int count, long seed) {
        int days = 12;
        Instant end = START.plus(Duration.ofDays(days));
        Random r = new Random(seed);
        Tally tally = new Tally(START, days);
        List<SimInstall> fleet = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
            int k = r.nextInt(100);
            Machine.Kind kind = k < 45 ? Machine.Kind.DESKTOP : k < 85 ? Machine.Kind.LAPTOP
                    : k < 90 ? Machine.Kind.ABSENT_LAPTOP : Machine.Kind.SERVER;
            Machine m = new Machine(kind, zone, START, end, r);
            List<App> apps = new ArrayList<>();
            if (kind != Machine.Kind.SERVER) {
                for (int a = r.nextInt(4); a > 0; a--) {
                    apps.add(new App(App.Kind.values()[r.nextInt(App.Kind.values().length)], zone, START, end, r));
                }
            }
            byte[] id = new byte[16];
            r.nextBytes(id);
            fleet.add(new SimInstall(HexFormat.of().formatHex(id), m, apps, r.nextInt(100) < 15, policy(zone), START));
        }
        for (SimInstall i : fleet) {
            Policy p = i.policy;
            long spread = p.checkSpread().toMillis();
            // Timers were registered at random moments before the release.
            Instant t = START.plusMillis((long) (r.nextDouble() * p.checkEvery().toMillis()) + (long) (r.nextDouble() * spread));
            while (t.isBefore(end)) {
                if (!i.machine.online(t)) {
                    Optional<Instant> boot = i.machine.nextBoot(t);
                    if (boot.isEmpty()) {
                        break;
                    }
                    // OnActiveSec=2min after the boot (and Persistent= for a missed window), plus the spread.
                    t = boot.get().plus(Duration.ofMinutes(2)).plusMillis((long) (r.nextDouble() * spread));
                    continue;
                }
                i.run(t, rollout(t), tally);
                t = Triggers.nextRun(p, t).plusMillis((long) (r.nextDouble() * spread));
            }
        }
        return new Result(fleet, tally);
    }

    /** The fleet after the simulation, and its table. */
    record Result(List<SimInstall> fleet, Tally tally) {

        /** Installs whose deadline + grace passed while they were on, or within one check after. */
        List<SimInstall> onlineAtGraceEnd() {
            return fleet.stream().filter(i -> i.forceAt().isPresent() && online(i, i.forceAt().get())).toList();
        }

        private static boolean online(SimInstall i, Instant forceAt) {
            Duration check = i.policy.checkEvery().plus(i.policy.checkSpread());
            for (Instant t = forceAt; !t.isAfter(forceAt.plus(check)); t = t.plus(Duration.ofMinutes(5))) {
                if (i.machine.online(t)) {
                    return true;
                }
            }
            return false;
        }

        long updatedBy(List<SimInstall> set, Duration afterGrace) {
            return set.stream().filter(i -> i.updated()
                    && !i.updatedAt.isAfter(i.forceAt().orElseThrow().plus(afterGrace))).count();
        }

        String table() {
            Tally t = tally;
            int n = fleet.size();
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "| day | rollout | offered | staged | updated | deferrals | warned apps "
                    + "| apps force-closed | policy reboots | finished at the user's boot |%n"));
            sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            int offered = 0;
            int staged = 0;
            int updated = 0;
            for (int d = 0; d < t.days; d++) {
                offered += t.offered[d];
                staged += t.staged[d];
                updated += t.updated[d];
                sb.append(String.format(Locale.ROOT, "| %d | %d%% | %.1f%% | %.1f%% | %.1f%% | %d | %d | %d | %d | %d |%n", d,
                        rollout(START.plus(Duration.ofDays(d)).plusSeconds(1)).percent(), 100.0 * offered / n,
                        100.0 * staged / n, 100.0 * updated / n, t.deferrals[d], t.warned[d], t.forcedApps[d],
                        t.policyReboots[d], t.userBoots[d]));
            }
            List<SimInstall> online = onlineAtGraceEnd();
            Duration oneCheck = fleet.get(0).policy.checkEvery().plus(fleet.get(0).policy.checkSpread());
            long byGrace = updatedBy(online, Duration.ZERO);
            long byGraceAndCheck = updatedBy(online, oneCheck);
            sb.append(String.format(Locale.ROOT, "%nInstalls: %d (%d desktops, %d laptops, %d laptops away for a holiday, "
                    + "%d servers); %d need a reboot to finish.%n", n, count(Machine.Kind.DESKTOP), count(Machine.Kind.LAPTOP),
                    count(Machine.Kind.ABSENT_LAPTOP), count(Machine.Kind.SERVER), fleet.stream().filter(i -> i.needsReboot).count()));
            sb.append(String.format(Locale.ROOT, "Apps force-closed before their deadline: %d (goal 0); before deadline + grace: %d.%n",
                    t.forcedBeforeDeadline, t.forcedBeforeGraceEnd));
            sb.append(String.format(Locale.ROOT, "Apps force-closed (or rebooted) with no notice of the forced close before: %d.%n",
                    t.forcedWithoutNotice));
            sb.append(String.format(Locale.ROOT, "Reboots outside the maintenance windows or grace: %d (goal 0).%n",
                    t.rebootsOutsideWindowOrGrace));
            sb.append(String.format(Locale.ROOT, "Updated by deadline + grace: %d of %d installs online then (%.1f%%); "
                    + "by the first check after it (%s later): %d (%.1f%%) (goal: at least 99%%).%n", byGrace, online.size(),
                    100.0 * byGrace / online.size(), dev.rmkit.updater.Durations.format(oneCheck), byGraceAndCheck,
                    100.0 * byGraceAndCheck / online.size()));
            sb.append(String.format(Locale.ROOT, "Not updated at the end of day %d: %d (of them %d were off from deadline + grace on).%n",
                    t.days - 1, fleet.stream().filter(i -> !i.updated()).count(),
                    fleet.stream().filter(i -> !i.updated() && !online.contains(i)).count()));
            return sb.toString();
        }

        private long count(Machine.Kind k) {
            return fleet.stream().filter(i -> i.machine.kind == k).count();
        }
    }
}
