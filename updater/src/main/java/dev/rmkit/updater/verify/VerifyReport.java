package dev.rmkit.updater.verify;

import java.util.List;
import java.util.Objects;

/**
 * What {@code updater verify} found: each managed file checked against {@code installed.json} (size,
 * SHA-256, execute permission), and the files the install did not create.
 *
 * @param installDir the install
 * @param product installed product
 * @param version installed version
 * @param checked how many managed files were checked
 * @param missing managed files that are not there (or are no longer a regular file)
 * @param changed managed files whose content or mode differs, each with what differs
 * @param unexpected files the updater did not install (user data to the updater; a failure only
 *     with {@code --strict})
 * @param matches whether the install matches its record
 * @param notes further facts (an unfinished update)
 */
public record VerifyReport(String installDir, String product, String version, int checked, List<String> missing,
        List<Changed> changed, List<String> unexpected, boolean matches, List<String> notes) {
    public VerifyReport {
        Objects.requireNonNull(installDir, "installDir");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        missing = List.copyOf(missing);
        changed = List.copyOf(changed);
        unexpected = List.copyOf(unexpected);
        notes = List.copyOf(notes);
    }

    /** A managed file that is there but not as recorded. */
    public record Changed(String path, String difference) {
        public Changed {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(difference, "difference");
        }
    }

    /** The human-readable form: the verdict first, then one line per problem. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(matches ? "ok" : "mismatch").append(": ").append(product).append(' ').append(version).append(", ")
                .append(checked - missing.size() - changed.size()).append(" of ").append(checked)
                .append(" files as installed\n");
        missing.forEach(p -> sb.append("  missing: ").append(p).append('\n'));
        changed.forEach(c -> sb.append("  changed: ").append(c.path()).append(" (").append(c.difference()).append(")\n"));
        unexpected.forEach(p -> sb.append("  unexpected: ").append(p).append('\n'));
        notes.forEach(n -> sb.append("  note: ").append(n).append('\n'));
        return sb.toString();
    }
}
