package dev.agentwarden.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@link AccountPermissions}: short words expanded per agent, Shiro strings checked, scopes that only narrow. */
class AccountPermissionsTest {

    private static final List<String> BILLING = List.of("billing");

    @Test
    void aShortWordWithoutAgentsCoversEveryAgent() {
        assertEquals(List.of("agents:read:*", "agents:write:*"), AccountPermissions.expandAll(List.of("read", "write"),
                List.of()));
    }

    @Test
    void aShortWordIsExpandedForEachListedAgent() {
        assertEquals(List.of("agents:read:billing", "agents:read:support", "agents:use_agent:billing",
                "agents:use_agent:support"), AccountPermissions.expandAll(List.of("read", "use_agent"),
                List.of("billing", "support")));
    }

    @Test
    void everyShortWordMapsToItsAgentsPermission() {
        for (String word : List.of("read", "write", "use_agent", "manage", "delete")) {
            assertEquals(List.of("agents:" + word + ":billing"), AccountPermissions.expand(word, BILLING));
        }
    }

    @Test
    void aShiroStringIsTakenAsWrittenWhateverTheAgents() {
        assertEquals(List.of("agents:read:other", "agents:read,write:billing", "*"),
                AccountPermissions.expandAll(List.of("agents:read:other", "agents:read,write:billing", "*"), BILLING));
    }

    @Test
    void repeatsAreDropped() {
        assertEquals(List.of("agents:read:billing"),
                AccountPermissions.expandAll(List.of("read", "agents:read:billing", "read"), BILLING));
    }

    @Test
    void anUnknownWordOrAMalformedShiroStringIsRefused() {
        for (String bad : new String[] {"admin", "READ", "", "agents::read", "agents:read:", ":read", "agents:read,:x",
            "agents:read x", "agents:\"read\"", "x".repeat(300) + ":y"}) {
            assertThrows(AccountPermissions.InvalidPermission.class, () -> AccountPermissions.expand(bad, BILLING),
                    bad);
        }
        assertThrows(AccountPermissions.InvalidPermission.class, () -> AccountPermissions.expand(null, BILLING));
    }

    @Test
    void aCreatorMayHandOutOnlyWhatItHolds() {
        List<String> developer = List.of("agents:read,write,use_agent:*");
        Predicate<String> holds = p -> AccountPermissions.implies(developer, p);
        assertEquals(List.of(), AccountPermissions.notHeld(List.of("agents:read:*", "agents:write:billing"), holds));
        assertEquals(List.of("*"), AccountPermissions.notHeld(List.of("agents:read:*", "*"), holds));
        assertEquals(List.of("agents:manage:billing", "users:manage"),
                AccountPermissions.notHeld(List.of("agents:manage:billing", "users:manage"), holds));
    }

    @Test
    void withoutAScopeTheTokenGetsEverythingTheAccountHolds() {
        List<String> held = List.of("agents:read:billing", "agents:write:billing");
        assertEquals(held, AccountPermissions.narrow(held, BILLING, null));
        assertEquals(held, AccountPermissions.narrow(held, BILLING, "  "));
    }

    @Test
    void aScopeNarrowsToWhatItAsks() {
        List<String> held = List.of("agents:read:billing", "agents:write:billing");
        assertEquals(List.of("agents:read:billing"), AccountPermissions.narrow(held, BILLING, "read"));
        assertEquals(List.of("agents:read:billing"), AccountPermissions.narrow(held, BILLING, "agents:read:billing"));
        assertEquals(held, AccountPermissions.narrow(held, BILLING, "read  write"));
    }

    @Test
    void aScopeWithinAWildcardIsImplied() {
        List<String> held = List.of("agents:read:*");
        assertEquals(List.of("agents:read:billing"), AccountPermissions.narrow(held, List.of(), "agents:read:billing"));
        assertEquals(List.of("agents:read:*"), AccountPermissions.narrow(held, List.of(), "read"));
    }

    @Test
    void aScopeAskingForMoreIsRefusedNeverCut() {
        List<String> held = List.of("agents:read:billing");
        for (String wider : new String[] {"write", "read write", "agents:read:*", "agents:read", "agents:read:other",
            "*", "users:manage"}) {
            assertThrows(AccountPermissions.InvalidPermission.class,
                    () -> AccountPermissions.narrow(held, BILLING, wider), wider);
        }
    }

    @Test
    void aMalformedScopeIsRefused() {
        assertThrows(AccountPermissions.InvalidPermission.class,
                () -> AccountPermissions.narrow(List.of("*"), List.of(), "admin"));
        assertThrows(AccountPermissions.InvalidPermission.class,
                () -> AccountPermissions.narrow(List.of("*"), List.of(), "read ".repeat(65)));
    }

    @Test
    void impliesFollowsShiro() {
        assertTrue(AccountPermissions.implies(List.of("*"), "users:manage"));
        assertTrue(AccountPermissions.implies(List.of("agents:read:*"), "agents:read:billing"));
        assertFalse(AccountPermissions.implies(List.of("agents:read:billing"), "agents:read:*"));
        assertFalse(AccountPermissions.implies(List.of(), "agents:read:billing"));
    }
}
