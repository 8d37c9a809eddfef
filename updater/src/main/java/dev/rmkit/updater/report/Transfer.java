package dev.rmkit.updater.report;

import java.util.List;
import java.util.Objects;

/**
 * What staging fetched: whole files and patches, against what whole files alone would have cost.
 * A patch that could not be used falls back to the whole file silently for the user and visibly here.
 *
 * @param bytesFetched bytes downloaded by this run (patches and whole files; a resumed download counts
 *     only what arrived now)
 * @param bytesWhole what downloading every staged file whole would have cost
 * @param bytesSaved {@code bytesWhole - bytesFetched} (negative when a fetched patch failed and the whole
 *     file came too)
 * @param patchesUsed paths staged from a patch
 * @param patchesRefused paths whose patches were not used, with the reason
 */
public record Transfer(long bytesFetched, long bytesWhole, long bytesSaved, List<String> patchesUsed,
        List<Refusal> patchesRefused) {
    public static final Transfer NONE = new Transfer(0, 0, 0, List.of(), List.of());

    public Transfer {
        patchesUsed = List.copyOf(patchesUsed == null ? List.of() : patchesUsed);
        patchesRefused = List.copyOf(patchesRefused == null ? List.of() : patchesRefused);
    }

    /** A file whose patches were not used, and why. */
    public record Refusal(String path, String reason) {
        public Refusal {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
