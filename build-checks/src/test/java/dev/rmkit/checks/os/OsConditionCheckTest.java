package dev.rmkit.checks.os;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The windows-latest CI job runs every test not disabled on Windows. A test that reads /proc, runs a
 * POSIX tool or launcher, uses POSIX permissions, Unix sockets or the Linux backend, without an OS
 * condition, would turn that job red for a reason that says nothing about Windows: this fails the
 * build first, on Linux, naming the file and line (rules: {@link OsRule}, {@link PosixFacilities}).
 */
class OsConditionCheckTest {

    static final String HOW_TO_FIX = """
            Annotate the test class (or the test method) with
                @EnabledOnOs(value = OS.LINUX, disabledReason = "<what it needs: /proc, setpriv, the Linux backend...>")
            (imports org.junit.jupiter.api.condition.EnabledOnOs and org.junit.jupiter.api.condition.OS),
            or skip it before that line with an assumption that names the tool or the OS, e.g.
                assumeTrue(onPath("xorriso"), "xorriso is not installed")
            A helper class (no tests) may use these freely; then the tests that use the helper need the condition.
            """;

    @Test
    void everyTestThatNeedsLinuxOrPosixSaysSo() {
        OsRule rule = OsRule.ofRepository();
        assertTrue(rule.units.size() > 100, "scanned only " + rule.units.size() + " test sources under " + rule.root);
        List<OsRule.Finding> findings = rule.findings();
        if (!findings.isEmpty()) {
            fail(message(findings));
        }
    }

    @Test
    void aTearDownSurvivesASetUpThatWasSkipped() {
        List<TeardownRule.Finding> findings = TeardownRule.check(OsRule.ofRepository());
        if (!findings.isEmpty()) {
            fail(findings.size() + " tear-down(s) would throw after an aborted set-up and turn a skip into an error:\n  "
                    + String.join("\n  ", findings.stream().map(Object::toString).toList()));
        }
    }

    static String message(List<OsRule.Finding> findings) {
        Map<String, Map<Long, StringBuilder>> byFile = new LinkedHashMap<>();
        for (OsRule.Finding f : findings) {
            StringBuilder line = byFile.computeIfAbsent(f.file(), k -> new TreeMap<>())
                    .computeIfAbsent(f.line(), k -> new StringBuilder("[" + f.member() + "]"));
            line.insert(line.lastIndexOf("["), f.what() + "; ");
        }
        StringBuilder m = new StringBuilder(findings.size() + " use(s) of Linux/POSIX facilities in test code would run on"
                + " Windows (the windows-latest CI job; docs/windows.md):\n");
        byFile.forEach((file, lines) -> {
            m.append("  ").append(file).append('\n');
            lines.forEach((n, text) -> m.append("    line ").append(n).append(": ").append(text).append('\n'));
        });
        return m.append(HOW_TO_FIX).toString();
    }
}
