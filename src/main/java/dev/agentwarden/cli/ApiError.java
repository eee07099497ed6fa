package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The server refused a request: its HTTP status and, from an {@code application/problem+json} body, code and detail. */
final class ApiError extends CliError {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String detail;
    private final List<String> errors;

    ApiError(int status, String code, String detail) {
        this(status, code, detail, null);
    }

    /** A refusal with the problem's {@code errors: [{pointer, detail}]} (400 {@code validation_failed}), if any. */
    ApiError(int status, String code, String detail, JsonNode errors) {
        super(REFUSED, message(status, code, detail));
        this.status = status;
        this.code = code;
        this.detail = detail;
        List<String> lines = new ArrayList<>();
        if (errors != null && errors.isArray()) {
            for (JsonNode error : errors) {
                String pointer = Json.text(error, "pointer");
                lines.add((pointer == null || pointer.isEmpty() ? "/" : pointer) + ": " + Json.text(error, "detail"));
            }
        }
        this.errors = List.copyOf(lines);
    }

    private static String message(int status, String code, String detail) {
        if (code == null) {
            return "the server answered HTTP " + status + (detail == null ? "" : ": " + detail);
        }
        return (detail == null ? "refused" : detail) + " (" + code + ")";
    }

    int status() {
        return status;
    }

    /** The problem's {@code code}, or {@code null} when the answer was not a problem document. */
    String code() {
        return code;
    }

    String detail() {
        return detail;
    }

    /** One {@code pointer: detail} line per invalid field of a {@code validation_failed} problem; empty otherwise. */
    List<String> errors() {
        return errors;
    }
}
