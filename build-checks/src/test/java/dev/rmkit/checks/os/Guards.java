package dev.rmkit.checks.os;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a place in a test source is protected from running on Windows, and how: by JUnit's OS
 * annotations, by an assumption that names the OS or the missing tool, or by an {@code if} on the OS.
 * A private helper method is protected when every call to it in its file is.
 */
final class Guards {

    /** The protection found, strongest first; NONE means the code would run on Windows. */
    enum Guard { ANNOTATION, IF, ASSUMPTION, NONE }

    private static final Set<String> ASSUME = Set.of("assumeTrue", "assumeFalse", "assumingThat", "abort");

    /** Methods ({@code Class.method}) that call an assumption themselves, like {@code Tools.require}. */
    private final Set<String> assuming = new HashSet<>();

    Guards(List<UnitIndex> all) {
        boolean grew = true;
        while (grew) {
            grew = false;
            for (UnitIndex u : all) {
                for (TreePath call : u.calls) {
                    UnitIndex.Context c = UnitIndex.context(call);
                    if (c.method() != null && isAssumption(call) && assuming.add(key(c.classes(), c.method()))) {
                        grew = true;
                    }
                }
            }
        }
    }

    /** How {@code p} in {@code u} is protected. */
    Guard of(UnitIndex u, TreePath p) {
        return of(u, p, new HashSet<>());
    }

    private Guard of(UnitIndex u, TreePath p, Set<Tree> visiting) {
        UnitIndex.Context c = UnitIndex.context(p);
        boolean testFile = !u.isHelper();
        if (testFile && !enabledOn(OsAnnotations.WINDOWS, c)) {
            return Guard.ANNOTATION;
        }
        if (insideOsIf(u, p)) {
            return Guard.IF;
        }
        MethodTree m = c.method();
        if (m == null) {
            return Guard.NONE;
        }
        long at = u.unit.start(p.getLeaf());
        for (TreePath call : u.calls) {
            if (UnitIndex.context(call).method() == m && u.unit.start(call.getLeaf()) <= at && osAssumption(u, call)) {
                return Guard.ASSUMPTION;
            }
        }
        if (testFile && OsAnnotations.isTest(m) && setUpAssumes(u, c.classes())) {
            return Guard.ASSUMPTION;
        }
        if (OsAnnotations.isTest(m) || OsAnnotations.isLifecycle(m) || !visiting.add(m)) {
            return Guard.NONE;
        }
        return callers(u, c, m, visiting);
    }

    /** A private helper: protected as weakly as its least protected caller in the file (NONE if it has none). */
    private Guard callers(UnitIndex u, UnitIndex.Context c, MethodTree m, Set<Tree> visiting) {
        Guard weakest = null;
        for (TreePath call : u.calls) {
            MethodInvocationTree inv = (MethodInvocationTree) call.getLeaf();
            String q = UnitIndex.qualifier(inv);
            boolean local = q.isEmpty() || q.equals("this") || c.classes().stream().anyMatch(k -> q.equals(k.getSimpleName().toString()));
            if (!local || !UnitIndex.calledName(inv).equals(m.getName().toString())
                    || UnitIndex.context(call).method() == m) {
                continue;
            }
            Guard g = of(u, call, visiting);
            weakest = weakest == null || g.ordinal() > weakest.ordinal() ? g : weakest;
        }
        return weakest == null ? Guard.NONE : weakest;
    }

    static boolean enabledOn(String os, UnitIndex.Context c) {
        for (ClassTree k : c.classes()) {
            if (!OsAnnotations.enabledOn(os, k.getModifiers().getAnnotations())) {
                return false;
            }
        }
        return c.method() == null || OsAnnotations.enabledOn(os, c.method().getModifiers().getAnnotations());
    }

    /** Whether a {@code @BeforeEach}/{@code @BeforeAll} of these classes makes an assumption about the OS. */
    boolean setUpAssumes(UnitIndex u, List<ClassTree> classes) {
        for (TreePath call : u.calls) {
            UnitIndex.Context c = UnitIndex.context(call);
            if (c.method() != null && OsAnnotations.isSetUp(c.method()) && classes.contains(c.classes().get(c.classes().size() - 1))
                    && osAssumption(u, call)) {
                return true;
            }
        }
        return false;
    }

    /** The first assumption about the OS or a tool that the test method (or its set-up) makes, as source text. */
    java.util.Optional<String> skippingAssumption(UnitIndex u, TreePath test) {
        UnitIndex.Context c = UnitIndex.context(test);
        MethodTree m = (MethodTree) test.getLeaf();
        return u.calls.stream().filter(call -> osAssumption(u, call)).filter(call -> {
            UnitIndex.Context k = UnitIndex.context(call);
            return k.method() == m || k.method() != null && OsAnnotations.isSetUp(k.method())
                    && c.classes().contains(k.classes().get(k.classes().size() - 1));
        }).map(call -> u.unit.source(call.getLeaf())).findFirst();
    }

    private boolean osAssumption(UnitIndex u, TreePath call) {
        return isAssumption(call) && PosixFacilities.namesTheOs(u.unit.source(call.getLeaf()));
    }

    /** An {@code assume...} or {@code abort} call, or a call of a method that makes one. */
    boolean isAssumption(TreePath call) {
        MethodInvocationTree inv = (MethodInvocationTree) call.getLeaf();
        String name = UnitIndex.calledName(inv);
        String q = UnitIndex.qualifier(inv);
        if (ASSUME.contains(name) && (q.isEmpty() || q.endsWith("Assumptions"))) {
            return true;
        }
        if (!q.isEmpty()) {
            return assuming.contains(q.substring(q.lastIndexOf('.') + 1) + "." + name);
        }
        return UnitIndex.context(call).classes().stream().anyMatch(k -> assuming.contains(k.getSimpleName() + "." + name));
    }

    private static boolean insideOsIf(UnitIndex u, TreePath p) {
        Tree child = p.getLeaf();
        for (TreePath q = p.getParentPath(); q != null; q = q.getParentPath()) {
            if (q.getLeaf() instanceof IfTree i && i.getThenStatement() == child
                    && PosixFacilities.namesTheOs(u.unit.source(i.getCondition()))) {
                return true;
            }
            child = q.getLeaf();
        }
        return false;
    }

    private static String key(List<ClassTree> classes, MethodTree m) {
        return classes.get(classes.size() - 1).getSimpleName() + "." + m.getName();
    }
}
