package dev.agentwarden.console;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the console's static files ({@code src/main/webapp/console/}) at {@code /console/}: JAX-RS owns the context
 * root ({@code /*}), so the container's default servlet never sees these paths. Every answer, a missing file's too,
 * carries the console's Content-Security-Policy (its own files only, no inline script or style, no framing, no
 * {@code <base>}); the types are fixed here (ES modules must be JavaScript, and {@code nosniff} forbids guessing).
 * Only plain file names of the known types are served: nothing else of the WAR is reachable through this path.
 */
@WebServlet(urlPatterns = "/console/*", asyncSupported = true)
public class ConsoleServlet extends HttpServlet {

    /** The console's policy (issue 14). */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private static final long serialVersionUID = 1L;
    private static final String ROOT = "/console";
    /** A path below /console: segments of plain characters, none starting with a dot, ending in a known type. */
    private static final Pattern FILE = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\\.(html|js|css|png|svg|txt)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "txt", "text/plain; charset=UTF-8");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        String path = request.getPathInfo();
        if (path == null) {
            // /console: the relative URLs of index.html need the folder's slash
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + ROOT + "/");
            return;
        }
        if (path.equals("/")) {
            path = "/index.html";
        }
        InputStream file = FILE.matcher(path).matches()
                ? getServletContext().getResourceAsStream(ROOT + path) : null;
        if (file == null) {
            notFound(response, body);
            return;
        }
        try (InputStream in = file) {
            response.setContentType(TYPES.get(path.substring(path.lastIndexOf('.') + 1)));
            byte[] bytes = in.readAllBytes();
            response.setContentLength(bytes.length);
            if (body) {
                response.getOutputStream().write(bytes);
            }
        }
    }

    private static void notFound(HttpServletResponse response, boolean body) throws IOException {
        byte[] text = "Not found\n".getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/plain; charset=UTF-8");
        response.setContentLength(text.length);
        if (body) {
            response.getOutputStream().write(text);
        }
    }
}
