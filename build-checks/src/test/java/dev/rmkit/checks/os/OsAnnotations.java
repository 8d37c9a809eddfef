package dev.rmkit.checks.os;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * JUnit's annotations read from the syntax tree: the OS conditions ({@code @EnabledOnOs},
 * {@code @DisabledOnOs}) evaluated as JUnit evaluates them on a given OS, and the annotations that make
 * a method a test or a set-up method.
 */
final class OsAnnotations {

    private OsAnnotations() {}

    static final String LINUX = "LINUX";
    static final String WINDOWS = "WINDOWS";
    private static final Set<String> OS_NAMES = Set.of("AIX", "FREEBSD", "LINUX", "MAC", "OPENBSD", "OTHER", "SOLARIS", "WINDOWS");
    private static final Set<String> TESTS = Set.of("Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate");
    private static final Set<String> SET_UP = Set.of("BeforeEach", "BeforeAll");

    /** False if one of {@code annotations} disables the element on {@code os} (JUnit ANDs them). */
    static boolean enabledOn(String os, List<? extends AnnotationTree> annotations) {
        for (AnnotationTree a : annotations) {
            String name = simpleName(a);
            if (!name.equals("EnabledOnOs") && !name.equals("DisabledOnOs")) {
                continue;
            }
            Set<String> listed = osNames(a);
            if (listed.isEmpty()) {
                continue; // only architectures: not an OS condition
            }
            if (name.equals("EnabledOnOs") != listed.contains(os)) {
                return false;
            }
        }
        return true;
    }

    static boolean isTest(MethodTree m) {
        return m.getModifiers().getAnnotations().stream().anyMatch(a -> TESTS.contains(simpleName(a)));
    }

    static boolean isSetUp(MethodTree m) {
        return m.getModifiers().getAnnotations().stream().anyMatch(a -> SET_UP.contains(simpleName(a)));
    }

    static boolean isLifecycle(MethodTree m) {
        return isSetUp(m) || m.getModifiers().getAnnotations().stream()
                .anyMatch(a -> Set.of("AfterEach", "AfterAll").contains(simpleName(a)));
    }

    private static String simpleName(AnnotationTree a) {
        String type = a.getAnnotationType().toString();
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** The OS constants named by the annotation's {@code value} (unnamed or {@code value = ...}). */
    private static Set<String> osNames(AnnotationTree a) {
        Set<String> names = new HashSet<>();
        for (ExpressionTree arg : a.getArguments()) {
            ExpressionTree value = arg;
            if (arg instanceof AssignmentTree as) {
                if (!as.getVariable().toString().equals("value")) {
                    continue;
                }
                value = as.getExpression();
            }
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(IdentifierTree t, Void v) {
                    add(t.getName().toString());
                    return null;
                }

                @Override
                public Void visitMemberSelect(MemberSelectTree t, Void v) {
                    add(t.getIdentifier().toString());
                    return null;
                }

                private void add(String n) {
                    if (OS_NAMES.contains(n)) {
                        names.add(n);
                    }
                }
            }.scan(value, null);
        }
        return names;
    }
}
