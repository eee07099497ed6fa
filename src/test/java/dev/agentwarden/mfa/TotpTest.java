package dev.agentwarden.mfa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    /** RFC 4226 Appendix D and RFC 6238 Appendix B: the ASCII seed "1234567890" repeated to the HMAC's size. */
    private static final byte[] SEED20 = ascii("12345678901234567890");
    private static final byte[] SEED32 = ascii("12345678901234567890123456789012");
    private static final byte[] SEED64 = ascii("1234567890123456789012345678901234567890123456789012345678901234");

    private static final Totp DEFAULT = new Totp();
    /** 2009-02-13T23:31:30Z, the start of time step 41152263. */
    private static final long NOW = 1_234_567_890L;

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 6238 Appendix B, every row. */
    @ParameterizedTest(name = "T={0} {2}")
    @CsvSource({
        "59, 94287082, SHA1",
        "59, 46119246, SHA256",
        "59, 90693936, SHA512",
        "1111111109, 07081804, SHA1",
        "1111111109, 68084774, SHA256",
        "1111111109, 25091201, SHA512",
        "1111111111, 14050471, SHA1",
        "1111111111, 67062674, SHA256",
        "1111111111, 99943326, SHA512",
        "1234567890, 89005924, SHA1",
        "1234567890, 91819424, SHA256",
        "1234567890, 93441116, SHA512",
        "2000000000, 69279037, SHA1",
        "2000000000, 90698825, SHA256",
        "2000000000, 38618901, SHA512",
        "20000000000, 65353130, SHA1",
        "20000000000, 77737706, SHA256",
        "20000000000, 47863826, SHA512",
    })
    void rfc6238AppendixB(long time, String expected, Totp.Algorithm algorithm) {
        byte[] seed = switch (algorithm) {
            case SHA1 -> SEED20;
            case SHA256 -> SEED32;
            case SHA512 -> SEED64;
        };

        assertEquals(expected, new Totp(algorithm, 8).totp(seed, time));
    }

    /** RFC 4226 Appendix D, every counter. */
    @ParameterizedTest(name = "counter {0}")
    @CsvSource({
        "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
        "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489",
    })
    void rfc4226AppendixD(long counter, String expected) {
        assertEquals(expected, DEFAULT.hotp(SEED20, counter));
    }

    @Test
    void timeStepOfRfc6238Time1111111109Is37037036() {
        assertEquals(0x23523EC, Totp.timeStep(1_111_111_109L));
    }

    @Test
    void currentCodeVerifiesAtItsStep() {
        String code = DEFAULT.totp(SEED20, NOW);

        assertEquals(OptionalLong.of(41_152_263L), DEFAULT.verify(SEED20, code, NOW));
    }

    @Test
    void codeOfPreviousStepIsAcceptedWithTheDefaultWindow() {
        String code = DEFAULT.totp(SEED20, NOW - 30);

        assertEquals(OptionalLong.of(41_152_262L), DEFAULT.verify(SEED20, code, NOW));
    }

    @Test
    void codeOfNextStepIsAcceptedWithTheDefaultWindow() {
        String code = DEFAULT.totp(SEED20, NOW + 30);

        assertEquals(OptionalLong.of(41_152_264L), DEFAULT.verify(SEED20, code, NOW));
    }

    @Test
    void codeTwoStepsOldIsRefused() {
        String code = DEFAULT.totp(SEED20, NOW - 60);

        assertEquals(OptionalLong.empty(), DEFAULT.verify(SEED20, code, NOW));
    }

    @Test
    void codeTwoStepsAheadIsRefused() {
        String code = DEFAULT.totp(SEED20, NOW + 60);

        assertEquals(OptionalLong.empty(), DEFAULT.verify(SEED20, code, NOW));
    }

    @Test
    void windowZeroRefusesThePreviousStep() {
        String code = DEFAULT.totp(SEED20, NOW - 30);

        assertEquals(OptionalLong.empty(), DEFAULT.verify(SEED20, code, NOW, 0));
    }

    @Test
    void codeAtOrBeforeTheLastUsedStepIsRefused() {
        String code = DEFAULT.totp(SEED20, NOW);

        assertEquals(OptionalLong.empty(), DEFAULT.verify(SEED20, code, NOW, 1, 41_152_263L));
    }

    @Test
    void codeAfterTheLastUsedStepIsAccepted() {
        String code = DEFAULT.totp(SEED20, NOW);

        assertEquals(OptionalLong.of(41_152_263L), DEFAULT.verify(SEED20, code, NOW, 1, 41_152_262L));
    }

    @Test
    void eightDigitCodeVerifiesAtRfcTime() {
        Totp sha256 = new Totp(Totp.Algorithm.SHA256, 8);

        assertEquals(OptionalLong.of(41_152_263L), sha256.verify(SEED32, "91819424", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567", "abcdef", "89005 ", " 89005", "８９００５９", "-12345", "+12345"})
    void malformedCodesAreRefused(String code) {
        assertEquals(OptionalLong.empty(), DEFAULT.verify(SEED20, code, NOW));
    }

    @Test
    void nullCodeIsRefused() {
        assertEquals(OptionalLong.empty(), DEFAULT.verify(SEED20, null, NOW));
    }

    @Test
    void wrongCodeIsRefused() {
        String code = DEFAULT.totp(SEED20, NOW);
        String wrong = code.equals("000000") ? "000001" : "000000";

        assertEquals(OptionalLong.empty(), DEFAULT.verify(SEED20, wrong, NOW));
    }

    @Test
    void sevenDigitsAreNotSupported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Totp(Totp.Algorithm.SHA1, 7));

        assertEquals("digits must be 6 or 8, not 7", e.getMessage());
    }

    @Test
    void newSecretHas20Bytes() {
        assertEquals(20, Totp.newSecret().length);
    }

    @Test
    void newSecretsDiffer() {
        assertNotEquals(Totp.base32Encode(Totp.newSecret()), Totp.base32Encode(Totp.newSecret()));
    }

    @Test
    void otpauthUriHasTheExactFormat() {
        String uri = DEFAULT.otpauthUri("Agent Warden", "alice smith@example.com", SEED20);

        assertEquals("otpauth://totp/Agent%20Warden:alice%20smith%40example.com"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Agent%20Warden&algorithm=SHA1&digits=6&period=30", uri);
    }

    @Test
    void otpauthUriEncodesNonAsciiAccountsAsUtf8() {
        String uri = DEFAULT.otpauthUri(Totp.ISSUER, "zoë+1", SEED20);

        assertEquals("otpauth://totp/Agent%20Warden:zo%C3%AB%2B1"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Agent%20Warden&algorithm=SHA1&digits=6&period=30", uri);
    }

    /** RFC 4648 §10 test vectors; the encoder leaves out the padding. */
    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32EncodesRfc4648Vectors(String data, String expected) {
        assertEquals(expected, Totp.base32Encode(ascii(data)));
    }

    /** RFC 4648 §10 test vectors, exactly as printed (padded). */
    @ParameterizedTest(name = "\"{1}\"")
    @CsvSource({"'', ''", "f, MY======", "fo, MZXQ====", "foo, MZXW6===", "foob, MZXW6YQ=", "fooba, MZXW6YTB",
        "foobar, MZXW6YTBOI======"})
    void base32DecodesPaddedRfc4648Vectors(String expected, String text) {
        assertEquals(expected, new String(Totp.base32Decode(text), StandardCharsets.US_ASCII));
    }

    @ParameterizedTest(name = "\"{1}\"")
    @CsvSource({"f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "foobar, MZXW6YTBOI"})
    void base32DecodesUnpaddedRfc4648Vectors(String expected, String text) {
        assertEquals(expected, new String(Totp.base32Decode(text), StandardCharsets.US_ASCII));
    }

    @Test
    void base32DecodeIgnoresCaseAndSpaces() {
        assertEquals("foobar", new String(Totp.base32Decode("mzxw 6ytb oi"), StandardCharsets.US_ASCII));
    }

    @Test
    void base32RoundTripsEveryLength() {
        byte[] data = new byte[41];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37 + 200);
        }
        for (int length = 0; length <= data.length; length++) {
            byte[] slice = java.util.Arrays.copyOf(data, length);
            assertArrayEquals(slice, Totp.base32Decode(Totp.base32Encode(slice)), "length " + length);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "MZX", "MZXW6Y", "MY1", "MY0=====", "MZ", "MY=", "MY=====", "M=Y", "MZXW6YTB=", "É"})
    void base32RefusesMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Totp.base32Decode(text));
    }

    @Test
    void base32ErrorDoesNotRepeatTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Totp.base32Decode("SECRET1X"));

        assertEquals("base32 text has a character outside A-Z, 2-7 at index 6", e.getMessage());
    }
}
