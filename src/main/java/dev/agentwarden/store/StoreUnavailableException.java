package dev.agentwarden.store;

/** The store could not be reached or refused a change; answered as 503, and nothing was half-written. */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
