package dev.agentwarden.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The API key format: prefix, base62 secret, checksum. */
class KeyFormatTest {

    @Test
    void aGeneratedKeyIsWellFormed() {
        String key = KeyFormat.generate("live", 32);
        assertTrue(key.matches("sk_live_[0-9A-Za-z]{38}"), key);
        assertTrue(KeyFormat.isWellFormed(key));
    }

    @Test
    void the64CharacterKeyOfTheSeedIsWellFormed() {
        String key = KeyFormat.generate("test", 64);
        assertEquals(8 + 64 + 6, key.length());
        assertTrue(KeyFormat.isWellFormed(key));
    }

    @Test
    void oneChangedCharacterBreaksTheChecksum() {
        String key = KeyFormat.generate("live", 32);
        String typo = key.substring(0, 10) + (key.charAt(10) == 'x' ? 'y' : 'x') + key.substring(11);
        assertFalse(KeyFormat.isWellFormed(typo));
    }

    @Test
    void otherPrefixesAreRefused() {
        String key = KeyFormat.generate("live", 32);
        assertFalse(KeyFormat.isWellFormed("pk_live_" + key.substring(8)));
    }

    @Test
    void nonBase62CharactersAreRefused() {
        assertFalse(KeyFormat.isWellFormed("sk_live_" + "a".repeat(37) + "!"));
    }

    @Test
    void tooShortIsRefused() {
        assertFalse(KeyFormat.isWellFormed("sk_live_abc"));
    }

    @Test
    void theHashIsSha256HexAndTheSecretIsNotInThePrefix() {
        String key = KeyFormat.generate("live", 32);
        assertTrue(KeyFormat.hash(key).matches("[0-9a-f]{64}"));
        assertEquals(12, KeyFormat.prefix(key).length());
        assertNotEquals(KeyFormat.hash(key), KeyFormat.hash(KeyFormat.generate("live", 32)));
    }
}
