package dev.agentwarden.audit;

import dev.agentwarden.store.AuditRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.agentwarden.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The export formats: NDJSON lines and RFC 4180 CSV, with spreadsheet formulas defused. */
class AuditFormatTest {

    private static final long AT = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();

    private static AuditRecord row(String principal, String detail) {
        return new AuditRecord(7, "auth.failed", "secure-agent", AT, "203.0.113.7", principal, detail);
    }

    @Test
    void anNdjsonLineIsOneJsonObjectWithTheDetailAsAnObject() {
        String line = AuditFormat.NDJSON.line(row("alice", "{\"reason\":\"invalid\",\"n\":2}"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 7L);
        expected.put("type", "auth.failed");
        expected.put("agent", "secure-agent");
        expected.put("at", "2026-11-22T10:00:00Z");
        expected.put("peer", "203.0.113.7");
        expected.put("principal", "alice");
        expected.put("detail", Map.of("reason", "invalid", "n", 2L));
        assertEquals(expected, Json.parse(line.substring(0, line.length() - 1)));
        assertEquals('\n', line.charAt(line.length() - 1));
        assertEquals(1, line.split("\n", -1).length - 1);
    }

    @Test
    void anNdjsonLineKeepsNullsAsNulls() {
        String line = AuditFormat.NDJSON.line(new AuditRecord(1, "x", "a", AT, null, null, "{}"));
        assertEquals("{\"id\":1,\"type\":\"x\",\"agent\":\"a\",\"at\":\"2026-11-22T10:00:00Z\",\"peer\":null,"
                + "\"principal\":null,\"detail\":{}}\n", line);
    }

    @Test
    void aDetailThatIsNotJsonStaysAString() {
        assertEquals("not json", AuditFormat.view(row(null, "not json")).get("detail"));
    }

    @Test
    void theCsvHeaderNamesTheColumns() {
        assertEquals("id,type,agent,at,peer,principal,detail\r\n", AuditFormat.CSV.header());
    }

    @Test
    void aCsvLineQuotesFieldsWithSeparatorsQuotesAndLineBreaks() {
        String line = AuditFormat.CSV.line(row("a,b \"c\"\nd", "{\"reason\":\"x\"}"));
        assertEquals("7,auth.failed,secure-agent,2026-11-22T10:00:00Z,203.0.113.7,\"a,b \"\"c\"\"\nd\","
                + "\"{\"\"reason\"\":\"\"x\"\"}\"\r\n", line);
    }

    @Test
    void aCsvLineLeavesNullsEmpty() {
        assertEquals("1,x,a,2026-11-22T10:00:00Z,,,{}\r\n",
                AuditFormat.CSV.line(new AuditRecord(1, "x", "a", AT, null, null, "{}")));
    }

    @Test
    void aCsvCellThatASpreadsheetWouldRunIsDefused() {
        for (String formula : List.of("=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx")) {
            String cell = AuditFormat.cell(formula);
            String unquoted = cell.startsWith("\"") ? cell.substring(1) : cell;
            assertEquals('\'', unquoted.charAt(0), cell);
        }
    }

    @Test
    void formatsAreNamedByTheirExtension() {
        assertEquals(AuditFormat.NDJSON, AuditFormat.named("ndjson"));
        assertEquals(AuditFormat.CSV, AuditFormat.named("csv"));
        assertNull(AuditFormat.named("xml"));
        assertNull(AuditFormat.named("CSV"));
    }

    @Test
    void mediaTypesAreNdjsonAndCsv() {
        assertEquals("application/x-ndjson", AuditFormat.NDJSON.mediaType());
        assertEquals("text/csv; charset=UTF-8", AuditFormat.CSV.mediaType());
    }
}
