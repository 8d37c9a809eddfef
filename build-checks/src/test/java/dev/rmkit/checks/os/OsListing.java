package dev.rmkit.checks.os;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dry listing, on any OS, of which test methods run on Linux and which on Windows, by the same
 * conditions JUnit and the build apply there: the OS annotations, evaluated for each OS, and the
 * assumptions that name a tool or the OS (they skip on Windows, where those tools do not exist).
 * Only classes that Surefire ({@code *Test}) or Failsafe ({@code *IT}) pick up count. A parameterized
 * method counts once, whatever its number of invocations.
 */
final class OsListing {

    /** One test method and where it runs. */
    record Method(String module, String testClass, String name, boolean it, boolean linux, boolean windows, String whyNotWindows) {}

    /** Per-module totals. */
    record Totals(String module, boolean inDefaultBuild, int methods, int linux, int windows, int windowsOnly, int linuxOnly) {}

    private static final Pattern SUREFIRE = Pattern.compile("(Test\\w*|\\w*Test|\\w*Tests|\\w*TestCase)");
    private static final Pattern FAILSAFE = Pattern.compile("(IT\\w*|\\w*IT|\\w*ITCase)");

    final List<Method> methods = new ArrayList<>();
    final List<String> defaultModules;

    OsListing(OsRule rule) {
        this.defaultModules = defaultModules(rule.root);
        for (UnitIndex u : rule.units) {
            for (TreePath test : u.tests) {
                UnitIndex.Context c = UnitIndex.context(test);
                String top = c.classes().get(0).getSimpleName().toString();
                boolean unit = SUREFIRE.matcher(top).matches();
                boolean it = FAILSAFE.matcher(top).matches();
                if (!unit && !it || isAbstract(c.classes().get(0))) {
                    continue;
                }
                boolean linux = Guards.enabledOn(OsAnnotations.LINUX, c);
                boolean windowsByAnnotation = Guards.enabledOn(OsAnnotations.WINDOWS, c);
                java.util.Optional<String> assumption = rule.guards.skippingAssumption(u, test);
                boolean assumesOs = assumption.isPresent();
                String why = !windowsByAnnotation ? reason(c) : assumption.map(a -> "skips: " + a.replaceAll("\\s+", " ")).orElse("");
                methods.add(new Method(u.unit.module(), u.pkg + "." + top, ((MethodTree) test.getLeaf()).getName().toString(),
                        it, linux, windowsByAnnotation && !assumesOs, why));
            }
        }
    }

    List<Totals> totals() {
        Map<String, List<Method>> byModule = new TreeMap<>();
        methods.forEach(m -> byModule.computeIfAbsent(m.module(), k -> new ArrayList<>()).add(m));
        List<Totals> out = new ArrayList<>();
        byModule.forEach((module, ms) -> out.add(new Totals(module, defaultModules.contains(module), ms.size(),
                (int) ms.stream().filter(Method::linux).count(), (int) ms.stream().filter(Method::windows).count(),
                (int) ms.stream().filter(m -> m.windows() && !m.linux()).count(),
                (int) ms.stream().filter(m -> m.linux() && !m.windows()).count())));
        return out;
    }

    /** The listing as Markdown: totals per module, then every class with a method that does not run on Windows. */
    String markdown() {
        StringBuilder md = new StringBuilder("| Module | In `./mvnw verify` | Test methods | Run on Linux | Run on Windows |"
                + " Windows only | Linux only |\n|---|---|---:|---:|---:|---:|---:|\n");
        int[] sum = new int[5];
        for (Totals t : totals()) {
            md.append(String.format("| %s | %s | %d | %d | %d | %d | %d |%n", t.module(), t.inDefaultBuild() ? "yes" : "no (profile)",
                    t.methods(), t.linux(), t.windows(), t.windowsOnly(), t.linuxOnly()));
            if (t.inDefaultBuild()) {
                int[] v = {t.methods(), t.linux(), t.windows(), t.windowsOnly(), t.linuxOnly()};
                for (int i = 0; i < v.length; i++) {
                    sum[i] += v[i];
                }
            }
        }
        md.append(String.format("| **`./mvnw verify`** | | **%d** | **%d** | **%d** | **%d** | **%d** |%n", sum[0], sum[1], sum[2], sum[3], sum[4]));
        md.append("\nNot run on Windows (class: methods skipped there / methods, why):\n\n");
        Map<String, List<Method>> byClass = new TreeMap<>();
        methods.forEach(m -> byClass.computeIfAbsent(m.module() + " " + m.testClass(), k -> new ArrayList<>()).add(m));
        byClass.forEach((k, ms) -> {
            List<Method> off = ms.stream().filter(m -> !m.windows()).toList();
            if (!off.isEmpty()) {
                md.append(String.format("- %s `%s` %d/%d: %s%n", k.substring(0, k.indexOf(' ')), k.substring(k.lastIndexOf('.') + 1),
                        off.size(), ms.size(),
                        String.join("; ", new TreeSet<>(off.stream().map(Method::whyNotWindows).toList()))));
            }
        });
        return md.toString();
    }

    private static boolean isAbstract(ClassTree c) {
        return c.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.ABSTRACT);
    }

    /** The {@code disabledReason} of the OS annotations in effect, or a generic word. */
    private static String reason(UnitIndex.Context c) {
        List<AnnotationTree> all = new ArrayList<>();
        c.classes().forEach(k -> all.addAll(k.getModifiers().getAnnotations()));
        if (c.method() != null) {
            all.addAll(c.method().getModifiers().getAnnotations());
        }
        for (AnnotationTree a : all) {
            if (!OsAnnotations.enabledOn(OsAnnotations.WINDOWS, List.of(a))) {
                for (var arg : a.getArguments()) {
                    if (arg instanceof AssignmentTree as && as.getVariable().toString().equals("disabledReason")
                            && as.getExpression() instanceof LiteralTree l) {
                        return String.valueOf(l.getValue());
                    }
                }
                return "OS annotation";
            }
        }
        return "OS annotation";
    }

    /** The modules of the root pom's default build (the first {@code <modules>}, not a profile's). */
    private static List<String> defaultModules(Path root) {
        try {
            String pom = Files.readString(root.resolve("pom.xml"));
            int start = pom.indexOf("<modules>");
            int end = pom.indexOf("</modules>", start);
            if (start < 0 || end < 0) {
                return List.of();
            }
            Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom.substring(start, end));
            List<String> out = new ArrayList<>();
            while (m.find()) {
                out.add(m.group(1).strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
