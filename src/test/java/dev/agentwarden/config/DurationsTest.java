package dev.agentwarden.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void secondsAreParsed() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    }

    @Test
    void minutesAreParsed() {
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
    }

    @Test
    void hoursAreParsed() {
        assertEquals(Duration.ofHours(24), Durations.parse("24h"));
    }

    @Test
    void daysAreParsed() {
        assertEquals(Duration.ofDays(90), Durations.parse("90d"));
    }

    @Test
    void oneSecondIsTheSmallestDuration() {
        assertEquals(Duration.ofSeconds(1), Durations.parse("1s"));
    }

    @Test
    void sixDigitsAreTheLargestDuration() {
        assertEquals(Duration.ofDays(999_999), Durations.parse("999999d"));
        assertEquals(86_399_913_600_000L, Durations.parse("999999d").toMillis());
    }

    @Test
    void surroundingWhitespaceIsIgnoredAsBefore() {
        assertEquals(Duration.ofMinutes(1), Durations.parse(" 1m "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0m", "0h", "0d", "00m"})
    void zeroIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1h", "-5m", "+5m"})
    void signedValuesAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000s", "9999999999999999999d", "05m"})
    void overSixDigitsOrLeadingZerosAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"90", "5x", "5M", "1w", "m", "", "1.5h", "1h30m", "P1D", "yesterday", "5 m"})
    void otherFormsAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest
    @NullSource
    void nullIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @Test
    void theRefusalNamesTheAcceptedForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("0m"));

        assertEquals("a duration is a positive number (at most 6 digits) followed by s, m, h or d (e.g. 90d)",
                e.getMessage());
    }

    @Test
    void isValidAgreesWithParse() {
        assertTrue(Durations.isValid("90d"));
        assertFalse(Durations.isValid("0m"));
        assertFalse(Durations.isValid(null));
    }

    @Test
    void thePatternIsTheSchemaPattern() {
        assertEquals("^[1-9][0-9]{0,5}[smhd]$", Durations.PATTERN);
        assertTrue("1m".matches(Durations.PATTERN));
        assertFalse("0m".matches(Durations.PATTERN));
    }
}
