package dev.agentwarden.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryCodesTest {

    private static final String USER = "user-42";
    private static final String CODE = "7k3m-9q2x-0h1w";
    /** printf 'user-42\0007k3m9q2x0h1w' | sha256sum */
    private static final String CODE_HASH = "01d84ccb84bff84b422c1d379689edcc0c07743e28594a38da9a9ee8a0459f06";

    @Test
    void generatesTenDistinctCodes() {
        List<String> codes = RecoveryCodes.generate();

        assertEquals(10, new HashSet<>(codes).size());
    }

    @Test
    void generatedCodesHaveTheFormatXxxxDashXxxxDashXxxx() {
        for (String code : RecoveryCodes.generate()) {
            assertTrue(code.matches("[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}"), code);
        }
    }

    @Test
    void generatedCodesNormaliseToThemselvesWithoutDashes() {
        String code = RecoveryCodes.generateOne();

        assertEquals(Optional.of(code.replace("-", "")), RecoveryCodes.normalise(code));
    }

    @Test
    void twoGenerationsDiffer() {
        assertNotEquals(RecoveryCodes.generate(), RecoveryCodes.generate());
    }

    @Test
    void hashIsSha256HexOfScopeNulAndNormalisedCode() {
        assertEquals(CODE_HASH, RecoveryCodes.hash(USER, CODE));
    }

    @Test
    void hashDependsOnTheScope() {
        assertNotEquals(CODE_HASH, RecoveryCodes.hash("user-43", CODE));
    }

    @Test
    void hashRefusesMalformedCodeWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecoveryCodes.hash(USER, "hunter2"));

        assertEquals("not a recovery code", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7k3m-9q2x-0h1w", "7K3M-9Q2X-0H1W", "7k3m9q2x0h1w", " 7k3m 9q2x 0h1w ", "7k3m--9q2x-Oh1w",
        "7k3m-9q2x-0hiw", "7k3m-9q2x-0hLw"})
    void normalisesCaseDashesSpacesAndLookAlikes(String input) {
        assertEquals(Optional.of("7k3m9q2x0h1w"), RecoveryCodes.normalise(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7k3m-9q2x-0h1", "7k3m-9q2x-0h1wx", "7k3m-9q2x-0h1u", "7k3m_9q2x_0h1w", "7k3m-9q2x-0h1é"})
    void normaliseRefusesMalformedInput(String input) {
        assertEquals(Optional.empty(), RecoveryCodes.normalise(input));
    }

    @Test
    void matchReturnsTheIndexOfTheMatchingHash() {
        List<String> stored = List.of(RecoveryCodes.hash(USER, "aaaa-bbbb-cccc"), CODE_HASH,
                RecoveryCodes.hash(USER, "dddd-eeee-ffff"));

        assertEquals(OptionalInt.of(1), RecoveryCodes.match(USER, "7K3M 9Q2X OH1W", stored));
    }

    @Test
    void matchRefusesACodeOfAnotherScope() {
        assertEquals(OptionalInt.empty(), RecoveryCodes.match("user-43", CODE, List.of(CODE_HASH)));
    }

    @Test
    void matchRefusesACodeAlreadyUsed() {
        List<String> remaining = List.of(RecoveryCodes.hash(USER, "aaaa-bbbb-cccc"));

        assertEquals(OptionalInt.empty(), RecoveryCodes.match(USER, CODE, remaining));
    }

    @Test
    void matchRefusesMalformedInput() {
        assertEquals(OptionalInt.empty(), RecoveryCodes.match(USER, "not-a-code", List.of(CODE_HASH)));
    }

    @Test
    void matchAcceptsUpperCaseStoredHex() {
        assertEquals(OptionalInt.of(0), RecoveryCodes.match(USER, CODE, List.of(CODE_HASH.toUpperCase(java.util.Locale.ROOT))));
    }

    @Test
    void everyAlphabetSymbolIsDrawn() {
        HashSet<Character> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            for (char c : RecoveryCodes.generateOne().replace("-", "").toCharArray()) {
                seen.add(c);
            }
        }

        assertEquals(32, seen.size());
    }
}
