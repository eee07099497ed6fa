package dev.agentwarden.http;

import dev.agentwarden.config.SwmlSettings;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.AgentError;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Request hygiene for agent routes, before anything reads the body: 415 for a non-JSON {@code Content-Type}, 413 for a
 * body over {@code SWML_MAX_REQUEST_SIZE} (declared or streamed), 400 for malformed JSON or a non-object. The parsed
 * body is left in the request property {@link #BODY} for the filters and the resource that follow.
 *
 * <p>It authenticates nothing (the authentication mechanism ran before JAX-RS); it runs before the authorization
 * filters ({@link #PRIORITY}) because the function token check reads the {@code call_id} from the body.
 */
@Provider
@ApplicationScoped
@JsonBody
@Priority(JsonBodyFilter.PRIORITY)
public class JsonBodyFilter implements ContainerRequestFilter {

    /** The request property holding the parsed body ({@code Map<String, Object>}). */
    public static final String BODY = "dev.agentwarden.body";
    /** The request property holding the body's exact bytes ({@code byte[]}), for signature checks. */
    public static final String RAW_BODY = "dev.agentwarden.body.raw";

    /** After authentication, with room for the filters that read the body before authorization. */
    public static final int PRIORITY = Priorities.AUTHORIZATION - 500;

    private long maxSize;

    @Inject
    public JsonBodyFilter(SwmlSettings settings) {
        this.maxSize = settings.maxRequestSize();
    }

    /** For CDI proxies and RESTEasy's constructor check only (the instance comes from CDI). */
    public JsonBodyFilter() {
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!isJson(request.getMediaType())) {
            request.abortWith(AgentError.of(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json"));
            return;
        }
        if (request.getLength() > maxSize) {
            request.abortWith(tooLarge());
            return;
        }
        byte[] body = read(request.getEntityStream());
        if (body == null) {
            request.abortWith(tooLarge());
            return;
        }
        request.setProperty(RAW_BODY, body);
        if (body.length == 0) {
            request.setProperty(BODY, Map.of());
            return;
        }
        try {
            if (Json.parse(body) instanceof Map<?, ?> map) {
                request.setProperty(BODY, map);
            } else {
                request.abortWith(AgentError.of(Response.Status.BAD_REQUEST, "Request body must be a JSON object"));
            }
        } catch (Json.MalformedJsonException e) {
            request.abortWith(AgentError.of(Response.Status.BAD_REQUEST, "Malformed JSON"));
        }
    }

    /** SignalWire sends {@code application/json}; a missing type is read as JSON, as the SDK does. */
    private static boolean isJson(MediaType type) {
        if (type == null) {
            return true;
        }
        return "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase().endsWith("+json"));
    }

    /** The whole body, or {@code null} once it passes the limit (reading stops there). */
    private byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > maxSize) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static Response tooLarge() {
        return AgentError.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "Request body too large");
    }
}
