package dev.rmkit.burner.iso;

import dev.rmkit.burner.BurnerException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Turns a session's tree into the two trees the disc carries (primary ISO 9660 and Joliet): names,
 * record order inside each directory (ECMA-119 §9.3: by name, then extension; Joliet: by UCS-2 code
 * unit) and directory numbering in path-table order (§6.9.1: by level, then parent number, then name).
 */
final class TreePlan {

    /** ECMA-119 §6.8.2.1: a directory hierarchy has at most eight levels, the root being level 1. */
    static final int MAX_LEVELS = 8;
    /** Path-table parent numbers are 16-bit. */
    static final int MAX_DIRS = 65535;

    final List<PlannedDir> primaryOrder;
    final List<PlannedDir> jolietOrder;

    private TreePlan(List<PlannedDir> primaryOrder, List<PlannedDir> jolietOrder) {
        this.primaryOrder = primaryOrder;
        this.jolietOrder = jolietOrder;
    }

    static TreePlan of(DiscDir root) throws BurnerException {
        if (root.dirCount() > MAX_DIRS) {
            throw BurnerException.badInput("the session would have " + root.dirCount()
                    + " directories; ISO 9660 path tables hold at most " + MAX_DIRS);
        }
        PlannedDir top = plan(root, null, "");
        List<PlannedDir> primary = breadthFirst(top, true);
        List<PlannedDir> joliet = breadthFirst(top, false);
        for (int i = 0; i < primary.size(); i++) {
            primary.get(i).primaryNumber = i + 1;
            joliet.get(i).jolietNumber = i + 1;
        }
        return new TreePlan(primary, joliet);
    }

    PlannedDir root() {
        return primaryOrder.get(0);
    }

    private static PlannedDir plan(DiscDir dir, PlannedDir parent, String path) throws BurnerException {
        PlannedDir p = new PlannedDir(dir, parent);
        if (p.level > MAX_LEVELS) {
            throw BurnerException.badInput("'" + path + "' is nested " + p.level
                    + " levels deep; ISO 9660 allows at most " + MAX_LEVELS + " directory levels");
        }
        List<String> names = new ArrayList<>();
        List<Boolean> isDir = new ArrayList<>();
        for (String n : mergedNames(dir)) {
            names.add(n);
            isDir.add(dir.dirs().containsKey(n));
        }
        List<PrimaryNames.Name> primary = PrimaryNames.assign(names, isDir);
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            byte[] joliet = JolietNames.identifier(n);
            PlannedDir.Child pc;
            PlannedDir.Child jc;
            if (isDir.get(i)) {
                PlannedDir child = plan(dir.dirs().get(n), p, path + "/" + n);
                child.primaryId = primary.get(i).identifier();
                child.jolietId = joliet;
                pc = new PlannedDir.Child(child.primaryId, child, null);
                jc = new PlannedDir.Child(joliet, child, null);
            } else {
                DiscFile f = dir.files().get(n);
                pc = new PlannedDir.Child(primary.get(i).identifier(), null, f);
                jc = new PlannedDir.Child(joliet, null, f);
            }
            p.primaryChildren.add(pc);
            p.jolietChildren.add(jc);
        }
        p.primaryChildren.sort(Comparator.comparing(c -> primaryKey(c.identifier()), TreePlan::compareKeys));
        return p;
    }

    /** Joliet order of a directory's children: both maps are sorted; merge them. */
    private static List<String> mergedNames(DiscDir dir) {
        List<String> all = new ArrayList<>(dir.dirs().keySet());
        all.addAll(dir.files().keySet());
        all.sort(Comparator.naturalOrder());
        return all;
    }

    /** Splits {@code NAME.EXT;1} into name and extension for §9.3 ordering. */
    private static String[] primaryKey(byte[] id) {
        String s = new String(id, java.nio.charset.StandardCharsets.US_ASCII);
        int semi = s.indexOf(';');
        if (semi >= 0) {
            s = s.substring(0, semi);
        }
        int dot = s.indexOf('.');
        return dot < 0 ? new String[] {s, ""} : new String[] {s.substring(0, dot), s.substring(dot + 1)};
    }

    private static int compareKeys(String[] a, String[] b) {
        int c = a[0].compareTo(b[0]);
        return c != 0 ? c : a[1].compareTo(b[1]);
    }

    private static List<PlannedDir> breadthFirst(PlannedDir root, boolean primary) {
        List<PlannedDir> out = new ArrayList<>();
        Deque<PlannedDir> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            PlannedDir d = queue.poll();
            out.add(d);
            for (PlannedDir.Child c : primary ? d.primaryChildren : d.jolietChildren) {
                if (c.isDir()) {
                    queue.add(c.dir());
                }
            }
        }
        return out;
    }

    /** For tests: the primary identifiers of a directory's children, in record order. */
    static List<String> primaryNames(PlannedDir d) {
        return d.primaryChildren.stream()
                .map(c -> new String(c.identifier(), java.nio.charset.StandardCharsets.US_ASCII)).toList();
    }
}
