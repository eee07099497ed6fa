package dev.agentwarden.ipfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpWhitelistTest {

    private static final IpWhitelist SEED = IpWhitelist.of(List.of("203.0.113.0/24", "198.51.100.42"));

    /** 1 000 /24 blocks: 10.0.0.0/24, 10.0.1.0/24, ... 10.3.231.0/24. */
    private static List<String> thousandCidrs() {
        List<String> cidrs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            cidrs.add("10." + (i / 256) + "." + (i % 256) + ".0/24");
        }
        return cidrs;
    }

    @Test
    void anAddressInsideACidrIsContained() {
        assertTrue(SEED.contains("203.0.113.50"));
        assertTrue(SEED.contains("203.0.113.0"));
        assertTrue(SEED.contains("203.0.113.255"));
    }

    @Test
    void anAddressOutsideEveryEntryIsNotContained() {
        assertFalse(SEED.contains("203.0.114.1"));
        assertFalse(SEED.contains("198.51.100.43"));
    }

    @Test
    void aSingleAddressEntryMatchesOnlyItself() {
        assertTrue(SEED.contains("198.51.100.42"));
        assertFalse(SEED.contains("198.51.100.41"));
    }

    @Test
    void aThousandCidrsAreMatchedWithHitsAndMisses() {
        IpWhitelist list = IpWhitelist.of(thousandCidrs());

        assertEquals(1000, list.size());
        assertTrue(list.contains("10.0.0.1"));
        assertTrue(list.contains("10.1.200.77"));
        assertTrue(list.contains("10.3.231.255"));
        assertFalse(list.contains("10.3.232.0"));
        assertFalse(list.contains("11.0.0.1"));
        assertFalse(list.contains("9.255.255.255"));
    }

    /** Trie lookups: 100 000 of them in a 1 000-entry list take well under a second; the bound is generous for CI. */
    @Test
    void aThousandCidrsAreMatchedFast() {
        IpWhitelist list = IpWhitelist.of(thousandCidrs());
        int hits = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            if (list.contains("10." + (i % 5) + "." + (i % 256) + ".9")) {
                hits++;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        // second octets 0-2 always hit, 3 hits for third octets 0-231, 4 never: 60 000 + 18 128
        assertEquals(78_128, hits);
        assertTrue(millis < 5_000, millis + " ms");
    }

    @Test
    void ipv6CidrsAndAddressesAreMatched() {
        IpWhitelist list = IpWhitelist.of(List.of("2001:db8::/32", "2001:db9::1"));

        assertTrue(list.contains("2001:db8:1234::1"));
        assertTrue(list.contains("2001:DB8:0:0:0:0:0:ffff"));
        assertTrue(list.contains("2001:db9::1"));
        assertFalse(list.contains("2001:db9::2"));
        assertFalse(list.contains("2001:dba::1"));
    }

    @Test
    void anIpv4AddressDoesNotMatchIpv6Entries() {
        IpWhitelist list = IpWhitelist.of(List.of("2001:db8::/32"));

        assertFalse(list.contains("32.1.13.184"));
    }

    @Test
    void anIpv4MappedIpv6ClientIsMatchedAgainstIpv4Entries() {
        assertTrue(SEED.contains("::ffff:203.0.113.5"));
        assertTrue(SEED.contains("0:0:0:0:0:ffff:cb00:7105"));
        assertFalse(SEED.contains("::ffff:203.0.114.5"));
    }

    @Test
    void anIpv6ZoneOnTheClientIsIgnored() {
        IpWhitelist list = IpWhitelist.of(List.of("fe80::/10"));

        assertTrue(list.contains("fe80::1%eth0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "203.0.113", "203.0.113.256", "203.0.113.0/24", "203.0.113.*",
        "203.0.113.1-5", "localhost", "0xcb.0.113.5", "203.0.113.05", "::ffff:zz", "1.2.3.4:80"})
    void aMalformedClientAddressIsNotContained(String address) {
        assertFalse(SEED.contains(address));
    }

    @Test
    void aNullClientAddressIsNotContained() {
        assertFalse(SEED.contains(null));
    }

    @Test
    void anEmptyWhitelistContainsNothing() {
        assertFalse(IpWhitelist.EMPTY.contains("127.0.0.1"));
        assertTrue(IpWhitelist.EMPTY.isEmpty());
    }

    @Test
    void everythingIsContainedInTheZeroPrefixes() {
        IpWhitelist list = IpWhitelist.of(List.of("0.0.0.0/0", "::/0"));

        assertTrue(list.contains("8.8.8.8"));
        assertTrue(list.contains("2001:db8::1"));
    }

    @Test
    void normaliseKeepsCanonicalEntriesAsTheyAre() {
        assertEquals("203.0.113.50", IpWhitelist.normalise("203.0.113.50"));
        assertEquals("203.0.113.0/24", IpWhitelist.normalise("203.0.113.0/24"));
        assertEquals("2001:db8::/32", IpWhitelist.normalise("2001:db8::/32"));
    }

    @Test
    void normaliseWritesAFullLengthPrefixAsTheBareAddress() {
        assertEquals("203.0.113.50", IpWhitelist.normalise("203.0.113.50/32"));
        assertEquals("2001:db8::1", IpWhitelist.normalise("2001:db8::1/128"));
    }

    @Test
    void normaliseCompressesAndLowerCasesIpv6() {
        assertEquals("2001:db8::1", IpWhitelist.normalise("2001:0DB8:0000:0000:0000:0000:0000:0001"));
        assertEquals("2001:db8::/48", IpWhitelist.normalise(" 2001:DB8:0::/48 "));
    }

    @Test
    void normaliseTurnsIpv4MappedEntriesIntoIpv4() {
        assertEquals("203.0.113.5", IpWhitelist.normalise("::ffff:203.0.113.5"));
        assertEquals("203.0.113.0/24", IpWhitelist.normalise("::ffff:203.0.113.0/120"));
    }

    @Test
    void normaliseRefusesHostBitsAndNamesTheNetwork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpWhitelist.normalise("10.0.0.1/24"));

        assertEquals("'10.0.0.1/24' has host bits set; the network is 10.0.0.0/24", e.getMessage());
    }

    @Test
    void normaliseRefusesIpv6HostBits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpWhitelist.normalise("2001:db8::1/32"));

        assertEquals("'2001:db8::1/32' has host bits set; the network is 2001:db8::/32", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "300.1.1.1", "2001:db8::/129", "garbage", "10.1", "0x0a.0.0.1", "010.0.0.1",
        "10.0.0.*", "10.0.0.1-9", "10.0.0.0/255.255.255.0", "fe80::1%eth0", "/24", "*", "example.com", "10.0.0.0/024"})
    void normaliseRefusesWhatIsNotALiteralAddressOrCidr(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpWhitelist.normalise(entry));

        assertEquals("'" + entry + "' is not an IPv4 or IPv6 address or CIDR block", e.getMessage());
    }

    @Test
    void normaliseRefusesNullAndBlank() {
        assertEquals("an IP address or CIDR block is required",
                assertThrows(IllegalArgumentException.class, () -> IpWhitelist.normalise(null)).getMessage());
        assertEquals("an IP address or CIDR block is required",
                assertThrows(IllegalArgumentException.class, () -> IpWhitelist.normalise(" ")).getMessage());
    }

    @Test
    void ofStoresCanonicalEntriesWithoutDuplicates() {
        IpWhitelist list = IpWhitelist.of(List.of("203.0.113.5", "203.0.113.5/32", "::ffff:203.0.113.5", "2001:DB8::1"));

        assertEquals(List.of("203.0.113.5", "2001:db8::1"), list.entries());
    }

    @Test
    void ofRefusesABadEntry() {
        assertThrows(IllegalArgumentException.class, () -> IpWhitelist.of(List.of("203.0.113.0/24", "10.0.0.0/33")));
    }

    @Test
    void addReturnsANewListAndLeavesTheOldOneAlone() {
        IpWhitelist added = SEED.add("203.0.114.50");

        assertEquals(List.of("203.0.113.0/24", "198.51.100.42", "203.0.114.50"), added.entries());
        assertTrue(added.contains("203.0.114.50"));
        assertFalse(SEED.contains("203.0.114.50"));
        assertEquals(2, SEED.size());
    }

    @Test
    void addOfAnEntryAlreadyPresentIsIdempotent() {
        assertSame(SEED, SEED.add("198.51.100.42/32"));
        assertSame(SEED, SEED.add("203.0.113.0/24"));
    }

    @Test
    void addOfAnAddressInsideACidrAddsTheAddressEntry() {
        IpWhitelist added = SEED.add("203.0.113.50");

        assertNotSame(SEED, added);
        assertEquals(3, added.size());
    }

    @Test
    void removeDropsTheEntry() {
        IpWhitelist removed = SEED.remove("203.0.113.0/24");

        assertEquals(List.of("198.51.100.42"), removed.entries());
        assertFalse(removed.contains("203.0.113.50"));
        assertTrue(SEED.contains("203.0.113.50"));
    }

    @Test
    void removeOfAnAbsentEntryReturnsTheSameList() {
        assertSame(SEED, SEED.remove("203.0.113.50"));
    }

    @Test
    void removeAcceptsAnySpellingOfTheEntry() {
        assertEquals(List.of("203.0.113.0/24"), SEED.remove("198.51.100.42/32").entries());
    }

    @Test
    void hasEntryComparesCanonicalForms() {
        assertTrue(SEED.hasEntry("198.51.100.42/32"));
        assertFalse(SEED.hasEntry("203.0.113.50"));
        assertFalse(SEED.hasEntry("garbage"));
    }

    @Test
    void equalListsAreEqual() {
        assertEquals(SEED, IpWhitelist.of(List.of("203.0.113.0/24", "198.51.100.42/32")));
        assertEquals(SEED.hashCode(), IpWhitelist.of(List.of("203.0.113.0/24", "198.51.100.42")).hashCode());
    }
}
