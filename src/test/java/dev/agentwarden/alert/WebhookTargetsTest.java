package dev.agentwarden.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    /** Resolves literals only, and {@code hooks.example.com} / {@code evil.example.com} as a DNS would. */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "hooks.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.215.14")};
            case "evil.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.215.14"),
                InetAddress.getByName("10.1.2.3")};
            case "localhost" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
            default -> {
                if (host.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
                    yield new InetAddress[] {InetAddress.getByName(host)};
                }
                throw new UnknownHostException(host);
            }
        };
    }

    private final WebhookTargets strict = new WebhookTargets(false, WebhookTargetsTest::resolve);
    private final WebhookTargets lenient = new WebhookTargets(true, WebhookTargetsTest::resolve);

    @Test
    void acceptsAPublicHttpsUrl() throws Exception {
        assertEquals("https://hooks.example.com/alerts?x=1", strict.check("https://hooks.example.com/alerts?x=1")
                .toString());
    }

    @Test
    void acceptsAPublicAddressLiteral() throws Exception {
        assertEquals("93.184.215.14", strict.check("https://93.184.215.14/hook").getHost());
    }

    @Test
    void refusesPlainHttp() {
        WebhookTargets.Refused refused = assertThrows(WebhookTargets.Refused.class,
                () -> strict.check("http://hooks.example.com/alerts"));
        assertEquals("must use https", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/", "https://localhost/hook", "https://10.0.0.1/", "https://172.16.5.4/",
        "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data/", "https://100.64.0.1/", "https://0.0.0.0/",
        "https://[::1]/", "https://[fe80::1]/", "https://[fd00:ec2::254]/", "https://[::ffff:127.0.0.1]/",
        "https://[::ffff:a9fe:a9fe]/", "https://[64:ff9b::a9fe:a9fe]/", "https://224.0.0.1/", "https://[ff02::1]/",
        "https://[2002:7f00:1::]/", "https://evil.example.com/"})
    void refusesPrivateLoopbackLinkLocalAndMetadataAddresses(String url) {
        WebhookTargets.Refused refused = assertThrows(WebhookTargets.Refused.class, () -> strict.check(url));
        assertEquals("must not point to a loopback, private, link-local or metadata address", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/", "hooks.example.com/alerts", "https:///path", "", " ",
        "https://user:pass@hooks.example.com/", "https://hooks.example.com/#frag", "not a url", "https://no.such.host/"})
    void refusesWhatIsNotAUsableHttpsUrl(String url) {
        assertThrows(WebhookTargets.Refused.class, () -> strict.check(url));
    }

    @Test
    void anUnresolvableHostIsRefused() {
        WebhookTargets.Refused refused = assertThrows(WebhookTargets.Refused.class,
                () -> strict.check("https://no.such.host/"));
        assertEquals("host cannot be resolved", refused.getMessage());
    }

    @Test
    void allowPrivateLiftsTheAddressAndSchemeRules() throws Exception {
        assertEquals("127.0.0.1", lenient.check("http://127.0.0.1:8080/hook").getHost());
    }

    @Test
    void allowPrivateStillRefusesOtherSchemes() {
        assertThrows(WebhookTargets.Refused.class, () -> lenient.check("file:///etc/passwd"));
    }

    @Test
    void aLongUrlIsRefused() {
        WebhookTargets.Refused refused = assertThrows(WebhookTargets.Refused.class,
                () -> strict.check("https://hooks.example.com/" + "a".repeat(2100)));
        assertTrue(refused.getMessage().contains("2048"));
    }
}
