package dev.agentwarden.mfa;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.config.SecretBox;
import dev.agentwarden.ratelimit.RateLimitStore;
import dev.agentwarden.store.MfaRepository;
import dev.agentwarden.store.MfaRepository.MfaState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Users' second factor (TOTP, RFC 6238: SHA-1, 6 digits, 30 s, ±1 step of drift) and their recovery codes. The seed
 * is sealed with {@code WARDEN_SECRETS_KEY} (AES-GCM, bound to the user's id) and never shown after enrolment. A code
 * is accepted once: the accepted time step is recorded by a conditional update in the store, so it stays used across
 * restarts and nodes. Five wrong codes per user within five minutes lock further attempts ({@code rate_limited})
 * until the window refills. Every outcome is audited: {@code mfa.enabled}, {@code mfa.disabled}, {@code mfa.failed},
 * {@code mfa.recovery_used}, {@code mfa.reset}.
 */
@ApplicationScoped
public class Mfa {

    /** Wrong codes allowed per user in {@link #FAILURE_WINDOW}. */
    public static final int MAX_FAILURES = 5;
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);

    private final Totp totp = new Totp();
    private MfaRepository repository;
    private SecretBox box;
    private RateLimitStore limits;
    private SecurityLog securityLog;
    private Clock clock;

    @Inject
    public Mfa(MfaRepository repository, SecretBox box, RateLimitStore limits, SecurityLog securityLog, Clock clock) {
        this.repository = repository;
        this.box = box;
        this.limits = limits;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected Mfa() {
    }

    /** The outcome of checking a code. */
    public enum Check {
        /** A valid TOTP code, now used. */
        VALID,
        /** A valid recovery code, now used. */
        RECOVERY,
        /** No code was given. */
        MISSING,
        /** Wrong, reused or malformed. */
        INVALID,
        /** Too many wrong codes lately: not even checked. */
        RATE_LIMITED,
        /** The user has no second factor (or does not exist). */
        NOT_ENROLLED
    }

    /** What enrolment shows once: the base32 seed, the {@code otpauth://} URI and its QR code (base64 PNG). */
    public record Enrolment(String secret, String otpauthUri, String qrPng) {
    }

    /** Whether {@code username} is a person's account (not a service account), the only kind with a second factor. */
    public boolean isUser(String username) {
        return repository.state(username).map(s -> "user".equals(s.kind())).orElse(false);
    }

    /** Whether {@code username} has MFA on. */
    public boolean enabled(String username) {
        return repository.state(username).map(MfaState::enabled).orElse(false);
    }

    /** Starts enrolment: a new pending seed (nothing changes for sign-in until confirmed); empty when MFA is on. */
    public Optional<Enrolment> enrol(String username) {
        MfaState state = repository.state(username).orElseThrow(() -> new IllegalArgumentException("no such user"));
        if (state.enabled()) {
            return Optional.empty();
        }
        byte[] seed = Totp.newSecret();
        if (!repository.setPending(username, box.seal(seed, state.userId().getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
            return Optional.empty();
        }
        String uri = totp.otpauthUri(Totp.ISSUER, username, seed);
        return Optional.of(new Enrolment(Totp.base32Encode(seed), uri,
                Base64.getEncoder().encodeToString(QrCode.png(uri))));
    }

    /** The outcome of a confirmation: the recovery codes (shown once), or why not. */
    public record Confirmation(List<String> recoveryCodes, Check refusal) {
    }

    /** Confirms the pending seed with a code from the authenticator: MFA is on, and 10 recovery codes are issued. */
    public Confirmation confirm(String username, String code, String peer) {
        MfaState state = repository.state(username).orElse(null);
        if (state == null || state.enabled() || state.sealedSecret() == null) {
            return new Confirmation(List.of(), Check.NOT_ENROLLED);
        }
        if (!allowed(username)) {
            failed(state, peer, "rate_limited");
            return new Confirmation(List.of(), Check.RATE_LIMITED);
        }
        OptionalLong step = code == null ? OptionalLong.empty()
                : totp.verify(seed(state), code.trim(), clock.instant().getEpochSecond());
        if (step.isEmpty()) {
            countFailure(username);
            failed(state, peer, code == null ? "missing" : "invalid");
            return new Confirmation(List.of(), code == null ? Check.MISSING : Check.INVALID);
        }
        List<String> codes = RecoveryCodes.generate();
        List<String> hashes = new ArrayList<>();
        codes.forEach(c -> hashes.add(RecoveryCodes.hash(state.userId(), c)));
        if (!repository.enable(state.userId(), state.sealedSecret(), step.getAsLong(), hashes)) {
            return new Confirmation(List.of(), Check.NOT_ENROLLED);
        }
        securityLog.record("mfa.enabled", null, peer, Map.of("username", username));
        return new Confirmation(codes, null);
    }

    /** Checks a TOTP or recovery code of {@code username}, using it up when it is valid. */
    public Check verify(String username, String code, String peer) {
        MfaState state = repository.state(username).orElse(null);
        if (state == null || !state.enabled() || state.sealedSecret() == null) {
            return Check.NOT_ENROLLED;
        }
        if (code == null || code.isBlank()) {
            return Check.MISSING;
        }
        if (!allowed(username)) {
            failed(state, peer, "rate_limited");
            return Check.RATE_LIMITED;
        }
        String given = code.trim();
        if (given.matches("[0-9]{6}")) {
            OptionalLong step = totp.verify(seed(state), given, clock.instant().getEpochSecond(), Totp.DEFAULT_WINDOW,
                    state.lastStep() == null ? Long.MIN_VALUE : state.lastStep());
            if (step.isPresent() && repository.useStep(state.userId(), step.getAsLong())) {
                return Check.VALID;
            }
            countFailure(username);
            failed(state, peer, step.isPresent() || wasUsed(state, given) ? "reused" : "invalid");
            return Check.INVALID;
        }
        List<String> unused = repository.unusedRecoveryHashes(state.userId());
        OptionalInt match = RecoveryCodes.match(state.userId(), given, unused);
        if (match.isPresent() && repository.useRecoveryCode(state.userId(), unused.get(match.getAsInt()),
                clock.millis())) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("username", username);
            fields.put("remaining", unused.size() - 1);
            securityLog.record("mfa.recovery_used", null, peer, fields);
            return Check.RECOVERY;
        }
        countFailure(username);
        failed(state, peer, "invalid_recovery_code");
        return Check.INVALID;
    }

    /** Turns {@code username}'s MFA off (the user, with a valid code, or an admin's reset); false when it was off. */
    public boolean disable(String username, String by, String peer) {
        MfaState state = repository.state(username).orElse(null);
        if (state == null || !repository.disable(state.userId())) {
            return false;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("by", by);
        securityLog.record(username.equals(by) ? "mfa.disabled" : "mfa.reset", null, peer, fields);
        return true;
    }

    /** Seconds until another code may be tried, when the user is locked out. */
    public long retryAfterSeconds(String username) {
        return limits.peek(key(username), MAX_FAILURES, FAILURE_WINDOW).resetSeconds();
    }

    private boolean wasUsed(MfaState state, String code) {
        return state.lastStep() != null && totp.verify(seed(state), code, clock.instant().getEpochSecond()).isPresent();
    }

    private boolean allowed(String username) {
        return limits.peek(key(username), MAX_FAILURES, FAILURE_WINDOW).allowed();
    }

    private void countFailure(String username) {
        limits.tryConsume(key(username), MAX_FAILURES, FAILURE_WINDOW);
    }

    private static String key(String username) {
        return "mfa|" + username;
    }

    private byte[] seed(MfaState state) {
        return box.open(state.sealedSecret(), state.userId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void failed(MfaState state, String peer, String reason) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", state.username());
        fields.put("reason", reason);
        securityLog.record("mfa.failed", null, peer, fields);
    }
}
