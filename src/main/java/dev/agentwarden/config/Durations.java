package dev.agentwarden.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API.md durations: any positive {@code <n>s|m|h|d} ({@code 30s}, {@code 5m}, {@code 24h}, {@code 90d}).
 *
 * <p>The number is 1 to 999999 without leading zeros (the agent config schema's {@code ^[1-9][0-9]{0,5}[smhd]$}), so
 * zero, negative and signed values are refused and the largest ({@code 999999d}, about 2 738 years) fits a long of
 * milliseconds with room to spare: no overflow is possible. Surrounding whitespace is ignored, as it always was here.
 */
public final class Durations {

    /** The accepted form; the same pattern as {@code $defs/duration} of {@code schema/agent-config.json}. */
    public static final String PATTERN = "^[1-9][0-9]{0,5}[smhd]$";

    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

    private Durations() {
    }

    /** The duration, or {@link IllegalArgumentException} naming the accepted form. */
    public static Duration parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "a duration is a positive number (at most 6 digits) followed by s, m, h or d (e.g. 90d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Whether {@code text} is a duration {@link #parse} accepts. */
    public static boolean isValid(String text) {
        return text != null && FORM.matcher(text.trim()).matches();
    }
}
