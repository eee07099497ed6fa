package dev.agentwarden.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** API.md durations: {@code 30s}, {@code 5m}, {@code 24h}, {@code 90d}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,6})([smhd])");

    private Durations() {
    }

    /** The duration, or {@link IllegalArgumentException} naming the accepted form. */
    public static Duration parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("a duration is a number followed by s, m, h or d (e.g. 90d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
