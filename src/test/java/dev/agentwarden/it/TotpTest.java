package dev.agentwarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The tests' authenticator against RFC 6238 Appendix B (SHA-1 seed "12345678901234567890", last six digits). */
class TotpTest {

    private static final String RFC_SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void matchesTheRfcVectorAt59Seconds() {
        assertEquals("287082", Totp.code(RFC_SEED, Instant.ofEpochSecond(59)));
    }

    @Test
    void matchesTheRfcVectorAt1111111109() {
        assertEquals("081804", Totp.code(RFC_SEED, Instant.ofEpochSecond(1111111109L)));
    }

    @Test
    void matchesTheRfcVectorIn2603() {
        assertEquals("353130", Totp.code(RFC_SEED, Instant.ofEpochSecond(20000000000L)));
    }

    @Test
    void refusesWhatIsNotBase32() {
        assertThrows(IllegalArgumentException.class, () -> Totp.code("not-base32!", Instant.EPOCH));
    }
}
