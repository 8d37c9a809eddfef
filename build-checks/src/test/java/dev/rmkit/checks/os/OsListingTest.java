package dev.rmkit.checks.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writes the dry listing of which tests run on which OS to {@code build-checks/target/os-test-listing.md}
 * (docs/windows.md quotes its totals), and checks it against classes whose place is known.
 */
class OsListingTest {

    @Test
    void listsWhichTestsRunOnLinuxAndWhichOnWindows() throws IOException {
        OsListing listing = new OsListing(OsRule.ofRepository());
        Path out = Files.writeString(Path.of("target", "os-test-listing.md"), listing.markdown());
        System.out.println("dry listing of tests per OS written to " + out.toAbsolutePath() + "\n" + listing.markdown());

        assertEquals(List.of(false), where(listing, "dev.rmkit.rm.windows.OnWindowsTest", true), "Windows-only tests do not run on Linux");
        assertEquals(List.of(true), where(listing, "dev.rmkit.rm.windows.OnWindowsTest", false), "...but do on Windows");
        assertEquals(List.of(false), where(listing, "dev.rmkit.rm.linux.proc.HolderScanTest", false), "/proc tests do not run on Windows");
        assertEquals(List.of(false), where(listing, "dev.rmkit.burner.cli.BurnVerifiedByToolsTest", false),
                "tests that assume xorriso are skipped on Windows");
        assertEquals(List.of(true), where(listing, "dev.rmkit.updater.trust.PemTest", false), "portable tests run on Windows");
        for (OsListing.Totals t : listing.totals()) {
            assertTrue(!t.inDefaultBuild() || t.methods() == 0 || t.linux() > 0, t.toString());
        }
    }

    /** The distinct answers "runs on Linux/Windows" over the methods of {@code testClass}. */
    private static List<Boolean> where(OsListing listing, String testClass, boolean linux) {
        return listing.methods.stream().filter(m -> m.testClass().equals(testClass))
                .map(m -> linux ? m.linux() : m.windows()).distinct().toList();
    }
}
