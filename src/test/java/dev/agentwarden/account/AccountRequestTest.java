package dev.agentwarden.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link AccountRequest}: the body of {@code POST /api/service-accounts}, every failure at its pointer. */
class AccountRequestTest {

    private static final Set<String> AGENTS = Set.of("billing", "support");

    private static ServiceAccounts.NewAccount parse(String json) {
        return AccountRequest.parse(json.getBytes(StandardCharsets.UTF_8), AGENTS::contains);
    }

    private static List<String> pointers(String json) {
        return assertThrows(AccountRequest.Invalid.class, () -> parse(json)).errors().stream()
                .map(e -> e.get("pointer")).toList();
    }

    @Test
    void theSeedsAccountIsRead() {
        ServiceAccounts.NewAccount account = parse("{\"name\":\"my-service\",\"permissions\":[\"read\",\"write\"]}");
        assertEquals("my-service", account.name());
        assertEquals(List.of("agents:read:*", "agents:write:*"), account.permissions());
        assertEquals(List.of(), account.agents());
        assertNull(account.certSubject());
        assertNull(account.certSha256());
    }

    @Test
    void agentsAndACertificateSubjectAreRead() {
        ServiceAccounts.NewAccount account = parse("{\"name\":\"billing-bot\",\"permissions\":[\"use_agent\"],"
                + "\"agents\":[\"billing\"],\"certificate\":{\"subject\":\"CN=billing, O=Example\"}}");
        assertEquals(List.of("agents:use_agent:billing"), account.permissions());
        assertEquals(List.of("billing"), account.agents());
        assertEquals("CN=billing,O=Example", account.certSubject());
    }

    @Test
    void aFingerprintIsNormalised() {
        String colons = String.join(":", java.util.Collections.nCopies(32, "AB"));
        assertEquals("ab".repeat(32), parse("{\"name\":\"fp\",\"permissions\":[\"read\"],\"certificate\":{\"sha256\":\""
                + colons + "\"}}").certSha256());
    }

    @Test
    void everyFailureIsReportedAtItsPointer() {
        assertEquals(List.of("/extra", "/name", "/agents/1", "/permissions/1", "/certificate/sha256"),
                pointers("{\"name\":\"Bad_Name\",\"permissions\":[\"read\",\"admin\"],\"agents\":[\"billing\","
                        + "\"nope\"],\"certificate\":{\"sha256\":\"xyz\"},\"extra\":1}"));
    }

    @Test
    void nameAndPermissionsAreRequired() {
        assertEquals(List.of("/name", "/permissions"), pointers("{}"));
        assertEquals(List.of("/permissions"), pointers("{\"name\":\"ok\",\"permissions\":[]}"));
        assertEquals(List.of("/permissions"), pointers("{\"name\":\"ok\",\"permissions\":\"read\"}"));
    }

    @Test
    void namesFollowThePattern() {
        for (String bad : new String[] {"a", "-lead", "UPPER", "under_score", "x".repeat(64), "dot.ted"}) {
            assertEquals(List.of("/name"), pointers("{\"name\":\"" + bad + "\",\"permissions\":[\"read\"]}"), bad);
        }
        assertEquals("ab", parse("{\"name\":\"ab\",\"permissions\":[\"read\"]}").name());
    }

    @Test
    void aCertificateIsOneOfSubjectOrSha256() {
        assertEquals(List.of("/certificate"), pointers("{\"name\":\"ok\",\"permissions\":[\"read\"],\"certificate\":"
                + "{\"subject\":\"CN=a\",\"sha256\":\"" + "a".repeat(64) + "\"}}"));
        assertEquals(List.of("/certificate/pem"), pointers("{\"name\":\"ok\",\"permissions\":[\"read\"],"
                + "\"certificate\":{\"pem\":\"x\"}}"));
        assertEquals(List.of("/certificate/subject"), pointers("{\"name\":\"ok\",\"permissions\":[\"read\"],"
                + "\"certificate\":{\"subject\":\"not a dn\"}}"));
    }

    @Test
    void anEmptyAgentListIsRefused() {
        assertEquals(List.of("/agents"), pointers("{\"name\":\"ok\",\"permissions\":[\"read\"],\"agents\":[]}"));
    }

    @Test
    void aBodyThatIsNoObjectIsRefusedWhole() {
        for (String body : new String[] {"", "[]", "\"x\"", "{"}) {
            AccountRequest.Invalid e = assertThrows(AccountRequest.Invalid.class, () -> parse(body));
            assertEquals(List.of(), e.errors(), body);
        }
        assertEquals(Map.of("pointer", "/name", "detail", "is required"),
                assertThrows(AccountRequest.Invalid.class, () -> parse("{\"permissions\":[\"read\"]}")).errors().get(0));
    }
}
