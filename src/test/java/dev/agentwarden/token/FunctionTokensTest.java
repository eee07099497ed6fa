package dev.agentwarden.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.agentwarden.token.FunctionTokens.Verdict;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-function token against the SDK's reference vector ({@code reference/token_vectors.json}). */
class FunctionTokensTest {

    private static JsonObject vector;
    private static FunctionTokens tokens;
    private static long now;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = FunctionTokensTest.class.getResourceAsStream("/reference/token_vectors.json")) {
            vector = Json.createReader(in).readObject();
        }
        tokens = new FunctionTokens(vector.getString("secret_key").getBytes(StandardCharsets.UTF_8),
                vector.getJsonNumber("expiry_secs").longValue());
        now = vector.getJsonNumber("now").longValue();
    }

    private static String token() {
        return vector.getString("token");
    }

    @Test
    void mintsTheReferenceTokenByteForByte() {
        String minted = tokens.mint(vector.getString("function"), vector.getString("call_id"),
                now + vector.getJsonNumber("expiry_secs").longValue(), vector.getString("nonce"));
        assertEquals(token(), minted);
        assertEquals(vector.getString("plaintext"), new String(Base64.getDecoder().decode(minted), StandardCharsets.UTF_8));
        assertEquals(vector.getString("token_in_url"), "__token=" + URLEncoder.encode(minted, StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheReferenceTokenBeforeExpiry() {
        assertEquals(Verdict.VALID, tokens.verify(token(), "transfer_call", "call-1234-abcd", now + 100));
    }

    @Test
    void acceptsAtTheExactExpiry() {
        assertEquals(Verdict.VALID, tokens.verify(token(), "transfer_call", "call-1234-abcd", 1700003600L));
    }

    @Test
    void refusesAfterExpiry() {
        assertEquals(Verdict.EXPIRED, tokens.verify(token(), "transfer_call", "call-1234-abcd", now + 3601));
    }

    @Test
    void refusesAnotherCall() {
        assertEquals(Verdict.WRONG_CALL, tokens.verify(token(), "transfer_call", "call-OTHER", now + 100));
    }

    @Test
    void refusesAnEmptyCallId() {
        assertEquals(Verdict.WRONG_CALL, tokens.verify(token(), "transfer_call", "", now + 100));
    }

    @Test
    void refusesAMissingCallId() {
        assertEquals(Verdict.WRONG_CALL, tokens.verify(token(), "transfer_call", null, now + 100));
    }

    @Test
    void refusesAnotherFunction() {
        assertEquals(Verdict.WRONG_FUNCTION, tokens.verify(token(), "get_time", "call-1234-abcd", now + 100));
    }

    @Test
    void refusesAPercentEncodedToken() {
        String encoded = URLEncoder.encode(token(), StandardCharsets.UTF_8);
        assertNotEquals(Verdict.VALID, tokens.verify(encoded, "transfer_call", "call-1234-abcd", now + 100));
    }

    @Test
    void refusesAnotherKey() {
        FunctionTokens other = new FunctionTokens("another-secret".getBytes(StandardCharsets.UTF_8), 3600);
        assertEquals(Verdict.BAD_SIGNATURE, other.verify(token(), "transfer_call", "call-1234-abcd", now + 100));
    }

    @Test
    void refusesAnAlteredExpiry() {
        String plain = vector.getString("plaintext").replace(".1700003600.", ".1900003600.");
        String forged = Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        assertEquals(Verdict.BAD_SIGNATURE, tokens.verify(forged, "transfer_call", "call-1234-abcd", now + 100));
    }

    @Test
    void refusesGarbage() {
        assertEquals(Verdict.MALFORMED, tokens.verify("garbage!", "transfer_call", "call-1234-abcd", now));
        assertEquals(Verdict.MALFORMED, tokens.verify("Ym9ndXMudG9rZW4=", "transfer_call", "call-1234-abcd", now));
    }

    @Test
    void refusesNothing() {
        assertEquals(Verdict.MISSING, tokens.verify(null, "transfer_call", "call-1234-abcd", now));
        assertEquals(Verdict.MISSING, tokens.verify("", "transfer_call", "call-1234-abcd", now));
    }

    @Test
    void mintedTokensVerifyAndDifferEachTime() {
        String a = tokens.mint("transfer_call", "c.with.dots", now);
        String b = tokens.mint("transfer_call", "c.with.dots", now);
        assertNotEquals(a, b);
        assertEquals(Verdict.VALID, tokens.verify(a, "transfer_call", "c.with.dots", now + 3600));
    }
}
