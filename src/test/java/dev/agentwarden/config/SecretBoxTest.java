package dev.agentwarden.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final HexFormat HEX = HexFormat.of();

    /** McGrew &amp; Viega, "The Galois/Counter Mode of Operation (GCM)", Test Case 16 (AES-256, 96-bit IV, AAD). */
    private static final String TC16_KEY = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
    private static final String TC16_IV = "cafebabefacedbaddecaf888";
    private static final String TC16_PLAINTEXT = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
    private static final String TC16_AAD = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
    private static final String TC16_CIPHERTEXT = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662";
    private static final String TC16_TAG = "76fc6ece0f4e1768cddf8853bb2d551b";

    private static final String KEY = SecretBox.newKey();
    private static final SecretBox BOX = SecretBox.fromBase64Key(KEY);

    private static SecretBox tc16Box() {
        return SecretBox.fromBase64Key(Base64.getEncoder().encodeToString(HEX.parseHex(TC16_KEY)));
    }

    @Test
    void gcmSpecTestCase16Encrypts() {
        byte[] out = tc16Box().encrypt(HEX.parseHex(TC16_IV), HEX.parseHex(TC16_PLAINTEXT), HEX.parseHex(TC16_AAD));

        assertEquals(TC16_CIPHERTEXT + TC16_TAG, HEX.formatHex(out));
    }

    @Test
    void gcmSpecTestCase16Decrypts() {
        byte[] out = tc16Box().decrypt(HEX.parseHex(TC16_IV), HEX.parseHex(TC16_CIPHERTEXT + TC16_TAG), HEX.parseHex(TC16_AAD));

        assertEquals(TC16_PLAINTEXT, HEX.formatHex(out));
    }

    @Test
    void gcmSpecTestCase16SealedFormatOpens() {
        byte[] raw = HEX.parseHex(TC16_IV + TC16_CIPHERTEXT + TC16_TAG);
        String sealed = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        assertEquals(TC16_PLAINTEXT, HEX.formatHex(tc16Box().open(sealed, HEX.parseHex(TC16_AAD))));
    }

    @Test
    void roundTripsText() {
        String sealed = BOX.sealString("JBSWY3DPEHPK3PXP", "user:42");

        assertEquals("JBSWY3DPEHPK3PXP", BOX.openString(sealed, "user:42"));
    }

    @Test
    void roundTripsBytesWithoutAssociatedData() {
        byte[] secret = {0, 1, 2, (byte) 0xff};

        assertArrayEquals(secret, BOX.open(BOX.seal(secret)));
    }

    @Test
    void roundTripsEmptyPlaintext() {
        assertArrayEquals(new byte[0], BOX.open(BOX.seal(new byte[0])));
    }

    @Test
    void sealedValueIsVersionedBase64UrlOfNonceCiphertextAndTag() {
        String sealed = BOX.seal(new byte[5]);

        assertTrue(sealed.matches("v1\\.[A-Za-z0-9_-]{44}"), sealed);
    }

    @Test
    void sealedValueDoesNotContainThePlaintext() {
        String sealed = BOX.sealString("plaintext-marker", null);

        assertFalse(new String(Base64.getUrlDecoder().decode(sealed.substring(3)), StandardCharsets.ISO_8859_1)
                .contains("plaintext-marker"));
    }

    @Test
    void nonceDiffersBetweenSeals() {
        byte[] first = Base64.getUrlDecoder().decode(BOX.seal(new byte[16]).substring(3));
        byte[] second = Base64.getUrlDecoder().decode(BOX.seal(new byte[16]).substring(3));

        assertNotEquals(HEX.formatHex(first, 0, 12), HEX.formatHex(second, 0, 12));
    }

    @Test
    void alteredCiphertextIsRefused() {
        String sealed = flipByte(BOX.sealString("secret", "row-1"), 12);

        SecretBox.SealedSecretException e = assertThrows(SecretBox.SealedSecretException.class,
                () -> BOX.openString(sealed, "row-1"));
        assertInstanceOf(AEADBadTagException.class, e.getCause());
    }

    @Test
    void alteredTagIsRefused() {
        String sealed = BOX.sealString("secret", "row-1");
        String altered = flipByte(sealed, Base64.getUrlDecoder().decode(sealed.substring(3)).length - 1);

        SecretBox.SealedSecretException e = assertThrows(SecretBox.SealedSecretException.class,
                () -> BOX.openString(altered, "row-1"));
        assertEquals("the sealed secret failed authentication (altered, other associated data, or another key)", e.getMessage());
    }

    @Test
    void alteredNonceIsRefused() {
        String sealed = flipByte(BOX.sealString("secret", "row-1"), 0);

        SecretBox.SealedSecretException e = assertThrows(SecretBox.SealedSecretException.class,
                () -> BOX.openString(sealed, "row-1"));
        assertInstanceOf(AEADBadTagException.class, e.getCause());
    }

    @Test
    void otherAssociatedDataIsRefused() {
        String sealed = BOX.sealString("secret", "row-1");

        SecretBox.SealedSecretException e = assertThrows(SecretBox.SealedSecretException.class,
                () -> BOX.openString(sealed, "row-2"));
        assertInstanceOf(AEADBadTagException.class, e.getCause());
    }

    @Test
    void missingAssociatedDataIsRefused() {
        String sealed = BOX.sealString("secret", "row-1");

        SecretBox.SealedSecretException e = assertThrows(SecretBox.SealedSecretException.class,
                () -> BOX.openString(sealed, null));
        assertInstanceOf(AEADBadTagException.class, e.getCause());
    }

    @Test
    void otherKeyIsRefused() {
        String sealed = BOX.sealString("secret", "row-1");
        SecretBox other = SecretBox.fromBase64Key(SecretBox.newKey());

        SecretBox.SealedSecretException e = assertThrows(SecretBox.SealedSecretException.class,
                () -> other.openString(sealed, "row-1"));
        assertInstanceOf(AEADBadTagException.class, e.getCause());
    }

    @Test
    void otherVersionIsRefused() {
        String sealed = "v2." + BOX.sealString("secret", null).substring(3);

        SecretBox.SealedSecretException e = assertThrows(SecretBox.SealedSecretException.class, () -> BOX.open(sealed));
        assertEquals("the sealed secret does not start with v1.", e.getMessage());
    }

    @Test
    void truncatedValueIsRefused() {
        SecretBox.SealedSecretException e = assertThrows(SecretBox.SealedSecretException.class, () -> BOX.open("v1.AAAA"));

        assertEquals("the sealed secret is too short", e.getMessage());
    }

    @Test
    void nonBase64ValueIsRefused() {
        SecretBox.SealedSecretException e = assertThrows(SecretBox.SealedSecretException.class, () -> BOX.open("v1.@@@@"));

        assertEquals("the sealed secret is not valid base64url", e.getMessage());
    }

    @Test
    void urlSafeBase64KeyIsAccepted() {
        String urlKey = Base64.getUrlEncoder().withoutPadding().encodeToString(HEX.parseHex(TC16_KEY));
        byte[] out = SecretBox.fromBase64Key(urlKey).encrypt(HEX.parseHex(TC16_IV), HEX.parseHex(TC16_PLAINTEXT),
                HEX.parseHex(TC16_AAD));

        assertEquals(TC16_CIPHERTEXT + TC16_TAG, HEX.formatHex(out));
    }

    @Test
    void shortKeyIsRefusedWithItsLengthOnly() {
        String key = Base64.getEncoder().encodeToString(new byte[16]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64Key(key));
        assertEquals("the SecretBox key must be exactly 32 bytes (AES-256), not 16", e.getMessage());
    }

    @Test
    void longKeyIsRefused() {
        String key = Base64.getEncoder().encodeToString(new byte[33]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64Key(key));
        assertEquals("the SecretBox key must be exactly 32 bytes (AES-256), not 33", e.getMessage());
    }

    @Test
    void nonBase64KeyIsRefusedWithoutQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecretBox.fromBase64Key("s3cr3t!key-material*************************"));

        assertEquals("the SecretBox key is not valid base64", e.getMessage());
    }

    @Test
    void missingKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64Key(" "));

        assertEquals("the SecretBox key is missing", e.getMessage());
    }

    @Test
    void toStringHoldsNoKeyMaterial() {
        assertEquals("SecretBox[AES-256-GCM, v1.]", BOX.toString());
    }

    private static String flipByte(String sealed, int index) {
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(3));
        raw[index] ^= 0x01;
        return "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
