package dev.rmkit.checks.os;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the rule needs from one test source: its uses of POSIX facilities, calls, names and tests. */
final class UnitIndex {

    /** One use of a POSIX facility: where, and what in words. */
    record Use(UnitIndex at, TreePath path, String what) {
        long line() {
            return at.unit.line(path.getLeaf());
        }
    }

    /** The named classes around a tree (outermost first), the member of the innermost, and its method. */
    record Context(List<ClassTree> classes, Tree member, MethodTree method) {}

    final TestSources.Unit unit;
    final String pkg;
    final List<String> topLevel = new ArrayList<>();
    final Map<String, String> imports = new HashMap<>();
    final List<String> wildcards = new ArrayList<>();
    final List<Use> uses = new ArrayList<>();
    final List<TreePath> calls = new ArrayList<>();
    final List<TreePath> names = new ArrayList<>();
    final List<TreePath> tests = new ArrayList<>();

    UnitIndex(TestSources.Unit unit, Set<String> launchers) {
        this.unit = unit;
        this.pkg = unit.tree().getPackageName() == null ? "" : unit.tree().getPackageName().toString();
        for (ImportTree i : unit.tree().getImports()) {
            String name = i.getQualifiedIdentifier().toString();
            if (i.isStatic()) {
                continue;
            }
            if (name.endsWith(".*")) {
                wildcards.add(name.substring(0, name.length() - 2));
            } else {
                imports.put(name.substring(name.lastIndexOf('.') + 1), name);
            }
        }
        for (Tree t : unit.tree().getTypeDecls()) {
            if (t instanceof ClassTree c) {
                topLevel.add(c.getSimpleName().toString());
            }
        }
        new Scanner(launchers).scan(unit.tree(), null);
    }

    /** A helper file has no test at all: its uses matter only where a test uses it. */
    boolean isHelper() {
        return tests.isEmpty();
    }

    String qualified(String simple) {
        return pkg.isEmpty() ? simple : pkg + "." + simple;
    }

    /** The fully qualified name a simple name in this file refers to, if it is one of {@code known}. */
    Optional<String> resolve(String simple, Set<String> known) {
        String fqn = imports.get(simple);
        if (fqn != null) {
            return known.contains(fqn) ? Optional.of(fqn) : Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(qualified(simple));
        wildcards.forEach(w -> candidates.add(w + "." + simple));
        return candidates.stream().filter(known::contains).findFirst();
    }

    static Context context(TreePath p) {
        List<ClassTree> classes = new ArrayList<>();
        Tree member = null;
        MethodTree method = null;
        Tree previous = null;
        for (TreePath q = p; q != null; q = q.getParentPath()) {
            if (q.getLeaf() instanceof ClassTree c && !c.getSimpleName().isEmpty()) {
                if (member == null) {
                    member = previous;
                    method = previous instanceof MethodTree m ? m : null;
                }
                classes.add(0, c);
            }
            previous = q.getLeaf();
        }
        return new Context(classes, member, method);
    }

    static String calledName(MethodInvocationTree inv) {
        ExpressionTree s = inv.getMethodSelect();
        return s instanceof MemberSelectTree m ? m.getIdentifier().toString() : s.toString();
    }

    /** The text before the method name of a qualified call ({@code Tools} in {@code Tools.require(x)}), or empty. */
    static String qualifier(MethodInvocationTree inv) {
        return inv.getMethodSelect() instanceof MemberSelectTree m ? m.getExpression().toString() : "";
    }

    private final class Scanner extends TreePathScanner<Void, Void> {

        private final Set<String> launchers;

        Scanner(Set<String> launchers) {
            this.launchers = launchers;
        }

        private void use(Optional<String> what) {
            what.ifPresent(w -> uses.add(new Use(UnitIndex.this, getCurrentPath(), w)));
        }

        @Override
        public Void visitImport(ImportTree t, Void v) {
            return null;
        }

        @Override
        public Void visitLiteral(LiteralTree t, Void v) {
            if (t.getValue() instanceof String s && !comparedText(getCurrentPath())) {
                use(PosixFacilities.literal(s));
            }
            return null;
        }

        /**
         * A literal that is only compared with text ({@code message.startsWith("zstd")}) names no
         * program the test runs.
         */
        private boolean comparedText(TreePath path) {
            Tree parent = path.getParentPath().getLeaf();
            return parent instanceof MethodInvocationTree call && call.getArguments().contains(path.getLeaf())
                    && call.getMethodSelect() instanceof MemberSelectTree m
                    && Set.of("startsWith", "endsWith", "contains", "equals", "matches").contains(m.getIdentifier().toString());
        }

        @Override
        public Void visitIdentifier(IdentifierTree t, Void v) {
            use(PosixFacilities.name(t.getName().toString()));
            names.add(getCurrentPath());
            return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree t, Void v) {
            String name = t.getIdentifier().toString();
            use(PosixFacilities.name(name));
            if (name.equals("UNIX") && t.getExpression().toString().endsWith("StandardProtocolFamily")) {
                use(Optional.of("a Unix-domain socket (StandardProtocolFamily.UNIX)"));
            }
            names.add(getCurrentPath());
            return super.visitMemberSelect(t, v);
        }

        @Override
        public Void visitNewClass(NewClassTree t, Void v) {
            String type = t.getIdentifier().toString();
            use(PosixFacilities.construction(type.substring(type.lastIndexOf('.') + 1)));
            return super.visitNewClass(t, v);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree t, Void v) {
            calls.add(getCurrentPath());
            use(launcher(t));
            return super.visitMethodInvocation(t, v);
        }

        @Override
        public Void visitMethod(MethodTree t, Void v) {
            if (OsAnnotations.isTest(t)) {
                tests.add(getCurrentPath());
            }
            return super.visitMethod(t, v);
        }

        /** {@code bin("updater")}, {@code root.resolve("bin/updater")}, {@code resolve("bin").resolve("updater")}. */
        private Optional<String> launcher(MethodInvocationTree t) {
            if (t.getArguments().size() != 1 || !(t.getArguments().get(0) instanceof LiteralTree l)
                    || !(l.getValue() instanceof String arg)) {
                return Optional.empty();
            }
            String name = calledName(t);
            String receiver = qualifier(t);
            boolean hit = name.equals("bin") && launchers.contains(arg)
                    || name.equals("resolve") && arg.startsWith("bin/") && launchers.contains(arg.substring(4))
                            && receiver.toLowerCase(java.util.Locale.ROOT).contains("root")
                    || name.equals("resolve") && launchers.contains(arg) && receiver.endsWith("resolve(\"bin\")");
            String launcher = arg.startsWith("bin/") ? arg : "bin/" + arg;
            return hit ? Optional.of("runs the POSIX sh launcher " + launcher) : Optional.empty();
        }
    }
}
