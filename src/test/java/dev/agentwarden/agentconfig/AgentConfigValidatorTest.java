package dev.agentwarden.agentconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentwarden.agentconfig.AgentConfigDocument.AuthType;
import dev.agentwarden.agentconfig.AgentConfigDocument.MfaOperation;
import dev.agentwarden.agentconfig.AgentConfigValidator.FieldError;
import dev.agentwarden.agentconfig.AgentConfigValidator.Result;
import dev.agentwarden.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentConfigValidatorTest {

    private static final AgentConfigValidator VALIDATOR = new AgentConfigValidator();

    /** API.md §2's example, with the seed's clientSecret. */
    private static final String SEED = """
            {"auth": {"type": "oauth2", "provider": "auth0", "clientId": "your-client-id",
                      "clientSecret": "your-client-secret", "scopes": ["read:agents", "write:agents"]},
             "security": {"ipWhitelist": {"enabled": true, "addresses": ["203.0.113.0/24", "198.51.100.42"]},
                          "rateLimit": {"enabled": true, "requests": 100, "window": "1m"},
                          "mfa": {"enabled": true, "operations": ["delete", "update"]},
                          "rotation": {"interval": "90d"},
                          "mtls": {"enabled": true},
                          "enforceHttps": true, "hsts": {"enabled": true, "maxAge": 31536000},
                          "webhooks": {"requireTimestamp": true}}}
            """;

    private static Result validate(String json) {
        return VALIDATOR.validate(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<FieldError> errors(String json) {
        Result result = validate(json);
        assertFalse(result.valid(), json);
        assertNull(result.document());
        return result.errors();
    }

    private static List<FieldError> security(String securityJson) {
        return errors("{\"security\": " + securityJson + "}");
    }

    private static FieldError error(String pointer, String detail) {
        return new FieldError(pointer, detail);
    }

    @Test
    void theSeedDocumentIsValidAndTyped() {
        Result result = validate(SEED);

        assertTrue(result.valid(), result.errors().toString());
        AgentConfigDocument doc = result.document();
        assertEquals(AuthType.OAUTH2, doc.auth().type());
        assertEquals("auth0", doc.auth().provider());
        assertEquals("your-client-id", doc.auth().clientId());
        assertEquals("your-client-secret", doc.auth().clientSecret());
        assertEquals(List.of("read:agents", "write:agents"), doc.auth().scopes());
        assertEquals(List.of("203.0.113.0/24", "198.51.100.42"), doc.security().ipWhitelist().addresses());
        assertTrue(doc.security().ipWhitelist().enabled());
        assertEquals(100, doc.security().rateLimit().requests());
        assertEquals(Duration.ofMinutes(1), doc.security().rateLimit().windowDuration());
        assertEquals(Set.of(MfaOperation.DELETE, MfaOperation.UPDATE), doc.security().mfa().operations());
        assertEquals(Optional.of(Duration.ofDays(90)), doc.security().rotation().intervalDuration());
        assertTrue(doc.security().mtls().enabled());
        assertTrue(doc.security().enforceHttps());
        assertEquals(31_536_000, doc.security().hsts().maxAge());
        assertTrue(doc.security().webhooks().requireTimestamp());
    }

    @Test
    void anEmptyDocumentIsTheDefaults() {
        assertEquals(AgentConfigDocument.DEFAULTS, validate("{}").document());
    }

    @Test
    void omittedFieldsTakeTheirDefaults() {
        AgentConfigDocument doc = validate("{\"security\": {\"rateLimit\": {\"enabled\": true}, \"hsts\": {\"enabled\": true}}}")
                .document();

        assertEquals(new AgentConfigDocument.RateLimit(true, 100, "1m"), doc.security().rateLimit());
        assertEquals(new AgentConfigDocument.Hsts(true, 31_536_000, false), doc.security().hsts());
        assertEquals(AuthType.NONE, doc.auth().type());
    }

    @Test
    void theDocumentRoundTripsThroughItsMapWithoutTheSecret() {
        AgentConfigDocument doc = validate(SEED).document();

        Result again = VALIDATOR.validate(Json.writeBytes(doc.toMap()));

        assertTrue(again.valid(), again.errors().toString());
        assertEquals(doc.auth().withClientSecret(null), again.document().auth());
        assertEquals(doc.security(), again.document().security());
    }

    @Test
    void valuesFromJsonParseAreValidatedToo() {
        Result result = VALIDATOR.validate(Json.parse("{\"security\": {\"rateLimit\": {\"requests\": 7}}}"));

        assertEquals(7, result.document().security().rateLimit().requests());
    }

    @Test
    void addressesAreStoredInCanonicalForm() {
        AgentConfigDocument doc = validate("{\"security\": {\"ipWhitelist\": {\"addresses\": "
                + "[\"2001:DB8:0::/32\", \"198.51.100.42/32\", \"198.51.100.42\", \"::ffff:203.0.113.5\"]}}}").document();

        assertEquals(List.of("2001:db8::/32", "198.51.100.42", "203.0.113.5"), doc.security().ipWhitelist().addresses());
    }

    @Test
    void anUnknownTopLevelKeyIsInvalid() {
        assertEquals(List.of(error("/unknownKey", "unknown key; allowed: auth, security")),
                errors("{\"unknownKey\": true}"));
    }

    @Test
    void anUnknownKeyInSecurityIsInvalid() {
        assertEquals(List.of(error("/security/unknownKey",
                "unknown key; allowed: ipWhitelist, rateLimit, mfa, rotation, mtls, enforceHttps, hsts, webhooks")),
                security("{\"unknownKey\": 1}"));
    }

    @Test
    void anUnknownKeyInANestedBlockIsInvalid() {
        assertEquals(List.of(error("/security/mtls/clientCert", "unknown key; allowed: enabled")),
                security("{\"mtls\": {\"enabled\": true, \"clientCert\": \"/path/to/client.crt\"}}"));
    }

    @Test
    void anUnknownKeyInAuthIsInvalid() {
        assertEquals(List.of(error("/auth/redirectUri",
                "unknown key; allowed: type, provider, clientId, clientSecret, scopes")),
                errors("{\"auth\": {\"redirectUri\": \"https://yourapp.com/callback\"}}"));
    }

    @Test
    void aKeyWithSlashOrTildeIsEscapedInThePointer() {
        assertEquals(List.of(error("/a~1b~0c", "unknown key; allowed: auth, security")), errors("{\"a/b~c\": 1}"));
    }

    @Test
    void aCidrPrefixBeyondTheAddressSizeIsInvalid() {
        assertEquals(List.of(error("/security/ipWhitelist/addresses/1",
                "'10.0.0.0/33' is not an IPv4 or IPv6 address or CIDR block")),
                security("{\"ipWhitelist\": {\"addresses\": [\"203.0.113.0/24\", \"10.0.0.0/33\"]}}"));
    }

    @Test
    void anIpv4OctetOver255IsInvalid() {
        assertEquals(List.of(error("/security/ipWhitelist/addresses/0",
                "'300.1.1.1' is not an IPv4 or IPv6 address or CIDR block")),
                security("{\"ipWhitelist\": {\"addresses\": [\"300.1.1.1\"]}}"));
    }

    @Test
    void aCidrWithHostBitsIsInvalidAndNamesTheNetwork() {
        assertEquals(List.of(error("/security/ipWhitelist/addresses/0",
                "'10.0.0.1/24' has host bits set; the network is 10.0.0.0/24")),
                security("{\"ipWhitelist\": {\"addresses\": [\"10.0.0.1/24\"]}}"));
    }

    @Test
    void aHostNameIsNotAnAddress() {
        assertEquals(List.of(error("/security/ipWhitelist/addresses/0",
                "'example.com' is not an IPv4 or IPv6 address or CIDR block")),
                security("{\"ipWhitelist\": {\"addresses\": [\"example.com\"]}}"));
    }

    @Test
    void anIpv6PrefixOver128IsInvalid() {
        assertEquals(List.of(error("/security/ipWhitelist/addresses/0",
                "'2001:db8::/129' is not an IPv4 or IPv6 address or CIDR block")),
                security("{\"ipWhitelist\": {\"addresses\": [\"2001:db8::/129\"]}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0m", "5x", "-1h", "90", "1.5h", "01m", "1000000s", ""})
    void aBadRateLimitWindowIsInvalid(String window) {
        assertEquals(List.of(error("/security/rateLimit/window", ValidationDetails.DURATION)),
                security("{\"rateLimit\": {\"enabled\": true, \"window\": \"" + window + "\"}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0m", "5x", "-1h", "90"})
    void aBadRotationIntervalIsInvalid(String interval) {
        assertEquals(List.of(error("/security/rotation/interval", ValidationDetails.DURATION)),
                security("{\"rotation\": {\"interval\": \"" + interval + "\"}}"));
    }

    @Test
    void theDurationDetailIsPlainWords() {
        assertEquals("must be a positive duration: 1 to 999999 followed by s, m, h or d (30s, 5m, 24h, 90d)",
                ValidationDetails.DURATION);
    }

    @Test
    void zeroRequestsIsInvalid() {
        assertEquals(List.of(error("/security/rateLimit/requests", "must be at least 1")),
                security("{\"rateLimit\": {\"requests\": 0}}"));
    }

    @Test
    void negativeRequestsIsInvalid() {
        assertEquals(List.of(error("/security/rateLimit/requests", "must be at least 1")),
                security("{\"rateLimit\": {\"requests\": -5}}"));
    }

    @Test
    void requestsBeyondAnIntAreInvalid() {
        assertEquals(List.of(error("/security/rateLimit/requests", "must be at most 2147483647")),
                security("{\"rateLimit\": {\"requests\": 2147483648}}"));
    }

    @Test
    void requestsAsAStringAreInvalid() {
        assertEquals(List.of(error("/security/rateLimit/requests", "must be an integer, not a string")),
                security("{\"rateLimit\": {\"requests\": \"100\"}}"));
    }

    @Test
    void aFractionalMaxAgeIsInvalid() {
        assertEquals(List.of(error("/security/hsts/maxAge", "must be an integer, not a number with a fraction")),
                security("{\"hsts\": {\"maxAge\": 1.5}}"));
    }

    @Test
    void aNegativeMaxAgeIsInvalid() {
        assertEquals(List.of(error("/security/hsts/maxAge", "must be at least 0")), security("{\"hsts\": {\"maxAge\": -1}}"));
    }

    @Test
    void anUnknownMfaOperationIsInvalid() {
        assertEquals(List.of(error("/security/mfa/operations/1",
                "must be one of update, delete, keys, export, whitelist, not \"sms\"")),
                security("{\"mfa\": {\"enabled\": true, \"operations\": [\"update\", \"sms\"]}}"));
    }

    @Test
    void aStringForABooleanIsInvalid() {
        assertEquals(List.of(error("/security/mfa/enabled", "must be a boolean, not a string")),
                security("{\"mfa\": {\"enabled\": \"yes\"}}"));
    }

    @Test
    void nullForABooleanIsInvalid() {
        assertEquals(List.of(error("/security/enforceHttps", "must be a boolean, not null")),
                security("{\"enforceHttps\": null}"));
    }

    @Test
    void aStringForAnArrayIsInvalid() {
        assertEquals(List.of(error("/security/ipWhitelist/addresses", "must be an array, not a string")),
                security("{\"ipWhitelist\": {\"addresses\": \"203.0.113.0/24\"}}"));
    }

    @Test
    void aNumberInAnArrayOfStringsIsInvalid() {
        assertEquals(List.of(error("/auth/scopes/0", "must be a string, not an integer")),
                errors("{\"auth\": {\"scopes\": [5]}}"));
    }

    @Test
    void aBlockThatIsNotAnObjectIsInvalid() {
        assertEquals(List.of(error("/security/rateLimit", "must be an object, not a boolean")),
                security("{\"rateLimit\": true}"));
    }

    @Test
    void aDocumentThatIsNotAnObjectIsInvalidAtTheRoot() {
        assertEquals(List.of(error("", "must be an object, not an array")), errors("[]"));
    }

    @Test
    void anUnknownAuthTypeIsInvalid() {
        assertEquals(List.of(error("/auth/type", "must be one of none, api_key, jwt, oauth2, not \"magic\"")),
                errors("{\"auth\": {\"type\": \"magic\"}}"));
    }

    @Test
    void oauth2NeedsAProviderAndAClientId() {
        assertEquals(List.of(error("/auth/clientId", "is required when type is oauth2"),
                error("/auth/provider", "is required when type is oauth2")),
                errors("{\"auth\": {\"type\": \"oauth2\"}}"));
    }

    @Test
    void anEmptyProviderIsInvalid() {
        assertEquals(List.of(error("/auth/provider", "must not be empty")),
                errors("{\"auth\": {\"type\": \"oauth2\", \"provider\": \"\", \"clientId\": \"c\"}}"));
    }

    @Test
    void aBadClientSecretIsReportedWithoutItsValue() {
        String secret = "s".repeat(5000);

        assertEquals(List.of(error("/auth/clientSecret", "must be at most 4096 characters long")),
                errors("{\"auth\": {\"clientSecret\": \"" + secret + "\"}}"));
    }

    @Test
    void eachFailingLocationIsReportedOnceInDocumentOrder() {
        List<FieldError> errors = security("""
                {"ipWhitelist": {"addresses": ["1.1.1.1", "2.2.2.2", "x", "4.4.4.4", "5.5.5.5", "6.6.6.6", "7.7.7.7",
                                               "8.8.8.8", "9.9.9.9", "10.0.0.0/8", "%s"]},
                 "rateLimit": {"requests": 0, "window": "0m"}, "unknown": 1}
                """.formatted("f".repeat(100)));

        assertEquals(List.of("/security/ipWhitelist/addresses/2", "/security/ipWhitelist/addresses/10",
                "/security/rateLimit/requests", "/security/rateLimit/window", "/security/unknown"),
                errors.stream().map(FieldError::pointer).toList());
        assertEquals("must be at most 64 characters long", errors.get(1).detail());
    }

    @Test
    void detailsNameNoClassesAndNoLibraryPaths() {
        List<FieldError> errors = errors("{\"x\": 1, \"auth\": {\"type\": 5, \"scopes\": {}}, \"security\": "
                + "{\"hsts\": [], \"ipWhitelist\": {\"addresses\": [\"1.2.3.4/40\", null]}, \"mfa\": {\"operations\": [1]}}}");

        assertEquals(7, errors.size(), errors.toString());
        for (FieldError error : errors) {
            assertFalse(error.detail().matches("(?s).*(java|networknt|Exception|\\$\\.|#/).*"), error.detail());
        }
    }

    @Test
    void anErrorIsAPointerAndDetailMap() {
        assertEquals(Map.of("pointer", "/x", "detail", "unknown key; allowed: auth, security"),
                errors("{\"x\": 1}").get(0).toMap());
    }

    @Test
    void malformedJsonIsRefusedAsSuch() {
        assertThrows(Json.MalformedJsonException.class,
                () -> VALIDATOR.validate("{\"security\":".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void emptyBytesAreMalformed() {
        assertThrows(Json.MalformedJsonException.class, () -> VALIDATOR.validate(new byte[0]));
    }

    @Test
    void trailingTokensAreMalformed() {
        assertThrows(Json.MalformedJsonException.class,
                () -> VALIDATOR.validate("{} {}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aRepeatedKeyIsMalformed() {
        assertThrows(Json.MalformedJsonException.class, () -> VALIDATOR.validate(
                "{\"security\": {\"enforceHttps\": true, \"enforceHttps\": false}}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSchemaIsDraft202012AndForbidsUnknownKeys() {
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = (Map<String, Object>) Json.parse(AgentConfigValidator.schemaBytes());

        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema"));
        assertEquals(false, schema.get("additionalProperties"));
    }
}
