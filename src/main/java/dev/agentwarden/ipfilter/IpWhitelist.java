package dev.agentwarden.ipfilter;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressTrie;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An agent's IP whitelist: IPv4 and IPv6 addresses and CIDR blocks, immutable, matched through the IPAddress library's
 * binary tries (one lookup walks at most 32 or 128 levels, whatever the number of entries).
 *
 * <p>Entries are stored in {@linkplain #normalise canonical form}: a single address bare ({@code 203.0.113.50}, also
 * for {@code /32} and {@code /128}), a block as network/prefix ({@code 203.0.113.0/24}), IPv6 compressed and lower
 * case ({@code 2001:db8::/32}), an IPv4-mapped IPv6 entry as its IPv4 form. A CIDR with host bits set
 * ({@code 10.0.0.1/24}) is <em>refused</em>, naming the network it would denote: it is ambiguous (the host or the whole
 * block?) and would silently grant 256 addresses to someone who meant one. Ranges, wildcards, masks, zones, leading
 * zeros and the shorthand forms {@code inet_aton} accepts ({@code 10.1}, {@code 0x0a.0.0.1}) are refused too. Because
 * equal entries normalise to the same string, {@link #add} of an entry already present changes nothing (the API's
 * idempotent add). An empty whitelist contains no address.
 */
public final class IpWhitelist {

    /** The whitelist without entries. */
    public static final IpWhitelist EMPTY = new IpWhitelist(List.of());

    private static final IPAddressStringParameters ENTRY = strict(true);
    private static final IPAddressStringParameters CLIENT = strict(false);
    /** {@code /024}; checked here as the library's own check refuses {@code /0} too. */
    private static final Pattern PREFIX_LEADING_ZERO = Pattern.compile("/0[0-9]");

    private final List<String> entries;
    private final IPv4AddressTrie ipv4 = new IPv4AddressTrie();
    private final IPv6AddressTrie ipv6 = new IPv6AddressTrie();

    private IpWhitelist(List<String> canonicalEntries) {
        this.entries = List.copyOf(canonicalEntries);
        for (String entry : entries) {
            IPAddress address = new IPAddressString(entry, ENTRY).getAddress();
            if (address.isIPv4()) {
                ipv4.add(address.toIPv4());
            } else {
                ipv6.add(address.toIPv6());
            }
        }
    }

    /** The whitelist of {@code entries}, normalised, duplicates dropped; {@link IllegalArgumentException} on a bad one. */
    public static IpWhitelist of(Collection<String> entries) {
        Set<String> canonical = new LinkedHashSet<>();
        for (String entry : entries) {
            canonical.add(normalise(entry));
        }
        return new IpWhitelist(new ArrayList<>(canonical));
    }

    /**
     * The canonical form of an address or CIDR entry, or {@link IllegalArgumentException} with a message fit for the
     * caller (it quotes the entry and, for host bits, names the network).
     */
    public static String normalise(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("an IP address or CIDR block is required");
        }
        IPAddress address = null;
        if (!PREFIX_LEADING_ZERO.matcher(entry).find()) {
            try {
                address = new IPAddressString(entry.trim(), ENTRY).toAddress();
            } catch (AddressStringException e) {
                address = null;
            }
        }
        if (address == null) {
            throw new IllegalArgumentException("'" + entry + "' is not an IPv4 or IPv6 address or CIDR block");
        }
        if (address.isPrefixed() && !address.isPrefixBlock()) {
            throw new IllegalArgumentException("'" + entry + "' has host bits set; the network is "
                    + canonical(address.toPrefixBlock()));
        }
        return canonical(address);
    }

    /** Whether {@code entry} is a valid whitelist entry (see {@link #normalise}). */
    public static boolean isValidEntry(String entry) {
        try {
            normalise(entry);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String canonical(IPAddress address) {
        IPAddress value = address;
        Integer prefix = value.getNetworkPrefixLength();
        if (value.isIPv6() && value.toIPv6().isIPv4Mapped() && (prefix == null || prefix >= 96)) {
            IPv4Address embedded = value.getLower().toIPv6().getEmbeddedIPv4Address();
            value = prefix == null ? embedded : embedded.toPrefixBlock(prefix - 96);
            prefix = value.getNetworkPrefixLength();
        }
        if (prefix != null && prefix == value.getBitCount()) {
            value = value.withoutPrefixLength();
        }
        return value.toCanonicalString();
    }

    /** The entries in canonical form, in the order they were first added. */
    public List<String> entries() {
        return entries;
    }

    /** How many entries there are. */
    public int size() {
        return entries.size();
    }

    /** Whether there is no entry (then no address is {@linkplain #contains contained}). */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Whether the entry (any spelling of it, see {@link #normalise}) is in the list; false for an invalid entry. */
    public boolean hasEntry(String entry) {
        return isValidEntry(entry) && entries.contains(normalise(entry));
    }

    /** This list plus {@code entry} (this very instance when it is present already); throws as {@link #normalise}. */
    public IpWhitelist add(String entry) {
        String canonical = normalise(entry);
        if (entries.contains(canonical)) {
            return this;
        }
        List<String> more = new ArrayList<>(entries);
        more.add(canonical);
        return new IpWhitelist(more);
    }

    /** This list without {@code entry} (this very instance when it is absent); throws as {@link #normalise}. */
    public IpWhitelist remove(String entry) {
        String canonical = normalise(entry);
        if (!entries.contains(canonical)) {
            return this;
        }
        List<String> fewer = new ArrayList<>(entries);
        fewer.remove(canonical);
        return new IpWhitelist(fewer);
    }

    /**
     * Whether the client {@code address} (one literal IPv4 or IPv6 address, as a socket or a trusted
     * {@code X-Forwarded-For} gives it) lies in an entry. An IPv4-mapped IPv6 address ({@code ::ffff:203.0.113.5}) is
     * matched against the IPv4 entries too; an IPv6 zone is ignored. Anything else (null, garbage, a range, a CIDR, a
     * host name) is not contained.
     */
    public boolean contains(String address) {
        if (address == null || address.isEmpty() || entries.isEmpty()) {
            return false;
        }
        IPAddress ip = new IPAddressString(address.trim(), CLIENT).getAddress();
        if (ip == null || ip.isMultiple() || ip.isPrefixed()) {
            return false;
        }
        if (ip.isIPv4()) {
            return ipv4.elementContains(ip.toIPv4());
        }
        IPv6Address v6 = ip.toIPv6().removeZone();
        if (v6.isIPv4Mapped() && ipv4.elementContains(v6.getEmbeddedIPv4Address())) {
            return true;
        }
        return ipv6.elementContains(v6);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpWhitelist that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "IpWhitelist" + entries;
    }

    /** Literal addresses only (no ranges, wildcards, masks, inet_aton forms); prefixes for entries, zones for clients. */
    private static IPAddressStringParameters strict(boolean entry) {
        return new IPAddressStringParameters.Builder()
                .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowMask(false).allowPrefixOnly(false)
                .allowPrefix(entry).allowWildcardedSeparator(false).setRangeOptions(RangeParameters.NO_RANGE)
                .allow_inet_aton(false)
                .getIPv4AddressParametersBuilder().allowLeadingZeros(false).allowBinary(false)
                .allowPrefixesBeyondAddressSize(false).getParentBuilder()
                .getIPv6AddressParametersBuilder().allowZone(!entry).allowBinary(false).allowBase85(false)
                .allowPrefixesBeyondAddressSize(false).getParentBuilder()
                .toParams();
    }
}
