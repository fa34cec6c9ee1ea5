package io.solomo.decision.ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A unified diff of the DRL of two versions, file by file, so that an analyst sees which rules a spreadsheet change
 * altered. Lines are matched by longest common subsequence after the common start and end are set aside.
 *
 * <p>Files are matched by path. A file that only one version has is matched by its name alone with a file of the
 * other, when that name is unique on both sides, because uploading {@code offers.drl.xlsx} again stores it without
 * the {@code solomo/offers/} folder of the bundled version.
 */
final class DrlDiff {

    private static final int CONTEXT = 3;
    // Beyond this many line pairs left after trimming, the middle is shown as removed and added in full rather than
    // spending memory on the table of common subsequences.
    private static final long MAX_COMPARED_PAIRS = 25_000_000L;

    private DrlDiff() {
    }

    static String of(String fromLabel, Map<String, String> from, String toLabel, Map<String, String> to) {
        Map<String, String> renamed = renamedPaths(from.keySet(), to.keySet());
        StringBuilder diff = new StringBuilder();
        for (String path : new TreeSet<>(union(from.keySet(), to.keySet()))) {
            if (renamed.containsValue(path)) {
                continue;
            }
            String toPath = renamed.getOrDefault(path, path);
            String before = from.getOrDefault(path, "");
            String after = to.getOrDefault(toPath, "");
            if (!before.equals(after)) {
                diff.append("--- ").append(fromLabel).append('/').append(path).append('\n');
                diff.append("+++ ").append(toLabel).append('/').append(toPath).append('\n');
                diff.append(hunks(before.lines().toList(), after.lines().toList()));
            }
        }
        return diff.toString();
    }

    /**
     * Returns, for each path only the older version has, the newer version's path with the same file name, when that
     * name is unique among the paths only one side has.
     */
    private static Map<String, String> renamedPaths(Set<String> from, Set<String> to) {
        Map<String, List<String>> fromOnly = byFileName(from, to);
        Map<String, List<String>> toOnly = byFileName(to, from);
        Map<String, String> renamed = new HashMap<>();
        fromOnly.forEach((name, paths) -> {
            List<String> candidates = toOnly.getOrDefault(name, List.of());
            if (paths.size() == 1 && candidates.size() == 1) {
                renamed.put(paths.get(0), candidates.get(0));
            }
        });
        return renamed;
    }

    private static Map<String, List<String>> byFileName(Set<String> paths, Set<String> otherSide) {
        Map<String, List<String>> byName = new HashMap<>();
        for (String path : paths) {
            if (!otherSide.contains(path)) {
                byName.computeIfAbsent(path.substring(path.lastIndexOf('/') + 1), name -> new ArrayList<>()).add(path);
            }
        }
        return byName;
    }

    private static List<String> union(Set<String> first, Set<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** One line of the edit script: ' ' kept, '-' removed, '+' added, with its 0-based positions. */
    private record Edit(char kind, String line, int fromIndex, int toIndex) {
    }

    private static String hunks(List<String> from, List<String> to) {
        List<Edit> edits = edits(from, to);
        StringBuilder out = new StringBuilder();
        int index = 0;
        while (index < edits.size()) {
            if (edits.get(index).kind() == ' ') {
                index++;
                continue;
            }
            int start = Math.max(0, index - CONTEXT);
            int end = index;
            int lastChange = index;
            while (end < edits.size() && (edits.get(end).kind() != ' ' || end - lastChange <= 2 * CONTEXT)) {
                if (edits.get(end).kind() != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            appendHunk(out, edits.subList(start, end));
            index = end;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<Edit> hunk) {
        int fromStart = -1;
        int toStart = -1;
        int fromCount = 0;
        int toCount = 0;
        for (Edit edit : hunk) {
            if (edit.kind() != '+') {
                fromStart = fromStart < 0 ? edit.fromIndex() : fromStart;
                fromCount++;
            }
            if (edit.kind() != '-') {
                toStart = toStart < 0 ? edit.toIndex() : toStart;
                toCount++;
            }
        }
        out.append("@@ -").append(fromStart + 1).append(',').append(fromCount)
                .append(" +").append(toStart + 1).append(',').append(toCount).append(" @@\n");
        for (Edit edit : hunk) {
            out.append(edit.kind()).append(edit.line()).append('\n');
        }
    }

    private static List<Edit> edits(List<String> from, List<String> to) {
        int prefix = 0;
        while (prefix < from.size() && prefix < to.size() && from.get(prefix).equals(to.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < from.size() - prefix && suffix < to.size() - prefix
                && from.get(from.size() - 1 - suffix).equals(to.get(to.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int index = 0; index < prefix; index++) {
            edits.add(new Edit(' ', from.get(index), index, index));
        }
        edits.addAll(middle(from.subList(prefix, from.size() - suffix), to.subList(prefix, to.size() - suffix),
                prefix));
        for (int index = suffix; index > 0; index--) {
            edits.add(new Edit(' ', from.get(from.size() - index), from.size() - index, to.size() - index));
        }
        return edits;
    }

    private static List<Edit> middle(List<String> from, List<String> to, int offset) {
        int rows = from.size();
        int columns = to.size();
        List<Edit> edits = new ArrayList<>();
        if ((long) rows * columns > MAX_COMPARED_PAIRS) {
            for (int index = 0; index < rows; index++) {
                edits.add(new Edit('-', from.get(index), offset + index, offset));
            }
            for (int index = 0; index < columns; index++) {
                edits.add(new Edit('+', to.get(index), offset + rows, offset + index));
            }
            return edits;
        }
        int[][] common = new int[rows + 1][columns + 1];
        for (int row = rows - 1; row >= 0; row--) {
            for (int column = columns - 1; column >= 0; column--) {
                common[row][column] = from.get(row).equals(to.get(column)) ? common[row + 1][column + 1] + 1
                        : Math.max(common[row + 1][column], common[row][column + 1]);
            }
        }
        int row = 0;
        int column = 0;
        while (row < rows || column < columns) {
            if (row < rows && column < columns && from.get(row).equals(to.get(column))) {
                edits.add(new Edit(' ', from.get(row), offset + row, offset + column));
                row++;
                column++;
            } else if (row < rows && (column == columns || common[row + 1][column] >= common[row][column + 1])) {
                // Removed lines come before the added ones that replace them, as in diff -u.
                edits.add(new Edit('-', from.get(row), offset + row, offset + column));
                row++;
            } else {
                edits.add(new Edit('+', to.get(column), offset + row, offset + column));
                column++;
            }
        }
        return edits;
    }
}
