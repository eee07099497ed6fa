package dev.agentwarden.store;

import dev.agentwarden.config.Secrets;
import java.util.UUID;

/**
 * Row identifiers: UUIDs in the version 7 layout (RFC 9562) — 48 bits of Unix milliseconds, then 74 random bits. They
 * are as hard to guess as random UUIDs for anyone without the creation time, and sort by creation: new rows land at
 * the end of the primary-key index instead of at a random page, which keeps the writes of a busy store (a session and
 * two messages per {@code invoke}) to a few pages.
 */
public final class Ids {

    private Ids() {
    }

    /** A new identifier, its canonical text form. */
    public static String next() {
        return next(System.currentTimeMillis()).toString();
    }

    static UUID next(long epochMillis) {
        byte[] random = Secrets.bytes(10);
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16
                | 0x7000L
                | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low);
    }
}
