package dev.agentwarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Aligned columns and relative times. */
class TableTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void columnsAreAlignedUnderTheirHeaders() {
        StringWriter out = new StringWriter();
        new Table("ID", "NAME", "STATUS").row("k1", "production", "active").row("key-22", null, "revoked")
                .print(new PrintWriter(out));
        assertEquals("""
                ID      NAME        STATUS
                k1      production  active
                key-22  -           revoked
                """, out.toString().replace("\r\n", "\n"));
    }

    @Test
    void timesAreRelative() {
        assertEquals("just now", Table.ago("2026-11-22T09:59:58Z", NOW, "-"));
        assertEquals("30 seconds ago", Table.ago("2026-11-22T09:59:30Z", NOW, "-"));
        assertEquals("1 minute ago", Table.ago("2026-11-22T09:59:00Z", NOW, "-"));
        assertEquals("3 minutes ago", Table.ago("2026-11-22T09:57:00Z", NOW, "-"));
        assertEquals("2 hours ago", Table.ago("2026-11-22T07:30:00Z", NOW, "-"));
        assertEquals("5 days ago", Table.ago("2026-11-17T10:00:00Z", NOW, "-"));
        assertEquals("in 3 months", Table.ago("2027-02-20T10:00:00Z", NOW, "-"));
        assertEquals("in 1 hour", Table.ago("2026-11-22T11:00:00Z", NOW, "-"));
        assertEquals("never", Table.ago(null, NOW, "never"));
    }
}
