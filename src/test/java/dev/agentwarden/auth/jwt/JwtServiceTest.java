package dev.agentwarden.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import dev.agentwarden.authz.WardenPrincipal;
import java.time.Clock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link JwtService}: the round trip, and every attack of the jwt_tool list refused with the right code. */
class JwtServiceTest {

    private static final String SECRET = "unit-test-jwt-secret-0123456789abcdef";
    private static final Set<String> ROLES = Set.of("admin", "developer", "viewer");

    private static JwtService service;
    /** The same secret, plus an external issuer's RSA and EC keys (a JWKS). */
    private static JwtService withJwks;
    private static RSAKey issuerRsa;
    private static ECKey issuerEc;
    private static RSAKey attackerRsa;

    @BeforeAll
    static void keys() throws Exception {
        issuerRsa = new RSAKeyGenerator(2048).keyID("issuer-rsa").generate();
        issuerEc = new ECKeyGenerator(Curve.P_256).keyID("issuer-ec").generate();
        attackerRsa = new RSAKeyGenerator(2048).keyID("issuer-rsa").generate();
        service = new JwtService(settings(null), ROLES, Clock.systemUTC());
        withJwks = new JwtService(settings(null), ROLES,
                new ImmutableJWKSet<>(new JWKSet(List.of(issuerRsa.toPublicJWK(), issuerEc.toPublicJWK()))),
                Clock.systemUTC());
    }

    private static JwtSettings settings(String jwksUrl) {
        return JwtSettings.from(Map.of("WARDEN_JWT_SECRET", SECRET, "WARDEN_JWT_TTL", "3600",
                "WARDEN_JWT_JWKS_URL", jwksUrl == null ? "" : jwksUrl)::get);
    }

    /** Claims our server would accept, for the tests to spoil one at a time. */
    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("agent-warden").audience("agent-warden").subject("alice")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).jwtID("j1")
                .claim("roles", List.of("admin")).claim("amr", List.of("pwd"));
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String hs256(JWTClaimsSet claims, byte[] key) throws Exception {
        return sign(new JWSHeader(JWSAlgorithm.HS256), claims, new MACSigner(key));
    }

    private static String ours(JWTClaimsSet claims) throws Exception {
        return hs256(claims, SECRET.getBytes(StandardCharsets.UTF_8));
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }

    private static void assertInvalid(JwtService jwts, String token) {
        assertEquals(JwtService.INVALID, jwts.verify(token).refusal());
    }

    private static void assertInvalid(String token) {
        assertInvalid(service, token);
        assertInvalid(withJwks, token);
    }

    // --- the round trip

    @Test
    void anIssuedTokenVerifies() {
        String token = service.issue("alice", List.of("admin", "viewer"), List.of("pwd"));
        JwtService.Verification verification = service.verify(token);
        assertTrue(verification.isValid());
        WardenPrincipal principal = verification.principal();
        assertEquals("alice", principal.getName());
        assertEquals(WardenPrincipal.Kind.JWT, principal.kind());
        assertEquals(Set.of("admin", "viewer"), principal.roles());
        assertEquals(Set.of(), principal.permissions());
        assertFalse(principal.mfa());
    }

    @Test
    void anIssuedTokenCarriesTheContractClaims() throws Exception {
        SignedJWT jwt = SignedJWT.parse(service.issue("alice", List.of("viewer"), List.of("pwd")));
        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertEquals(JOSEObjectType.JWT, jwt.getHeader().getType());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals("agent-warden", claims.getIssuer());
        assertEquals(List.of("agent-warden"), claims.getAudience());
        assertEquals("alice", claims.getSubject());
        assertEquals(3600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertTrue(claims.getJWTID().length() >= 32);
        assertEquals(List.of("viewer"), claims.getStringListClaim("roles"));
        assertEquals(List.of("pwd"), claims.getStringListClaim("amr"));
    }

    @Test
    void everyIssuedTokenHasItsOwnId() throws Exception {
        String a = service.issue("alice", List.of(), List.of("pwd"));
        String b = service.issue("alice", List.of(), List.of("pwd"));
        assertNotEquals(SignedJWT.parse(a).getJWTClaimsSet().getJWTID(), SignedJWT.parse(b).getJWTClaimsSet().getJWTID());
    }

    @Test
    void anMfaAmrMarksThePrincipal() {
        assertTrue(service.verify(service.issue("alice", List.of(), List.of("pwd", "mfa"))).principal().mfa());
    }

    @Test
    void unknownRolesAreDropped() throws Exception {
        String token = ours(claims().claim("roles", List.of("superuser", "viewer")).build());
        assertEquals(Set.of("viewer"), service.verify(token).principal().roles());
    }

    @Test
    void aTokenWithoutRolesHasNone() throws Exception {
        assertEquals(Set.of(), service.verify(ours(claims().claim("roles", null).build())).principal().roles());
    }

    @Test
    void rolesThatAreNotAListOfStringsAreInvalid() throws Exception {
        assertInvalid(ours(claims().claim("roles", "admin").build()));
    }

    @Test
    void anAudienceListContainingOursIsAccepted() throws Exception {
        assertTrue(service.verify(ours(claims().audience(List.of("other", "agent-warden")).build())).isValid());
    }

    @Test
    void anAccessTokenTypIsAccepted() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build();
        assertTrue(service.verify(sign(header, claims().build(), new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8))))
                .isValid());
    }

    // --- jwt_tool: algorithm and key attacks

    @Test
    void algNoneIsInvalid() {
        assertInvalid(new PlainJWT(claims().build()).serialize());
    }

    @Test
    void algNoneWithASignatureOfOursIsInvalid() throws Exception {
        String[] genuine = ours(claims().build()).split("\\.");
        String none = Base64URL.encode("{\"alg\":\"none\"}").toString();
        assertInvalid(none + "." + genuine[1] + "." + genuine[2]);
    }

    @Test
    void hs256WithAnotherKeyIsInvalid() throws Exception {
        assertInvalid(hs256(claims().build(), "attacker-secret-0123456789abcdef!!".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hs384AndHs512WithOurSecretAreInvalid() throws Exception {
        byte[] key = (SECRET + SECRET).getBytes(StandardCharsets.UTF_8);
        JwtService longKey = new JwtService(new JwtSettings(key, false, "agent-warden", "agent-warden", 60, null), ROLES,
                Clock.systemUTC());
        assertInvalid(longKey, sign(new JWSHeader(JWSAlgorithm.HS384), claims().build(), new MACSigner(key)));
        assertInvalid(longKey, sign(new JWSHeader(JWSAlgorithm.HS512), claims().build(), new MACSigner(key)));
        assertTrue(longKey.verify(hs256(claims().build(), key)).isValid());
    }

    @Test
    void rs256WithoutAJwksIsInvalidEvenWhenGenuine() throws Exception {
        assertInvalid(service, sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer-rsa").build(),
                claims().build(), new RSASSASigner(issuerRsa)));
    }

    @Test
    void rs256AndEs256FromTheJwksAreAccepted() throws Exception {
        String rsa = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer-rsa").build(), claims().build(),
                new RSASSASigner(issuerRsa));
        String ec = sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("issuer-ec").build(), claims().build(),
                new ECDSASigner(issuerEc));
        assertEquals("alice", withJwks.verify(rsa).principal().getName());
        assertEquals("alice", withJwks.verify(ec).principal().getName());
    }

    // --- service accounts

    @Test
    void aServiceAccountTokenIsAServiceCallerWithExactlyItsPermissions() {
        JwtService.Verification verification = service.verify(service.issueService("billing", "sa_abc",
                List.of("agents:read:billing", "agents:use_agent:billing")));
        WardenPrincipal principal = verification.principal();
        assertEquals("billing", principal.getName());
        assertEquals(WardenPrincipal.Kind.SERVICE, principal.kind());
        assertEquals(Set.of("agents:read:billing", "agents:use_agent:billing"), principal.permissions());
        assertEquals(Set.of(), principal.roles());
        assertFalse(principal.mfa());
        assertEquals("sa_abc", verification.clientId());
    }

    @Test
    void aServiceAccountTokenCarriesNoRolesNorSignInClaims() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(service.issueService("billing", "sa_abc", List.of("agents:read:*")))
                .getJWTClaimsSet();
        assertEquals(List.of("agents:read:*"), claims.getStringListClaim("perms"));
        assertEquals("sa_abc", claims.getStringClaim("client_id"));
        assertEquals(null, claims.getClaim("roles"));
        assertEquals(null, claims.getClaim("amr"));
    }

    @Test
    void aUserTokenNamesNoClient() {
        assertEquals(null, service.verify(service.issue("alice", List.of("viewer"), List.of("pwd"))).clientId());
    }

    @Test
    void ourTokenWithAClientIdButNoPermissionsIsInvalid() throws Exception {
        assertInvalid(ours(claims().claim("client_id", "sa_abc").build()));
    }

    @Test
    void anExternalTokenWithAClientIdStaysAPlainSubjectWithoutPermissions() throws Exception {
        String rsa = sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer-rsa").build(),
                claims().claim("client_id", "sa_abc").claim("perms", List.of("*")).build(),
                new RSASSASigner(issuerRsa));
        JwtService.Verification verification = withJwks.verify(rsa);
        assertEquals(WardenPrincipal.Kind.JWT, verification.principal().kind());
        assertEquals(Set.of(), verification.principal().permissions());
        assertEquals(null, verification.clientId());
    }

    @Test
    void rs256SignedByAnAttackerKeyIsInvalid() throws Exception {
        assertInvalid(sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer-rsa").build(), claims().build(),
                new RSASSASigner(attackerRsa)));
    }

    @Test
    void keyConfusionHs256KeyedWithThePublicKeyIsInvalid() throws Exception {
        byte[] der = issuerRsa.toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        assertInvalid(hs256(claims().build(), der));
        assertInvalid(hs256(claims().build(), pem.getBytes(StandardCharsets.US_ASCII)));
        assertInvalid(hs256(claims().build(), issuerRsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEmbeddedJwkIsNotTrusted() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(attackerRsa.toPublicJWK()).build();
        assertInvalid(sign(header, claims().build(), new RSASSASigner(attackerRsa)));
    }

    @Test
    void jkuAndX5uAreNotFollowed() throws Exception {
        JWSHeader jku = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer-rsa")
                .jwkURL(URI.create("https://attacker.example/jwks.json")).build();
        JWSHeader x5u = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer-rsa")
                .x509CertURL(URI.create("https://attacker.example/cert.pem")).build();
        assertInvalid(sign(jku, claims().build(), new RSASSASigner(attackerRsa)));
        assertInvalid(sign(x5u, claims().build(), new RSASSASigner(attackerRsa)));
    }

    @Test
    void kidPathTraversalToDevNullIsInvalid() throws Exception {
        // HMAC pads keys with zeros: 32 zero bytes sign exactly as the empty content of /dev/null would.
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("../../../../../../dev/null").build();
        assertInvalid(sign(header, claims().build(), new MACSigner(new byte[32])));
    }

    @Test
    void kidSqlInjectionIsInvalid() throws Exception {
        String key = "attacker-chosen-key-0123456789abcdef";
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID("x' UNION SELECT '" + key + "' --").build();
        assertInvalid(sign(header, claims().build(), new MACSigner(key.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aKidOnAnHs256TokenIsRefusedEvenWithOurSecret() throws Exception {
        // Our key has no id: a token naming one was not made by us.
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build();
        assertInvalid(sign(header, claims().build(), new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void anUnknownCriticalHeaderIsInvalid() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).criticalParams(Set.of("exp-policy"))
                .customParam("exp-policy", "lax").build();
        assertInvalid(sign(header, claims().build(), new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void anotherTypIsInvalid() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("dpop+jwt")).build();
        assertInvalid(sign(header, claims().build(), new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void anEncryptedJwtIsInvalid() throws Exception {
        var jwe = new com.nimbusds.jose.JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
                new Payload(claims().build().toJSONObject()));
        jwe.encrypt(new DirectEncrypter(SECRET.substring(0, 32).getBytes(StandardCharsets.UTF_8)));
        assertInvalid(jwe.serialize());
    }

    // --- jwt_tool: signature tampering

    @Test
    void aNullSignatureIsInvalid() throws Exception {
        String token = ours(claims().build());
        assertInvalid(token.substring(0, token.lastIndexOf('.') + 1));
    }

    @Test
    void aTruncatedSignatureIsInvalid() throws Exception {
        String token = ours(claims().build());
        assertInvalid(token.substring(0, token.length() - 4));
    }

    @Test
    void aTamperedPayloadIsInvalid() throws Exception {
        String[] parts = ours(claims().claim("roles", List.of("viewer")).build()).split("\\.");
        String admin = claims().build().toPayload().toBase64URL().toString();
        assertInvalid(parts[0] + "." + admin + "." + parts[2]);
    }

    @Test
    void garbageIsInvalidAndNeverThrows() {
        for (String token : new String[] {null, "", "abc", "a.b.c", "..", "....", "eyJ.eyJ.", "e30.e30.e30",
                "e30.e30.", "%%%.%%%.%%%", "x".repeat(9000)}) {
            assertInvalid(token);
        }
    }

    // --- claims

    @Test
    void anExpiredTokenIsTokenExpired() throws Exception {
        JWTClaimsSet claims = claims().issueTime(secondsFromNow(-7200)).expirationTime(secondsFromNow(-3600)).build();
        assertEquals(JwtService.EXPIRED, service.verify(ours(claims)).refusal());
    }

    @Test
    void expiryWithinTheClockSkewIsAccepted() throws Exception {
        assertTrue(service.verify(ours(claims().expirationTime(secondsFromNow(-30)).build())).isValid());
    }

    @Test
    void anExpiredForgeryIsInvalidNotExpired() throws Exception {
        JWTClaimsSet claims = claims().expirationTime(secondsFromNow(-3600)).build();
        assertInvalid(hs256(claims, "attacker-secret-0123456789abcdef!!".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anExpiredTokenOfAnotherIssuerIsInvalidNotExpired() throws Exception {
        assertInvalid(ours(claims().issuer("evil").expirationTime(secondsFromNow(-3600)).build()));
    }

    @Test
    void theExpiryMessageOfNimbusIsPinned() {
        assertTrue(JwtService.isExpiry(new BadJWTException("Expired JWT")));
        assertFalse(JwtService.isExpiry(new BadJWTException("JWT before use time")));
        assertFalse(JwtService.isExpiry(new BadJOSEException("Expired JWT")));
    }

    @Test
    void notBeforeInTheFutureIsInvalid() throws Exception {
        assertInvalid(ours(claims().notBeforeTime(secondsFromNow(600)).build()));
    }

    @Test
    void notBeforeWithinTheClockSkewIsAccepted() throws Exception {
        assertTrue(service.verify(ours(claims().notBeforeTime(secondsFromNow(30)).build())).isValid());
    }

    @Test
    void issuedInTheFutureIsInvalid() throws Exception {
        assertInvalid(ours(claims().issueTime(secondsFromNow(600)).build()));
    }

    @Test
    void aWrongIssuerIsInvalid() throws Exception {
        assertInvalid(ours(claims().issuer("agent-warden-evil").build()));
    }

    @Test
    void aWrongAudienceIsInvalid() throws Exception {
        assertInvalid(ours(claims().audience("another-service").build()));
    }

    @Test
    void eachRequiredClaimMissingIsInvalid() throws Exception {
        for (String claim : List.of("iss", "aud", "sub", "iat", "exp")) {
            assertInvalid(ours(claims().claim(claim, null).build()));
        }
    }

    @Test
    void aBlankSubjectIsInvalid() throws Exception {
        assertInvalid(ours(claims().subject(" ").build()));
    }

    // --- settings

    @Test
    void aShortSecretFailsWithAMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JwtSettings.from(Map.of("WARDEN_JWT_SECRET", "too-short")::get));
        assertTrue(e.getMessage().contains("WARDEN_JWT_SECRET must be at least 32 bytes"));
    }

    @Test
    void withoutASecretOneIsGenerated() {
        JwtSettings generated = JwtSettings.from(key -> null);
        assertTrue(generated.secretGenerated());
        assertEquals(32, generated.secret().length);
        assertEquals("agent-warden", generated.issuer());
        assertEquals("agent-warden", generated.audience());
        assertEquals(3600, generated.ttlSeconds());
    }

    @Test
    void aBadTtlFailsWithAMessage() {
        assertThrows(IllegalStateException.class, () -> JwtSettings.from(Map.of("WARDEN_JWT_TTL", "0")::get));
        assertThrows(IllegalStateException.class, () -> JwtSettings.from(Map.of("WARDEN_JWT_TTL", "1h")::get));
    }

    @Test
    void aJwksUrlMustBeHttpsOrLocal() {
        assertThrows(IllegalStateException.class, () -> JwtSettings.jwksUrl("http://idp.example/jwks.json"));
        assertThrows(IllegalStateException.class, () -> JwtSettings.jwksUrl("file:///etc/passwd"));
        assertThrows(IllegalStateException.class, () -> JwtSettings.jwksUrl("not a url"));
        assertEquals("https://idp.example/jwks.json", JwtSettings.jwksUrl("https://idp.example/jwks.json").toString());
        assertEquals("http://127.0.0.1:9/jwks", JwtSettings.jwksUrl("http://127.0.0.1:9/jwks").toString());
    }

    @Test
    void theSecretDoesNotLeakThroughToString() {
        assertFalse(settings(null).toString().contains(SECRET));
    }
}
