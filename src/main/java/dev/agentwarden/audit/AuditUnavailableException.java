package dev.agentwarden.audit;

/** A durable event the audit store did not commit in time (or could not queue): what it records must not happen. */
public class AuditUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message) {
        super(message);
    }
}
