package dev.rmkit.checks.os;

import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The rule: in a test source, every use of a Linux or POSIX facility must be protected from running on
 * Windows. A helper file (a file without tests) may use them freely; then every place a test uses
 * that helper counts as a use, so a helper only used by protected tests passes.
 */
final class OsRule {

    /** A use that would run on Windows: file, line, what it needs, and the member it is in. */
    record Finding(String file, long line, String what, String member) {}

    final Path root;
    final List<UnitIndex> units;
    final Guards guards;
    /** Helper files' classes (fully qualified) that use a facility unprotected, with the first such use. */
    final Map<String, UnitIndex.Use> tainted = new LinkedHashMap<>();
    private final Map<UnitIndex, List<UnitIndex.Use>> uses = new HashMap<>();

    OsRule(Path root, List<TestSources.Unit> sources) {
        this.root = root;
        Set<String> launchers = launchers(root);
        this.units = sources.stream().map(s -> new UnitIndex(s, launchers)).toList();
        this.guards = new Guards(units);
        units.forEach(u -> uses.put(u, new ArrayList<>(OWN_PACKAGE.equals(u.pkg) ? List.of() : u.uses)));
        taint();
    }

    /** Scans the repository's test sources. */
    static OsRule ofRepository() {
        Path root = TestSources.root();
        return new OsRule(root, TestSources.parse(root));
    }

    /** This rule's own sources name every tool as data. */
    private static final String OWN_PACKAGE = OsRule.class.getPackageName();

    /** Every use in a test file that is not protected, in file and line order. */
    List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        for (UnitIndex u : units) {
            if (u.isHelper()) {
                continue;
            }
            Set<String> seen = new TreeSet<>();
            for (UnitIndex.Use use : uses.get(u)) {
                if (guards.of(u, use.path()) == Guards.Guard.NONE && seen.add(use.line() + " " + use.what())) {
                    out.add(new Finding(u.unit.where(root), use.line(), use.what(), where(use.path())));
                }
            }
        }
        out.sort(Comparator.comparing(Finding::file).thenComparingLong(Finding::line).thenComparing(Finding::what));
        return out;
    }

    private void taint() {
        Map<String, UnitIndex> helpers = new HashMap<>();
        for (UnitIndex u : units) {
            if (u.isHelper()) {
                u.topLevel.forEach(n -> helpers.put(u.qualified(n), u));
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (UnitIndex u : units) {
                if (!u.isHelper() || u.topLevel.stream().anyMatch(n -> tainted.containsKey(u.qualified(n)))) {
                    continue;
                }
                Optional<UnitIndex.Use> open = uses.get(u).stream().filter(x -> guards.of(u, x.path()) == Guards.Guard.NONE).findFirst();
                if (open.isPresent()) {
                    u.topLevel.forEach(n -> tainted.put(u.qualified(n), open.get()));
                    addReferences(helpers);
                    grew = true;
                }
            }
        }
    }

    /** Every name in every file that refers to a tainted helper of another file becomes a use there. */
    private void addReferences(Map<String, UnitIndex> helpers) {
        for (UnitIndex u : units) {
            uses.get(u).removeIf(x -> x.what().startsWith("uses helper "));
            for (TreePath name : u.names) {
                String text = name.getLeaf() instanceof MemberSelectTree m ? m.toString() : name.getLeaf().toString();
                Optional<String> fqn = tainted.containsKey(text) ? Optional.of(text) : u.resolve(text, tainted.keySet());
                if (fqn.isPresent() && helpers.get(fqn.get()) != u) {
                    UnitIndex.Use why = tainted.get(fqn.get());
                    String simple = fqn.get().substring(fqn.get().lastIndexOf('.') + 1);
                    uses.get(u).add(new UnitIndex.Use(u, name, "uses helper " + simple + ", which " + why.what() + " at "
                            + why.at().unit.file().getFileName() + ":" + why.line()));
                }
            }
        }
    }

    private static String where(TreePath p) {
        UnitIndex.Context c = UnitIndex.context(p);
        String cls = c.classes().isEmpty() ? "?" : c.classes().get(c.classes().size() - 1).getSimpleName().toString();
        if (c.method() == null) {
            return "field or initializer of " + cls + ": annotate the class";
        }
        String kind = OsAnnotations.isTest(c.method()) ? "test " : OsAnnotations.isLifecycle(c.method()) ? "set-up/tear-down " : "helper ";
        return kind + cls + "." + c.method().getName() + "()";
    }

    /** The repository's POSIX launchers: the files in {@code bin/} without an extension ({@code .cmd} is Windows'). */
    private static Set<String> launchers(Path root) {
        Path bin = root.resolve("bin");
        if (!Files.isDirectory(bin)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(bin)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.contains(".")).collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
