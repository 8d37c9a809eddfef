package dev.rmkit.updater.cli;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apply.Previewer;
import dev.rmkit.updater.install.StateJson;
import dev.rmkit.updater.plan.ChangeKind;
import dev.rmkit.updater.plan.FileChange;
import dev.rmkit.updater.plan.Plan;
import dev.rmkit.rm.console.SafeText;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code updater plan}: what apply would add, replace and remove. Changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Verifies a manifest like apply and prints what apply would add, replace and remove. Changes nothing.")
public final class PlanCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ManifestOptions target;

    private final UpdaterContext ctx;

    public PlanCommand(UpdaterContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws UpdateException {
        Plan plan = Previewer.preview(ctx, target.release(), target.installDir, target.trustKey(), target.allowDowngrade);
        PrintWriter out = spec.commandLine().getOut();
        if (target.json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("fromVersion", plan.fromVersion());
            o.put("toVersion", plan.toVersion());
            for (ChangeKind k : ChangeKind.values()) {
                o.put(k.name().toLowerCase(Locale.ROOT), plan.of(k).stream().map(FileChange::path).toList());
            }
            out.println(StateJson.line(o));
        } else {
            out.println("plan: " + (plan.fromVersion().isEmpty() ? "(fresh install)" : plan.fromVersion()) + " -> "
                    + plan.toVersion() + ": " + plan.of(ChangeKind.ADD).size() + " to add, "
                    + plan.of(ChangeKind.REPLACE).size() + " to replace, " + plan.of(ChangeKind.REMOVE).size()
                    + " to remove, " + plan.of(ChangeKind.UNCHANGED).size() + " unchanged");
            for (FileChange c : plan.effective()) {
                out.println("  " + c.kind().name().toLowerCase(Locale.ROOT) + " " + SafeText.field(c.path()));
            }
        }
        out.flush();
        return 0;
    }
}
