package dev.agentwarden.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives JAX-RS's own refusals (404, 405, 406, 415, ...) a body: problem+json under {@code /api}, the SDK's
 * {@code {"error": ...}} on agent routes. A response that already has an entity passes through.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        int status = original.getStatus();
        Response.StatusType type = original.getStatusInfo();
        Response mapped = isApi(uri) ? Problem.of(status, code(status), type.getReasonPhrase())
                : AgentError.of(status, type.getReasonPhrase());
        Response.ResponseBuilder builder = Response.fromResponse(mapped);
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    static boolean isApi(UriInfo uri) {
        String path = uri == null ? "" : uri.getPath();
        return path.equals("api") || path.startsWith("api/") || path.startsWith("/api");
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "validation_failed";
            case 401 -> "invalid_credentials";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "server_error" : "bad_request";
        };
    }
}
