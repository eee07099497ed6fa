package dev.agentwarden.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The console's own headers, on every response under {@code /console/} (beside the ones every response carries): a
 * Content-Security-Policy that allows the console's own files only, no inline script or style, no framing, no
 * {@code <base>}; and a JavaScript type for its ES modules, whatever the server's MIME table says (browsers refuse a
 * module of another type, and {@code nosniff} forbids guessing).
 */
@WebFilter(urlPatterns = "/console/*", asyncSupported = true)
public class ConsoleHeadersFilter extends HttpFilter {

    /** The console's policy (issue 14). */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        if (request.getRequestURI().endsWith(".js")) {
            response.setContentType("text/javascript; charset=UTF-8");
        }
        chain.doFilter(request, response);
    }
}
