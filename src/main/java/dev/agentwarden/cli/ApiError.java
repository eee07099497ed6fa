package dev.agentwarden.cli;

/** The server refused a request: its HTTP status and, from an {@code application/problem+json} body, code and detail. */
final class ApiError extends CliError {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String detail;

    ApiError(int status, String code, String detail) {
        super(REFUSED, message(status, code, detail));
        this.status = status;
        this.code = code;
        this.detail = detail;
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
}
