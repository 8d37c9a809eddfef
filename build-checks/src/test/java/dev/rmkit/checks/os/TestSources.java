package dev.rmkit.checks.os;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Every module's test sources, parsed by the JDK's own compiler (syntax trees only: nothing is
 * resolved or compiled). A module is any directory of the repository with {@code src/test/java}, so
 * modules added later, in the reactor or in a profile like {@code bench}, are scanned too.
 */
final class TestSources {

    private TestSources() {}

    /** One parsed file and the means to turn its tree positions into lines and text. */
    record Unit(String module, Path file, CompilationUnitTree tree, SourcePositions positions, String text) {

        long line(Tree t) {
            return tree.getLineMap().getLineNumber(positions.getStartPosition(tree, t));
        }

        long start(Tree t) {
            return positions.getStartPosition(tree, t);
        }

        long end(Tree t) {
            return positions.getEndPosition(tree, t);
        }

        String source(Tree t) {
            long s = start(t);
            long e = end(t);
            return s < 0 || e < s ? "" : text.substring((int) s, (int) e);
        }

        /** The path relative to the repository root, with forward slashes on every OS. */
        String where(Path root) {
            return root.relativize(file).toString().replace('\\', '/');
        }
    }

    /** The repository root: build-checks runs with its own directory as the working directory. */
    static Path root() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    /** Directories under {@code root} holding {@code src/test/java}, sorted, build output excluded. */
    static List<Path> modules(Path root) {
        try (Stream<Path> s = Files.walk(root, 4)) {
            return s.filter(p -> p.endsWith(Path.of("src", "test", "java")) && Files.isDirectory(p))
                    .filter(p -> !root.relativize(p).startsWith("target") && !p.toString().contains(".git"))
                    .map(p -> p.getParent().getParent().getParent())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses every {@code .java} file under each module's {@code src/test/java}. */
    static List<Unit> parse(Path root) {
        List<Unit> units = new ArrayList<>();
        for (Path module : modules(root)) {
            units.addAll(parse(root.relativize(module).toString().replace('\\', '/'), javaFiles(module.resolve("src/test/java"))));
        }
        return units;
    }

    /** Parses {@code files} as the test sources of {@code module}. */
    static List<Unit> parse(String module, List<Path> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("-proc:none"), null,
                    fm.getJavaFileObjectsFromPaths(files));
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            List<Unit> units = new ArrayList<>();
            for (CompilationUnitTree cu : task.parse()) {
                Path file = Path.of(cu.getSourceFile().toUri());
                units.add(new Unit(module, file, cu, positions, cu.getSourceFile().getCharContent(true).toString()));
            }
            return units;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
