package dev.agentwarden.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Human output: columns aligned under their headers, and times told relative to now ("3 minutes ago"). */
final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    Table row(String... cells) {
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            row[i] = i < cells.length && cells[i] != null && !cells[i].isEmpty() ? cells[i] : "-";
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.size() == 1;
    }

    void print(PrintWriter out) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** The table, or {@code none} when it has no rows ("No alerts."). */
    void printOr(PrintWriter out, String none) {
        if (isEmpty()) {
            out.println(none);
            out.flush();
        } else {
            print(out);
        }
    }

    /** An RFC 3339 time relative to {@code now}: "just now", "3 minutes ago", "in 2 days"; {@code null} → {@code none}. */
    static String ago(String time, Instant now, String none) {
        if (time == null) {
            return none;
        }
        Instant at;
        try {
            at = Instant.parse(time);
        } catch (DateTimeParseException e) {
            return time;
        }
        Duration delta = Duration.between(at, now);
        boolean past = !delta.isNegative();
        long seconds = Math.abs(delta.getSeconds());
        if (seconds < 5) {
            return past ? "just now" : "in a moment";
        }
        String amount = amount(seconds);
        return past ? amount + " ago" : "in " + amount;
    }

    private static String amount(long seconds) {
        long[] sizes = {365L * 86400, 30L * 86400, 86400, 3600, 60, 1};
        String[] names = {"year", "month", "day", "hour", "minute", "second"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                long n = seconds / sizes[i];
                return n + " " + names[i] + (n == 1 ? "" : "s");
            }
        }
        return seconds + " seconds";
    }
}
