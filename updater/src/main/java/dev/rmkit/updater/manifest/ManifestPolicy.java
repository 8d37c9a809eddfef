package dev.rmkit.updater.manifest;

import dev.rmkit.updater.UpdateException;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a verified manifest may be applied to what is installed: same product, same channel
 * (a signed manifest for another product is still the wrong software), and a newer version, so a
 * replayed old manifest cannot roll the install back (TUF's rollback attack). An install that went back on
 * purpose (rollback) remembers the newest version it ran, and manifests older than that stay refused.
 */
public final class ManifestPolicy {
    private ManifestPolicy() {}

    /**
     * What the install says it is.
     *
     * @param rolledBackFrom the newest version it has run, when it went back from it on purpose (rollback,
     *     downgrade); empty otherwise
     */
    public record Installed(String product, String channel, String version, String rolledBackFrom) {
        public Installed {
            Objects.requireNonNull(product, "product");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(rolledBackFrom, "rolledBackFrom");
        }

        /** An install that never went back. */
        public Installed(String product, String channel, String version) {
            this(product, channel, version, "");
        }
    }

    /**
     * Product and channel must match the installed ones; the version must be newer (see {@link
     * Versions}) unless {@code allowDowngrade}, which also permits re-applying the installed version.
     * {@code installed} empty means a fresh install: anything goes. Throws Rejected naming the reason.
     */
    public static void checkAgainstInstalled(Manifest m, Optional<Installed> installed, boolean allowDowngrade)
            throws UpdateException {
        if (installed.isEmpty()) {
            return;
        }
        Installed i = installed.get();
        if (!m.product().equals(i.product())) {
            throw new UpdateException.Rejected("wrong product: the manifest is for '" + m.product()
                    + "', the install is '" + i.product() + "'");
        }
        if (!m.channel().equals(i.channel())) {
            throw new UpdateException.Rejected("wrong channel: the manifest is for channel '" + m.channel()
                    + "', the install follows '" + i.channel() + "'");
        }
        if (!Versions.isValid(i.version())) {
            throw new UpdateException.Rejected("the installed version '" + i.version() + "' is not a valid version");
        }
        if (!allowDowngrade && Versions.compare(m.version(), i.version()) <= 0) {
            throw new UpdateException.Rejected("version " + m.version() + " is not newer than the installed "
                    + i.version() + " (use --allow-downgrade to go back)");
        }
        if (!allowDowngrade && !i.rolledBackFrom().isEmpty() && Versions.isValid(i.rolledBackFrom())
                && Versions.compare(m.version(), i.rolledBackFrom()) < 0) {
            throw new UpdateException.Rejected("version " + m.version() + " is older than " + i.rolledBackFrom()
                    + ", which this install ran before it went back to " + i.version() + " on purpose; an older"
                    + " manifest is refused as a replay (use --allow-downgrade to install it anyway)");
        }
    }

    /**
     * What installed.json records as {@code rolledBackFrom} once {@code newVersion} is installed: the newest
     * version the install has run, if that is newer than {@code newVersion}, else nothing. So a rollback or
     * a downgrade keeps the floor below which manifests are refused, and going forward past it clears it.
     */
    public static String rolledBackFrom(Installed before, String newVersion) {
        String newest = before.version();
        if (Versions.isValid(before.rolledBackFrom()) && Versions.isValid(newest)
                && Versions.compare(before.rolledBackFrom(), newest) > 0) {
            newest = before.rolledBackFrom();
        }
        return Versions.isValid(newest) && Versions.compare(newest, newVersion) > 0 ? newest : "";
    }

    /** Whether {@code m} is exactly the installed release (same product, channel and version). */
    public static boolean isInstalledRelease(Manifest m, Optional<Installed> installed) {
        return installed.isPresent()
                && m.product().equals(installed.get().product())
                && m.channel().equals(installed.get().channel())
                && Versions.isValid(installed.get().version())
                && Versions.compare(m.version(), installed.get().version()) == 0;
    }
}
