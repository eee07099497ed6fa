package dev.agentwarden.http;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;

/** A list of CIDRs (or single addresses) matched with the IPAddress library; immutable. */
public final class TrustedProxies {

    private final List<IPAddress> ranges;

    public TrustedProxies(List<String> cidrs) {
        List<IPAddress> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            try {
                parsed.add(new IPAddressString(cidr).toAddress());
            } catch (AddressStringException e) {
                throw new IllegalStateException("'" + cidr + "' is not an IP address or CIDR range", e);
            }
        }
        this.ranges = List.copyOf(parsed);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} (a literal IP, as the socket gives it) lies in one of the ranges. */
    public boolean contains(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        IPAddress ip = new IPAddressString(address).getAddress();
        if (ip == null) {
            return false;
        }
        for (IPAddress range : ranges) {
            if (range.contains(ip)) {
                return true;
            }
        }
        return false;
    }
}
