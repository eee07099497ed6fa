package dev.agentwarden.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * In test deployments only: {@code POST /__test/clock?advance=PT5M} moves the application's clock forward (behind the
 * agent routes' Basic authentication, as every path the application does not declare public), so tests move time
 * instead of sleeping.
 */
@WebServlet("/__test/clock")
public class ClockServlet extends HttpServlet {

    /** Where the servlet listens, below the context root. */
    public static final String PATH = "__test/clock";

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant now;
        try {
            if (request.getParameter("freeze") != null) {
                now = MovableClock.INSTANCE.freeze();
            } else if (request.getParameter("release") != null) {
                now = MovableClock.INSTANCE.release();
            } else {
                now = MovableClock.INSTANCE.advance(Duration.parse(request.getParameter("advance")));
            }
        } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
            response.sendError(400, "advance=<ISO-8601 duration>, forward only");
            return;
        }
        response.setContentType("text/plain");
        response.getWriter().write(now.toString());
    }
}
