package dev.scms.app;

import dev.scms.text.TextCut;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A table of plain text aligned in columns for the terminal. Cells are cleaned of line breaks,
 * control and format characters (terminal escapes, bidirectional overrides), so stored text
 * cannot move the cursor. When the table is wider than the maximum width, the flexible
 * column (a title) is shortened and its long cells end in an ellipsis.
 */
final class TextTable {

    private static final String GAP = "  ";
    private static final String ELLIPSIS = "…";
    private static final int MIN_FLEXIBLE_WIDTH = 12;

    private final List<String> headers;
    private final int flexibleColumn;
    private final Set<Integer> rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * Creates a table with the given column headers; {@code flexibleColumn} is the index of the
     * column that gets shortened, and {@code rightAligned} the indexes of numeric columns.
     */
    TextTable(List<String> headers, int flexibleColumn, Set<Integer> rightAligned) {
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        if (flexibleColumn < 0 || flexibleColumn >= headers.size()) {
            throw new IllegalArgumentException("flexible column " + flexibleColumn + " is not one of the "
                    + headers.size() + " columns");
        }
        this.headers = List.copyOf(headers);
        this.flexibleColumn = flexibleColumn;
        this.rightAligned = Set.copyOf(rightAligned);
    }

    /** Adds a row; each cell is printed with {@link String#valueOf(Object)}. */
    TextTable add(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table has " + headers.size()
                    + " columns");
        }
        rows.add(Arrays.stream(cells).map(cell -> clean(String.valueOf(cell))).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Renders the header and the rows, each line at most {@code maxWidth} columns where the flexible column allows. */
    String render(int maxWidth) {
        int[] widths = widths(maxWidth);
        StringBuilder text = new StringBuilder();
        line(text, headers, widths);
        for (List<String> row : rows) {
            line(text, row, widths);
        }
        return text.toString();
    }

    private int[] widths(int maxWidth) {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = DisplayWidth.of(headers.get(column));
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], DisplayWidth.of(row.get(column)));
            }
        }
        int total = Arrays.stream(widths).sum() + GAP.length() * (widths.length - 1);
        if (total > maxWidth) {
            int floor = Math.min(widths[flexibleColumn], Math.max(MIN_FLEXIBLE_WIDTH,
                    DisplayWidth.of(headers.get(flexibleColumn))));
            widths[flexibleColumn] = Math.max(floor, widths[flexibleColumn] - (total - maxWidth));
        }
        return widths;
    }

    private void line(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = column == flexibleColumn ? truncate(cells.get(column), widths[column]) : cells.get(column);
            String padding = " ".repeat(Math.max(0, widths[column] - DisplayWidth.of(cell)));
            if (column > 0) {
                line.append(GAP);
            }
            line.append(rightAligned.contains(column) ? padding + cell : cell + padding);
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    /** Cuts a cell to {@code width} display columns, ending in an ellipsis, at a {@link TextCut} boundary. */
    static String truncate(String cell, int width) {
        if (DisplayWidth.of(cell) <= width) {
            return cell;
        }
        int used = 0;
        int offset = 0;
        while (offset < cell.length()) {
            int codePoint = cell.codePointAt(offset);
            int next = DisplayWidth.of(codePoint);
            if (used + next > width - 1) {
                break;
            }
            used += next;
            offset += Character.charCount(codePoint);
        }
        return cell.substring(0, TextCut.boundaryAtOrBefore(cell, offset)) + ELLIPSIS;
    }

    /** Puts a stored text on one line without control or format characters. */
    static String clean(String text) {
        return text.replaceAll("[\\r\\n\\t\\u2028\\u2029]+", " ").replaceAll("[\\p{Cc}\\p{Cf}]", "");
    }
}
