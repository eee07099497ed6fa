package dev.agentwarden.problem;

import dev.agentwarden.store.StoreUnavailableException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Maps the failures of reading a request body, and of the store, to problem documents. */
public final class BadRequestMappers {

    private static final Logger LOG = Logger.getLogger(BadRequestMappers.class.getName());

    private BadRequestMappers() {
    }

    /** A body JSON-B cannot read: 400, without the parser's message (it may echo input). */
    @Provider
    public static class Jsonb implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException exception) {
            return Problem.of(400, "validation_failed", "The request body is not valid JSON for this operation");
        }
    }

    /** The JAX-RS runtime's wrapper around entity-reading failures. */
    @Provider
    public static class Processing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException exception) {
            return Problem.of(400, "validation_failed", "The request body is not valid JSON for this operation");
        }
    }

    /** The store is down or refused the change: 503, and the transaction was rolled back. */
    @Provider
    public static class Store implements ExceptionMapper<StoreUnavailableException> {
        @Override
        public Response toResponse(StoreUnavailableException exception) {
            LOG.log(Level.SEVERE, "Store failure", exception);
            return Response.fromResponse(Problem.of(503, "store_unavailable", "The store is unavailable; try again"))
                    .header("Retry-After", 5).build();
        }
    }

    /** A request that breaks a rule of the API (reason safe to show). */
    @Provider
    public static class Validation implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException exception) {
            return Problem.of(exception.status(), exception.code(), exception.getMessage());
        }
    }
}
