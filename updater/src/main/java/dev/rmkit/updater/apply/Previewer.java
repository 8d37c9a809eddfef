package dev.rmkit.updater.apply;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.ManifestPolicy;
import dev.rmkit.updater.plan.Plan;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code updater plan}: what apply would do, with the same verification and policy, changing
 * nothing (not even pinning a {@code --trust} key).
 */
public final class Previewer {

    private Previewer() {}

    public static Plan preview(UpdaterContext ctx, String manifest, Path installDir, Optional<Path> trustKey,
            boolean allowDowngrade) throws UpdateException {
        return preview(ctx, ReleaseSource.manifest(manifest), installDir, trustKey, allowDowngrade);
    }

    public static Plan preview(UpdaterContext ctx, ReleaseSource source, Path installDir, Optional<Path> trustKey,
            boolean allowDowngrade) throws UpdateException {
        Manifests.checkInstallDir(installDir);
        InstallLayout layout = new InstallLayout(installDir);
        LoadedManifest loaded = Manifests.load(ctx, source, layout, trustKey, false);
        Optional<InstalledState> installed = Manifests.installed(layout);
        Optional<ManifestPolicy.Installed> view = installed.map(Manifests::policyView);
        Plan plan = Manifests.plan(layout, loaded.manifest(), installed);
        if (!(ManifestPolicy.isInstalledRelease(loaded.manifest(), view) && plan.isEmpty())) {
            ManifestPolicy.checkAgainstInstalled(loaded.manifest(), view, allowDowngrade);
        }
        return plan;
    }
}
