package dev.agentwarden.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.clock.MutableClock;
import dev.agentwarden.config.SecretBox;
import dev.agentwarden.ratelimit.RateLimiter;
import dev.agentwarden.store.MfaRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Mfa} over an in-memory store: enrolment, single use, drift, recovery codes, the lockout, the audit. */
class MfaTest {

    /** The store's MFA columns for one user, "alice" (id u1), with the same conditional updates. */
    private static final class Store extends MfaRepository {
        boolean enabled;
        String sealed;
        Long lastStep;
        final Map<String, Long> recovery = new HashMap<>();

        @Override
        public Optional<MfaState> state(String username) {
            return "alice".equals(username)
                    ? Optional.of(new MfaState("u1", "alice", "user", enabled, sealed, lastStep)) : Optional.empty();
        }

        @Override
        public boolean setPending(String username, String sealedSecret) {
            if (enabled) {
                return false;
            }
            sealed = sealedSecret;
            lastStep = null;
            return true;
        }

        @Override
        public boolean enable(String userId, String sealedSecret, long step, List<String> hashes) {
            if (enabled || !sealedSecret.equals(sealed)) {
                return false;
            }
            enabled = true;
            lastStep = step;
            recovery.clear();
            hashes.forEach(h -> recovery.put(h, null));
            return true;
        }

        @Override
        public boolean disable(String userId) {
            boolean was = enabled || sealed != null;
            enabled = false;
            sealed = null;
            lastStep = null;
            recovery.clear();
            return was;
        }

        @Override
        public boolean useStep(String userId, long step) {
            if (!enabled || (lastStep != null && lastStep >= step)) {
                return false;
            }
            lastStep = step;
            return true;
        }

        @Override
        public List<String> unusedRecoveryHashes(String userId) {
            List<String> unused = new ArrayList<>();
            recovery.forEach((hash, used) -> {
                if (used == null) {
                    unused.add(hash);
                }
            });
            return unused;
        }

        @Override
        public boolean useRecoveryCode(String userId, String hash, long now) {
            if (!recovery.containsKey(hash) || recovery.get(hash) != null) {
                return false;
            }
            recovery.put(hash, now);
            return true;
        }
    }

    /** Records the audit events instead of logging them. */
    private static final class Events extends SecurityLog {
        final List<String> types = new ArrayList<>();

        @Override
        public void record(String type, String agent, String peer, Map<String, Object> fields) {
            types.add(type + " " + fields.get("reason"));
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final Store store = new Store();
    private final Events events = new Events();
    private final Totp totp = new Totp();
    private Mfa mfa;

    @BeforeEach
    void mfa() {
        mfa = new Mfa(store, SecretBox.fromBase64Key(SecretBox.newKey()), new RateLimiter(clock), events, clock);
    }

    private byte[] enrolAndConfirm() {
        Mfa.Enrolment enrolment = mfa.enrol("alice").orElseThrow();
        byte[] seed = Totp.base32Decode(enrolment.secret());
        Mfa.Confirmation confirmation = mfa.confirm("alice", totp.totp(seed, clock.instant().getEpochSecond()), "p");
        assertNull(confirmation.refusal());
        return seed;
    }

    private String codeAt(byte[] seed, Duration from) {
        return totp.totp(seed, clock.instant().plus(from).getEpochSecond());
    }

    @Test
    void confirmingTurnsMfaOnWithTenRecoveryCodes() {
        Mfa.Enrolment enrolment = mfa.enrol("alice").orElseThrow();
        assertFalse(mfa.enabled("alice"));
        byte[] seed = Totp.base32Decode(enrolment.secret());
        Mfa.Confirmation confirmation = mfa.confirm("alice", totp.totp(seed, clock.instant().getEpochSecond()), "p");
        assertEquals(10, confirmation.recoveryCodes().size());
        assertTrue(mfa.enabled("alice"));
        assertTrue(events.types.contains("mfa.enabled null"), events.types.toString());
    }

    @Test
    void theSeedIsStoredSealed() {
        Mfa.Enrolment enrolment = mfa.enrol("alice").orElseThrow();
        assertTrue(store.sealed.startsWith(SecretBox.VERSION_PREFIX), store.sealed);
        assertFalse(store.sealed.contains(enrolment.secret()));
    }

    @Test
    void theCodeOfTheConfirmationIsUsedUp() {
        byte[] seed = enrolAndConfirm();
        assertEquals(Mfa.Check.INVALID, mfa.verify("alice", codeAt(seed, Duration.ZERO), "p"));
    }

    @Test
    void aCodeOfTheNextStepIsValidOnce() {
        byte[] seed = enrolAndConfirm();
        clock.advance(Duration.ofSeconds(30));
        String code = codeAt(seed, Duration.ZERO);
        assertEquals(Mfa.Check.VALID, mfa.verify("alice", code, "p"));
        assertEquals(Mfa.Check.INVALID, mfa.verify("alice", code, "p"));
        assertTrue(events.types.contains("mfa.failed reused"), events.types.toString());
    }

    @Test
    void oneStepOfDriftIsAccepted() {
        byte[] seed = enrolAndConfirm();
        clock.advance(Duration.ofSeconds(90));
        assertEquals(Mfa.Check.VALID, mfa.verify("alice", codeAt(seed, Duration.ofSeconds(-30)), "p"));
    }

    @Test
    void twoStepsOfDriftAreRefused() {
        byte[] seed = enrolAndConfirm();
        clock.advance(Duration.ofSeconds(120));
        assertEquals(Mfa.Check.INVALID, mfa.verify("alice", codeAt(seed, Duration.ofSeconds(-60)), "p"));
    }

    @Test
    void anOlderCodeIsRefusedOnceANewerOneWasUsed() {
        byte[] seed = enrolAndConfirm();
        clock.advance(Duration.ofSeconds(90));
        assertEquals(Mfa.Check.VALID, mfa.verify("alice", codeAt(seed, Duration.ZERO), "p"));
        assertEquals(Mfa.Check.INVALID, mfa.verify("alice", codeAt(seed, Duration.ofSeconds(-30)), "p"));
    }

    @Test
    void aRecoveryCodeWorksOnceInAnyCase() {
        Mfa.Enrolment enrolment = mfa.enrol("alice").orElseThrow();
        byte[] seed = Totp.base32Decode(enrolment.secret());
        List<String> codes = mfa.confirm("alice", totp.totp(seed, clock.instant().getEpochSecond()), "p")
                .recoveryCodes();
        assertEquals(Mfa.Check.RECOVERY, mfa.verify("alice", codes.get(2).toUpperCase(), "p"));
        assertEquals(Mfa.Check.INVALID, mfa.verify("alice", codes.get(2), "p"));
        assertTrue(events.types.contains("mfa.recovery_used null"), events.types.toString());
    }

    @Test
    void fiveWrongCodesLockTheUserOutEvenForAValidOne() {
        byte[] seed = enrolAndConfirm();
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            assertEquals(Mfa.Check.INVALID, mfa.verify("alice", "000000".equals(codeAt(seed, Duration.ZERO))
                    ? "111111" : "000000", "p"));
        }
        assertEquals(Mfa.Check.RATE_LIMITED, mfa.verify("alice", codeAt(seed, Duration.ZERO), "p"));
        assertTrue(mfa.retryAfterSeconds("alice") > 0);
    }

    @Test
    void theLockoutEndsWithItsWindow() {
        byte[] seed = enrolAndConfirm();
        for (int i = 0; i < 5; i++) {
            mfa.verify("alice", "abc", "p");
        }
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Mfa.Check.VALID, mfa.verify("alice", codeAt(seed, Duration.ZERO), "p"));
    }

    @Test
    void noCodeIsMissingNotAFailure() {
        enrolAndConfirm();
        assertEquals(Mfa.Check.MISSING, mfa.verify("alice", null, "p"));
        assertFalse(events.types.stream().anyMatch(t -> t.startsWith("mfa.failed")), events.types.toString());
    }

    @Test
    void aUserWithoutMfaIsNotEnrolled() {
        assertEquals(Mfa.Check.NOT_ENROLLED, mfa.verify("alice", "123456", "p"));
        assertEquals(Mfa.Check.NOT_ENROLLED, mfa.verify("bob", "123456", "p"));
    }

    @Test
    void enrollingWhileOnIsRefused() {
        enrolAndConfirm();
        assertTrue(mfa.enrol("alice").isEmpty());
    }

    @Test
    void disablingForgetsTheSeedAndTheCodes() {
        enrolAndConfirm();
        assertTrue(mfa.disable("alice", "admin", "p"));
        assertFalse(mfa.enabled("alice"));
        assertNull(store.sealed);
        assertTrue(store.recovery.isEmpty());
        assertTrue(events.types.contains("mfa.reset null"), events.types.toString());
    }
}
