package dev.agentwarden.webhook;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Validation of SignalWire's webhook request signatures ({@code X-SignalWire-Signature}, alias
 * {@code X-Twilio-Signature}) as SignalWire's SDKs do it; see shared/reference/signalwire/webhook_signatures.md.
 *
 * <p>Two schemes, both HMAC-SHA1 keyed with the UTF-8 bytes of the project's Signing Key, compared in constant time:
 * <ul>
 * <li>A (JSON bodies): lowercase hex of the MAC over {@code url + rawBody}, no URL variants;</li>
 * <li>B (compatibility/cXML): standard base64 of the MAC over {@code url} followed by the form parameters sorted
 * (stably) by key, each as key then value; tried with the URL as given and with its default port added or removed,
 * with the parsed parameters and with none; when the URL carries {@code bodySHA256}, the raw body's SHA-256 must
 * equal it as well.</li>
 * </ul>
 * The URL must be the public URL the platform posted to (scheme, host, port as it had them, path, raw query); building
 * it (proxy headers and so on) is the caller's job. The scheme has no timestamp: it cannot detect a replay.
 */
public final class SignalWireSignature {

    /** The signature header. */
    public static final String HEADER = "X-SignalWire-Signature";
    /** The legacy alias, used when {@link #HEADER} is absent or empty. */
    public static final String LEGACY_HEADER = "X-Twilio-Signature";

    private static final String HMAC = "HmacSHA1";
    private static final String BODY_SHA256 = "bodySHA256";

    private final SecretKeySpec key;

    /**
     * @param signingKey the project's Signing Key, used as UTF-8 bytes
     * @throws IllegalArgumentException when the key is null or empty (a configuration error, not a refusal)
     */
    public SignalWireSignature(String signingKey) {
        if (signingKey == null || signingKey.isEmpty()) {
            throw new IllegalArgumentException("the SignalWire signing key is required");
        }
        this.key = new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /**
     * The signature to check: the first {@link #HEADER} value, or the first {@link #LEGACY_HEADER} value when that is
     * absent or empty; header names match case-insensitively. Null when neither is present.
     */
    public static String signatureHeader(Map<String, ? extends List<String>> headers) {
        String signature = first(headers, HEADER);
        return signature == null || signature.isEmpty() ? first(headers, LEGACY_HEADER) : signature;
    }

    /** {@link #verify(String, String, byte[])} with the signature taken by {@link #signatureHeader}. */
    public boolean verifyRequest(Map<String, ? extends List<String>> headers, String url, byte[] rawBody) {
        return verify(signatureHeader(headers), url, rawBody);
    }

    /**
     * The combined validator (the SDKs' {@code validateWebhookSignature}): scheme A, then scheme B over the URL's
     * candidates and the two parameter shapes, with the {@code bodySHA256} check.
     *
     * @param signature the header value as received (no trimming); null or empty is refused
     * @param url the public URL the platform posted to, with its raw query string
     * @param rawBody the body bytes exactly as received, possibly empty; bytes that are not UTF-8 are refused
     * @throws IllegalArgumentException when {@code url} or {@code rawBody} is null
     */
    public boolean verify(String signature, String url, byte[] rawBody) {
        if (url == null || rawBody == null) {
            throw new IllegalArgumentException("the URL and the raw body are required (an empty body is empty, not null)");
        }
        String body = strictUtf8(rawBody);
        if (signature == null || signature.isEmpty() || body == null) {
            return false;
        }
        byte[] given = signature.getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(given, ascii(HexFormat.of().formatHex(mac(url + body))))) {
            return true;
        }
        List<Map.Entry<String, String>> parsed = parseForm(body);
        boolean bodyHashMatches = bodySha256Matches(url, rawBody);
        for (String candidate : candidateUrls(url)) {
            for (List<Map.Entry<String, String>> shape : List.of(parsed, List.<Map.Entry<String, String>>of())) {
                if (MessageDigest.isEqual(given, schemeB(candidate, shape)) && bodyHashMatches) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Scheme B over already-parsed form parameters (the SDKs' legacy {@code validateRequest} with a list of pairs):
     * the URL's candidates are tried, there is no empty-parameter retry and no {@code bodySHA256} check.
     *
     * @param params the pairs in submission order; null means none
     */
    public boolean verifyParams(String signature, String url, List<Map.Entry<String, String>> params) {
        if (url == null) {
            throw new IllegalArgumentException("the URL is required");
        }
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        byte[] given = signature.getBytes(StandardCharsets.UTF_8);
        List<Map.Entry<String, String>> pairs = params == null ? List.of() : params;
        boolean matched = false;
        for (String candidate : candidateUrls(url)) {
            matched |= MessageDigest.isEqual(given, schemeB(candidate, pairs));
        }
        return matched;
    }

    /** {@link #verifyParams(String, String, List)} for a multi-valued map: each value becomes a pair, in list order. */
    public boolean verifyParams(String signature, String url, Map<String, ? extends List<String>> params) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (params != null) {
            params.forEach((name, values) -> {
                for (String value : values) {
                    pairs.add(Map.entry(name, value == null ? "" : value));
                }
            });
        }
        return verifyParams(signature, url, pairs);
    }

    /** Base64 of the MAC over {@code url} and the pairs stably sorted by key (code-unit order), each key then value. */
    private byte[] schemeB(String url, List<Map.Entry<String, String>> pairs) {
        List<Map.Entry<String, String>> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparing(Map.Entry::getKey));
        StringBuilder signed = new StringBuilder(url);
        for (Map.Entry<String, String> pair : sorted) {
            signed.append(pair.getKey()).append(pair.getValue());
        }
        return Base64.getEncoder().encode(mac(signed.toString()));
    }

    /**
     * The body as {@code application/x-www-form-urlencoded} pairs: none when it holds no '='; a missing value is empty;
     * a pair with a malformed %-escape is skipped (as the Java SDK does).
     */
    static List<Map.Entry<String, String>> parseForm(String body) {
        if (body.indexOf('=') < 0) {
            return List.of();
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String field : body.split("&")) {
            int eq = field.indexOf('=');
            String name = eq < 0 ? field : field.substring(0, eq);
            String value = eq < 0 ? "" : field.substring(eq + 1);
            try {
                pairs.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                // A malformed %-escape: the pair is left out, the rest still count.
                continue;
            }
        }
        return pairs;
    }

    /**
     * The URLs scheme B tries, the given one first. An http(s) URL without a port also gets the scheme's default port
     * (:80 or :443) inserted after the host; one with exactly that default port also gets it removed. Any other port,
     * another scheme or an unparseable URL yields the URL alone. Everything else is kept character for character.
     */
    static List<String> candidateUrls(String url) {
        int schemeEnd = url.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd);
        String defaultPort = "https".equalsIgnoreCase(scheme) ? "443" : "http".equalsIgnoreCase(scheme) ? "80" : null;
        if (defaultPort == null) {
            return List.of(url);
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int hostStart = url.lastIndexOf('@', authorityEnd - 1) + 1;
        hostStart = Math.max(hostStart, authorityStart);
        int colon = portColon(url.substring(hostStart, authorityEnd));
        if (colon == -2) {
            return List.of(url);
        }
        if (colon < 0) {
            return List.of(url, url.substring(0, authorityEnd) + ":" + defaultPort + url.substring(authorityEnd));
        }
        String port = url.substring(hostStart + colon + 1, authorityEnd);
        if (!port.equals(defaultPort)) {
            return List.of(url);
        }
        return List.of(url, url.substring(0, hostStart + colon) + url.substring(authorityEnd));
    }

    /** Index of the ':' before the port in {@code host[:port]} or {@code [v6][:port]}; -1 without a port, -2 if malformed. */
    private static int portColon(String hostPort) {
        int colon;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                return -2;
            }
            colon = close + 1 < hostPort.length() ? close + 1 : -1;
            if (colon > 0 && hostPort.charAt(colon) != ':') {
                return -2;
            }
        } else {
            colon = hostPort.indexOf(':');
            if (colon != hostPort.lastIndexOf(':') || colon == 0 || hostPort.isEmpty()) {
                return -2;
            }
        }
        if (colon > 0 && !hostPort.substring(colon + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -2;
        }
        return colon;
    }

    /**
     * True when the URL's query has no {@code bodySHA256}, or when its first value, lower-cased, is the lowercase hex
     * SHA-256 of the raw body.
     */
    private static boolean bodySha256Matches(String url, byte[] rawBody) {
        int queryStart = url.indexOf('?');
        if (queryStart < 0) {
            return true;
        }
        int queryEnd = url.indexOf('#', queryStart);
        String query = url.substring(queryStart + 1, queryEnd < 0 ? url.length() : queryEnd);
        for (String field : query.split("&")) {
            if (field.startsWith(BODY_SHA256 + "=")) {
                String expected = field.substring(BODY_SHA256.length() + 1).toLowerCase(Locale.ROOT);
                return MessageDigest.isEqual(ascii(expected), ascii(HexFormat.of().formatHex(sha256(rawBody))));
            }
        }
        return true;
    }

    private byte[] mac(String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " unavailable", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The body decoded as UTF-8, or null when the bytes are not UTF-8. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String first(Map<String, ? extends List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, ? extends List<String>> entry : headers.entrySet()) {
            if (name.equalsIgnoreCase(entry.getKey()) && entry.getValue() != null && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "SignalWireSignature[HMAC-SHA1]";
    }
}
