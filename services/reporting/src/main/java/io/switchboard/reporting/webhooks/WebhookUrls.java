package io.switchboard.reporting.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a webhook may point. A subscription makes this service send requests on a partner's behalf, so a URL
 * must not reach into our own network (SSRF): https only, and never a loopback, private, link-local or otherwise
 * non-public address — checked when the subscription is created (address literals, {@code localhost}) and again
 * before every request against what the name resolves to then (a name may be re-pointed later). Hosts listed in
 * {@code switchboard.reporting.webhooks.allowed-hosts} are exempt from both rules (a local receiver).
 */
public final class WebhookUrls {
    public static final int MAX_LENGTH = 2048;

    private final Set<String> allowedHosts;

    public WebhookUrls(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Why the URL is refused, or empty if a subscription may use it. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = host(uri);
        if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials (user info)");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        if (allowed(host)) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("must use https");
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal")) {
            return Optional.of("must name a public host, not " + host);
        }
        if (literal(host)) {
            try {
                if (!isPublic(InetAddress.getByName(host))) {
                    return Optional.of("must be a public address, not a loopback, private or link-local one");
                }
            } catch (UnknownHostException e) {
                return Optional.of("is not a valid address");
            }
        }
        return Optional.empty();
    }

    /** Whether a request to this URL may go out now: its host is allowed, or every address it resolves to is public. */
    public Optional<String> refusalBeforeSending(URI uri) {
        String host = host(uri);
        if (host == null) {
            return Optional.of("no host");
        }
        if (allowed(host)) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!isPublic(address)) {
                    return Optional.of("address not allowed: " + host + " resolves to a non-public address");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("unknown host " + host);
        }
    }

    public boolean allowed(String host) {
        return allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** An IPv4 or IPv6 literal (resolving it does not ask DNS). */
    private static boolean literal(String host) {
        return host.contains(":") || host.matches("[0-9.]+") || host.matches("0x[0-9a-f.x]+");
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) { // unique local fc00::/7
                return false;
            }
            boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
