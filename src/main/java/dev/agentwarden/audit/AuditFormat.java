package dev.agentwarden.audit;

import dev.agentwarden.store.AuditRecord;
import dev.agentwarden.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The export formats: one JSON object per line (NDJSON), or RFC 4180 CSV with a header row. */
public enum AuditFormat {

    NDJSON("application/x-ndjson", "ndjson"),
    CSV("text/csv; charset=UTF-8", "csv");

    private static final String CSV_HEADER = "id,type,agent,at,peer,principal,detail\r\n";

    private final String mediaType;
    private final String extension;

    AuditFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The format named {@code name} ({@code ndjson}, {@code csv}), or {@code null}. */
    public static AuditFormat named(String name) {
        for (AuditFormat format : values()) {
            if (format.extension.equals(name)) {
                return format;
            }
        }
        return null;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** What precedes the rows. */
    public String header() {
        return this == CSV ? CSV_HEADER : "";
    }

    /** One row, with its line end. */
    public String line(AuditRecord row) {
        if (this == NDJSON) {
            return Json.write(view(row)) + "\n";
        }
        return String.join(",", Long.toString(row.id()), cell(row.type()), cell(row.agent()), time(row.at()),
                cell(row.peer()), cell(row.principal()), cell(row.detail())) + "\r\n";
    }

    /** The row as the API shows it: RFC 3339 time, {@code detail} as a JSON object. */
    public static Map<String, Object> view(AuditRecord row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.id());
        view.put("type", row.type());
        view.put("agent", row.agent());
        view.put("at", time(row.at()));
        view.put("peer", row.peer());
        view.put("principal", row.principal());
        view.put("detail", detail(row.detail()));
        return view;
    }

    /** The stored detail as a JSON value; text that is not JSON (written by another tool) stays a string. */
    static Object detail(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return Json.parse(text);
        } catch (Json.MalformedJsonException e) {
            return text;
        }
    }

    static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /**
     * One CSV field, quoted when it holds a separator, quote or line break (RFC 4180). A value a spreadsheet would
     * run as a formula ({@code = + - @}, tab, CR: user names of failed logins are attacker-chosen) gets a leading
     * {@code '} first, as OWASP advises against CSV injection.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
