package dev.agentwarden.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@link ClientAuthentication}: RFC 6749 §2.3.1 Basic (URL-encoded parts) or fields, never both. */
class ClientAuthenticationTest {

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The RFC's encoding: each part form-urlencoded, then joined with a colon. */
    private static String oauthBasic(String id, String secret) {
        return basic(URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }

    private static ClientAuthentication.Refused refused(String authorization, String id, String secret) {
        return assertThrows(ClientAuthentication.Refused.class,
                () -> ClientAuthentication.read(authorization, id, secret));
    }

    @Test
    void basicCredentialsAreRead() throws Exception {
        ClientAuthentication client = ClientAuthentication.read(basic("sa_abc:sas_secret"), null, null);
        assertEquals("sa_abc", client.clientId());
        assertEquals("sas_secret", client.clientSecret());
        assertTrue(client.basic());
    }

    @Test
    void basicPartsAreUrlDecoded() throws Exception {
        String secret = "p@ss:w rd+/%é";
        ClientAuthentication client = ClientAuthentication.read(oauthBasic("id:with space", secret), null, null);
        assertEquals("id:with space", client.clientId());
        assertEquals(secret, client.clientSecret());
    }

    @Test
    void thePlusOfFormEncodingIsASpace() throws Exception {
        assertEquals("a b", ClientAuthentication.read(basic("sa_x:a+b"), null, null).clientSecret());
    }

    @Test
    void theSchemeIsCaseInsensitive() throws Exception {
        assertEquals("sa_abc", ClientAuthentication.read("basic " + oauthBasic("sa_abc", "s").substring(6), null, null)
                .clientId());
    }

    @Test
    void fieldsAreRead() throws Exception {
        ClientAuthentication client = ClientAuthentication.read(null, "sa_abc", "sas_secret");
        assertEquals("sa_abc", client.clientId());
        assertEquals("sas_secret", client.clientSecret());
        assertFalse(client.basic());
    }

    @Test
    void anotherSchemeIsNotClientAuthenticationAndIsIgnored() throws Exception {
        assertEquals("sa_abc", ClientAuthentication.read("Bearer xyz", "sa_abc", "sas_secret").clientId());
    }

    @Test
    void bothMethodsAtOnceAreAnInvalidRequest() {
        ClientAuthentication.Refused both = refused(oauthBasic("sa_abc", "s"), "sa_abc", "s");
        assertEquals("invalid_request", both.code());
        assertEquals("invalid_request", refused(oauthBasic("sa_abc", "s"), null, "s").code());
        assertEquals("invalid_request", refused(oauthBasic("sa_abc", "s"), "sa_other", null).code());
    }

    @Test
    void aClientIdFieldRepeatingTheBasicOneIsAllowed() throws Exception {
        assertEquals("sa_abc", ClientAuthentication.read(oauthBasic("sa_abc", "s"), "sa_abc", null).clientId());
    }

    @Test
    void malformedBasicIsAnInvalidClientWithABasicChallenge() {
        for (String header : new String[] {"Basic", "Basic !!!", basic("no-colon"), basic(":secret"),
            basic("sa_abc:%zz"), basic("sa_abc:")}) {
            ClientAuthentication.Refused e = refused(header, null, null);
            assertEquals("invalid_client", e.code(), header);
            assertTrue(e.basic(), header);
        }
    }

    @Test
    void missingCredentialsAreAnInvalidClient() {
        ClientAuthentication.Refused none = refused(null, null, null);
        assertEquals("invalid_client", none.code());
        assertTrue(none.basic(), "nothing sent: the challenge names Basic");
        ClientAuthentication.Refused half = refused(null, "sa_abc", null);
        assertEquals("invalid_client", half.code());
        assertFalse(half.basic());
        assertEquals("invalid_client", refused(null, null, "s").code());
        assertEquals("invalid_client", refused(null, "", "s").code());
    }

    @Test
    void overlongPartsAreAnInvalidClient() {
        assertEquals("invalid_client", refused(null, "x".repeat(257), "s").code());
        assertEquals("invalid_client", refused(null, "sa_abc", "s".repeat(1025)).code());
    }

    @Test
    void theSecretIsNeverPrinted() throws Exception {
        assertFalse(ClientAuthentication.read(null, "sa_abc", "sas_topsecret").toString().contains("topsecret"));
    }
}
