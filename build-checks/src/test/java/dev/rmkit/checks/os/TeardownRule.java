package dev.rmkit.checks.os;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * When a {@code @BeforeEach} aborts (an assumption fails: a tool is missing, or the OS is not Linux),
 * JUnit still runs {@code @AfterEach}. A tear-down that then calls a method on a field that set-up
 * would have assigned after the assumption throws a NullPointerException and turns the skip into an
 * error. This finds such tear-downs: the field must be checked for null first.
 */
final class TeardownRule {

    /** A tear-down line that dereferences a field set-up may leave null. */
    record Finding(String file, long line, String field, String teardown) {
        @Override
        public String toString() {
            return file + ":" + line + "  " + teardown + "() calls a method on '" + field
                    + "', which is null when the set-up's assumption aborts: wrap it in if (" + field + " != null)";
        }
    }

    private TeardownRule() {}

    static List<Finding> check(OsRule rule) {
        List<Finding> out = new ArrayList<>();
        for (UnitIndex u : rule.units) {
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitClass(ClassTree c, Void v) {
                    out.addAll(check(rule, u, c));
                    return super.visitClass(c, v);
                }
            }.scan(u.unit.tree(), null);
        }
        return out;
    }

    private static List<Finding> check(OsRule rule, UnitIndex u, ClassTree c) {
        Set<String> fields = new HashSet<>();
        for (Tree m : c.getMembers()) {
            if (m instanceof VariableTree f) {
                fields.add(f.getName().toString());
            }
        }
        Set<String> leftNull = new HashSet<>();
        List<MethodTree> teardowns = new ArrayList<>();
        for (Tree m : c.getMembers()) {
            if (m instanceof MethodTree method && annotated(method, "BeforeEach")) {
                leftNull.addAll(assignedAfterAnAssumption(rule.guards, u, method, fields));
            } else if (m instanceof MethodTree method && annotated(method, "AfterEach")) {
                teardowns.add(method);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (MethodTree t : teardowns) {
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitMemberSelect(MemberSelectTree s, Void v) {
                    if (s.getExpression() instanceof IdentifierTree id && leftNull.contains(id.getName().toString())
                            && !nullChecked(u, getCurrentPath(), id.getName().toString())) {
                        out.add(new Finding(u.unit.where(rule.root), u.unit.line(s), id.getName().toString(), t.getName().toString()));
                    }
                    return super.visitMemberSelect(s, v);
                }
            }.scan(new TreePath(new TreePath(u.unit.tree()), t), null);
        }
        return out;
    }

    /** Fields assigned in {@code setUp} after its first assumption (direct or through a helper like {@code Tools.require}). */
    private static Set<String> assignedAfterAnAssumption(Guards guards, UnitIndex u, MethodTree setUp, Set<String> fields) {
        long firstAssumption = u.calls.stream()
                .filter(call -> UnitIndex.context(call).method() == setUp && guards.isAssumption(call))
                .mapToLong(call -> u.unit.start(call.getLeaf())).min().orElse(Long.MAX_VALUE);
        Set<String> out = new HashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitAssignment(AssignmentTree a, Void v) {
                String name = a.getVariable() instanceof IdentifierTree id ? id.getName().toString()
                        : a.getVariable() instanceof MemberSelectTree m && m.getExpression().toString().equals("this")
                                ? m.getIdentifier().toString() : "";
                if (fields.contains(name) && u.unit.start(a) > firstAssumption) {
                    out.add(name);
                }
                return super.visitAssignment(a, v);
            }
        }.scan(setUp.getBody(), null);
        return out;
    }

    private static boolean nullChecked(UnitIndex u, TreePath p, String field) {
        for (TreePath q = p.getParentPath(); q != null; q = q.getParentPath()) {
            if (q.getLeaf() instanceof IfTree i && u.unit.source(i.getCondition()).replace(" ", "").contains(field + "!=null")) {
                return true;
            }
        }
        return false;
    }

    private static boolean annotated(MethodTree m, String name) {
        return m.getModifiers().getAnnotations().stream().anyMatch(a -> a.getAnnotationType().toString().endsWith(name));
    }
}
