package dev.agentwarden.swml;

import dev.agentwarden.agent.AgentDefinition;
import dev.agentwarden.token.FunctionTokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An agent's SWML document for one public URL, serialised once: the JSON bytes between the per-call tokens, and
 * which function each token is for. Filling it for a call mints those tokens and joins the pieces, so a SWML request
 * costs a few HMACs and a copy instead of building and serialising the whole document. Immutable; thread-safe.
 */
final class SwmlTemplate {

    private final AgentDefinition definition;
    /** {@code slots.length + 1} byte runs; a token goes between each two. */
    private final byte[][] pieces;
    /** The function each token is bound to, in document order. */
    private final String[] slots;
    private final int fixedLength;

    private SwmlTemplate(AgentDefinition definition, byte[][] pieces, String[] slots) {
        this.definition = definition;
        this.pieces = pieces;
        this.slots = slots;
        this.fixedLength = Arrays.stream(pieces).mapToInt(piece -> piece.length).sum();
    }

    /**
     * Cuts {@code document} (serialised JSON) at each occurrence of {@code marker + index + "."}, where {@code index}
     * points into {@code functions}. The marker must be something agent content cannot hold (a random string).
     */
    static SwmlTemplate of(AgentDefinition definition, byte[] document, String marker, List<String> functions) {
        byte[] mark = marker.getBytes(StandardCharsets.US_ASCII);
        List<byte[]> pieces = new ArrayList<>();
        List<String> slots = new ArrayList<>();
        int start = 0;
        for (int at = indexOf(document, mark, 0); at >= 0; at = indexOf(document, mark, start)) {
            pieces.add(Arrays.copyOfRange(document, start, at));
            int digit = at + mark.length;
            int index = 0;
            while (document[digit] != '.') {
                index = index * 10 + (document[digit++] - '0');
            }
            slots.add(functions.get(index));
            start = digit + 1;
        }
        pieces.add(Arrays.copyOfRange(document, start, document.length));
        return new SwmlTemplate(definition, pieces.toArray(byte[][]::new), slots.toArray(String[]::new));
    }

    /** The definition this template was made from (a re-registered agent makes a new one). */
    AgentDefinition definition() {
        return definition;
    }

    /** The document for {@code callId}: a fresh token, URL-encoded, in every slot. */
    byte[] fill(FunctionTokens tokens, String callId, long now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(fixedLength + slots.length * 256);
        for (int i = 0; i < slots.length; i++) {
            out.writeBytes(pieces[i]);
            out.writeBytes(urlEncode(tokens.mint(slots[i], callId, now)));
        }
        out.writeBytes(pieces[slots.length]);
        return out.toByteArray();
    }

    /**
     * A token (standard base64) as {@code URLEncoder} would encode it, without its general machinery: {@code +},
     * {@code /} and {@code =} are the only characters to escape, and none of the results needs escaping in JSON.
     */
    static byte[] urlEncode(String base64) {
        byte[] out = new byte[base64.length() * 3];
        int n = 0;
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            switch (c) {
                case '+' -> n = escape(out, n, '2', 'B');
                case '/' -> n = escape(out, n, '2', 'F');
                case '=' -> n = escape(out, n, '3', 'D');
                default -> out[n++] = (byte) c;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int escape(byte[] out, int n, char high, char low) {
        out[n] = '%';
        out[n + 1] = (byte) high;
        out[n + 2] = (byte) low;
        return n + 3;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
