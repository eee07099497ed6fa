package dev.agentwarden.it;

import static dev.agentwarden.it.Problems.assertProblem;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console (issue 14) in a real browser: Debian's headless Chromium driven by Selenium through Debian's
 * chromedriver (never a downloaded one), against the deployed WAR. One deployment and one browser for the class; each
 * test starts from the console's front page and signs in as it needs. A failing test leaves a screenshot and the page's
 * DOM in {@code target/console-screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleIT {

    private static final String CHROMIUM = System.getProperty("console.it.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("console.it.chromedriver", "/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Path DOWNLOADS = Path.of("target", "console-downloads").toAbsolutePath();
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final String AGENT = "secure-agent";
    private static final String USER_PASSWORD = "console-User-Password-0123456789";

    private static final String OIDC_CLIENT = "warden-console-it";

    private static WebDriver browser;
    /** The OpenID provider of "Sign in with your identity provider" (no.nav's mock-oauth2-server, on loopback). */
    private static MockOAuth2Server provider;

    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            screenshot(context.getRequiredTestMethod().getName());
        }
    };

    @ArquillianResource
    private URL base;
    private Http http;
    private WebDriverWait wait;

    @Deployment(testable = false)
    static WebArchive deployment() {
        provider = new MockOAuth2Server();
        provider.start();
        return Deployments.war(Map.of("WARDEN_OIDC_ISSUER", provider.issuerUrl("default").toString(),
                "WARDEN_OIDC_CLIENT_ID", OIDC_CLIENT, "WARDEN_OIDC_CLIENT_SECRET", "console-it-secret-0123456789"),
                MarkupAgent.class, SupportAgent.class);
    }

    @BeforeEach
    void open() {
        http = new Http(base);
        if (browser == null) {
            browser = startBrowser();
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class); // a page re-rendered while a condition read it
    }

    @AfterAll
    static void closeBrowserAndProvider() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    // --- the browser ---------------------------------------------------------------------------------------------

    private static WebDriver startBrowser() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        return new ChromeDriver(service, options);
    }

    private static void screenshot(String name) {
        if (browser == null) {
            return;
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), browser.getPageSource());
        } catch (IOException | RuntimeException e) {
            System.err.println("No screenshot of " + name + ": " + e);
        }
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    /** Loads the console afresh at {@code hash} (a new page: a reload, as a person pressing F5). */
    private void load(String hash) {
        browser.get("about:blank"); // else a URL that differs only in its fragment would not load the page again
        browser.get(http.uri("console/").toString() + hash);
        wait.until(d -> !d.findElements(By.id("page-title")).isEmpty());
    }

    /** Waits for the page titled {@code text}, rendered in full (the console marks main busy while it loads). */
    private void expectHeading(String text) {
        wait.until(ExpectedConditions.textToBe(By.id("page-title"), text));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("main[aria-busy]")));
    }

    private String headingText() {
        return browser.findElement(By.id("page-title")).getText();
    }

    private WebElement byId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void signIn(String user, String password) {
        expectHeading("Sign in");
        byId("signin-username").clear();
        byId("signin-username").sendKeys(user);
        byId("signin-password").clear();
        byId("signin-password").sendKeys(password);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
    }

    /** The console's front page with {@code user} signed in (signing out whoever else was). */
    private void signedInAs(String user, String password) {
        load("#/agents");
        wait.until(d -> headingText().equals("Sign in") || headingText().equals("Agents"));
        if (headingText().equals("Agents")) {
            expectHeading("Agents");
            if (browser.findElement(By.id("who-name")).getText().equals("Signed in as " + user)) {
                return;
            }
            signOut();
        }
        signIn(user, password);
        expectHeading("Agents");
        expectText("who-name", "Signed in as " + user);
    }

    /** The console's sign-in page, whoever was signed in. */
    private void signedOut() {
        load("#/agents");
        wait.until(d -> headingText().equals("Sign in") || headingText().equals("Agents"));
        if (headingText().equals("Agents")) {
            signOut();
        }
    }

    private void signedInAsAdmin() {
        signedInAs(Deployments.ADMIN, Deployments.ADMIN_PASSWORD);
    }

    private void signOut() {
        byId("sign-out").click();
        expectHeading("Sign in");
    }

    private void go(String hash, String heading) {
        browser.findElement(By.tagName("body")); // the page is there
        script("window.location.hash = arguments[0];", hash);
        expectHeading(heading);
    }

    private String newUser(String role) {
        String name = "console-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = http.json("POST", "api/users", "{\"username\":\"" + name + "\",\"password\":\""
                + USER_PASSWORD + "\",\"roles\":[\"" + role + "\"]}", Http.admin());
        assertEquals(201, created.statusCode(), created.body());
        return name;
    }

    /** Creates a key in the form of the keys page; the key the page shows. */
    private String createKey(String name) {
        byId("key-name").sendKeys(name);
        browser.findElement(By.xpath("//button[normalize-space()='Create key']")).click();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key"))).getAttribute("value");
    }

    private WebElement keyRow(String name) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//table//tr[th[normalize-space()='" + name + "']]")));
    }

    private String keyStatus(String name) {
        return keyRow(name).findElement(By.className("key-status")).getText();
    }

    /** Waits for the element's text: the console renders after its fetch answers, so an immediate read can race it. */
    private void expectText(String id, String text) {
        try {
            wait.until(ExpectedConditions.textToBe(By.id(id), text));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertEquals(text, byId(id).getText(), "#" + id);
        }
    }

    private void confirmDialog(String action) {
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        dialog.findElement(By.xpath(".//button[normalize-space()='" + action + "']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
    }

    private HttpResponse<String> invoke(String key) {
        return Http.send(http.request("api/agents/" + AGENT + "/invoke").header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Hello\"}")));
    }

    /** The browser's session cookie (read where it is sent: below /api). */
    private Cookie sessionCookie() {
        browser.get(http.uri("api/console/session").toString());
        Cookie cookie = browser.manage().getCookieNamed("warden_console");
        assertNotNull(cookie, "the browser holds no console session cookie");
        return cookie;
    }

    // --- sign-in -------------------------------------------------------------------------------------------------

    @Test
    void signingInShowsTheAgents() {
        signedInAsAdmin();
        WebElement agents = browser.findElement(By.tagName("table"));
        assertTrue(agents.getText().contains(AGENT), agents.getText());
        assertTrue(agents.getText().contains("markup-agent"), agents.getText());
    }

    @Test
    void signingInThroughTheIdentityProvider() {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "dana-sub", "JWT", List.of(OIDC_CLIENT),
                Map.of("preferred_username", "dana"), 3600));
        signedOut();
        byId("signin-provider").click();
        expectHeading("Agents");
        expectText("who-name", "Signed in as dana");
        assertTrue(browser.getCurrentUrl().contains("/console/"), browser.getCurrentUrl());
        assertTrue(browser.findElement(By.tagName("table")).getText().contains(AGENT), "a viewer reads the agents");
    }

    @Test
    void aWrongPasswordShowsTheMessage() {
        signedOut();
        signIn(Deployments.ADMIN, "not-the-password");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
        assertEquals("The user name or password is not valid", error.getText());
        assertEquals("Sign in", headingText());
        assertTrue(browser.findElement(By.id("nav")).getAttribute("hidden") != null, "the navigation is hidden");
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() {
        signedInAsAdmin();
        Cookie cookie = sessionCookie();
        load("#/agents");
        expectHeading("Agents");
        signOut();
        HttpResponse<String> after = Http.send(http.request("api/agents")
                .header("Cookie", "warden_console=" + cookie.getValue()).GET());
        assertProblem(after, 401, "session_expired");
    }

    @Test
    void anIdleSessionEndsAfterThirtyMinutes() {
        signedInAsAdmin();
        http.advanceClock(Duration.ofMinutes(31));
        load("#/agents");
        expectHeading("Sign in");
    }

    // --- API keys ------------------------------------------------------------------------------------------------

    @Test
    void aNewKeyIsShownOnceWithTheWarning() {
        signedInAsAdmin();
        go("#/agents/" + AGENT + "/keys", "API keys of " + AGENT);
        String key = createKey("shown-once");
        assertTrue(key.startsWith("sk_live_"), key);
        WebElement panel = byId("new-key-panel");
        assertTrue(panel.getText().contains("Keep this key secure!"), panel.getText());
        assertTrue(browser.findElement(By.id("copy-key")).isDisplayed());
        assertEquals("active", keyStatus("shown-once"));
        assertEquals(200, invoke(key).statusCode(), "the key shown works");

        browser.findElement(By.linkText("Agents")).click();
        expectHeading("Agents");
        go("#/agents/" + AGENT + "/keys", "API keys of " + AGENT);
        keyRow("shown-once");
        assertTrue(browser.findElements(By.id("new-key")).isEmpty(), "the key is shown no more");
        assertFalse(browser.getPageSource().contains(key), "the secret is nowhere on the page");
        assertFalse(browser.findElement(By.tagName("main")).getText().contains("Keep this key secure!"));
    }

    @Test
    void theCopyButtonCopiesOrSelectsTheKey() {
        signedInAsAdmin();
        go("#/agents/" + AGENT + "/keys", "API keys of " + AGENT);
        createKey("copied");
        browser.findElement(By.id("copy-key")).click();
        wait.until(d -> !d.findElement(By.id("copy-status")).getText().isEmpty());
        String said = browser.findElement(By.id("copy-status")).getText();
        assertTrue(said.equals("Copied") || said.startsWith("Selected"), said);
    }

    @Test
    void rotatingShowsTheNewKeyAndKeepsTheOldOneForTheGrace() {
        signedInAsAdmin();
        go("#/agents/" + AGENT + "/keys", "API keys of " + AGENT);
        String old = createKey("to-rotate");
        browser.findElement(By.xpath("//button[normalize-space()='Done']")).click();
        keyRow("to-rotate").findElement(By.xpath(".//button[normalize-space()='Rotate']")).click();
        WebElement grace = byId("rotate-grace");
        assertEquals("24h", grace.getAttribute("value"));
        confirmDialog("Rotate");
        String rotated = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key")))
                .getAttribute("value");
        assertTrue(rotated.startsWith("sk_live_") && !rotated.equals(old), rotated);
        assertTrue(byId("new-key-panel").getText().contains("rotated"), byId("new-key-panel").getText());
        wait.until(d -> keyStatus("to-rotate").equals("rotating") || keyStatus("to-rotate").equals("active"));
        List<WebElement> rows = browser.findElements(By.xpath("//table//tr[th[normalize-space()='to-rotate']]"));
        assertEquals(2, rows.size(), "the old key (in its grace) and the new one");
        assertEquals(200, invoke(old).statusCode(), "the old key works during the grace");
        assertEquals(200, invoke(rotated).statusCode());
    }

    @Test
    void revokingAsksFirstThenRevokes() {
        signedInAsAdmin();
        go("#/agents/" + AGENT + "/keys", "API keys of " + AGENT);
        String key = createKey("to-revoke");
        browser.findElement(By.xpath("//button[normalize-space()='Done']")).click();

        keyRow("to-revoke").findElement(By.xpath(".//button[normalize-space()='Revoke']")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        assertTrue(dialog.getText().contains("Revoke “to-revoke”?"), dialog.getText());
        confirmDialog("Cancel");
        assertEquals("active", keyStatus("to-revoke"));

        keyRow("to-revoke").findElement(By.xpath(".//button[normalize-space()='Revoke']")).click();
        confirmDialog("Revoke key");
        wait.until(d -> keyStatus("to-revoke").equals("revoked"));
        assertProblem(invoke(key), 401, "api_key_revoked");
    }

    // --- the agent page and the whitelist ------------------------------------------------------------------------

    @Test
    void anAgentShowsItsFunctionsControlsAndConfig() {
        signedInAsAdmin();
        browser.findElement(By.linkText(AGENT)).click();
        expectHeading(AGENT);
        String page = browser.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("transfer_funds"), page);
        assertTrue(page.contains("IP whitelist"), page);
        assertTrue(browser.findElement(By.cssSelector("pre.json")).getText().contains("\"security\""));
    }

    @Test
    void aBadCidrShowsTheServersErrorNextToTheField() {
        signedInAsAdmin();
        go("#/agents/" + AGENT, AGENT);
        WebElement field = byId("whitelist-ip");
        field.sendKeys("10.0.0.1/24");
        field.sendKeys(Keys.ENTER);
        WebElement error = wait.until(d -> {
            WebElement e = d.findElement(By.id("whitelist-ip-error"));
            return e.getText().isEmpty() ? null : e;
        });
        assertTrue(error.getText().contains("host bits") && error.getText().contains("10.0.0.0/24"), error.getText());
        assertEquals("true", byId("whitelist-ip").getAttribute("aria-invalid"));
        assertTrue(byId("whitelist-ip").getAttribute("aria-describedby").contains("whitelist-ip-error"));
    }

    @Test
    void aWhitelistEntryIsAddedAndRemoved() {
        signedInAsAdmin();
        go("#/agents/" + AGENT, AGENT);
        byId("whitelist-ip").sendKeys("198.51.100.0/24", Keys.ENTER);
        WebElement remove = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("button[aria-label='Remove 198.51.100.0/24']")));
        assertTrue(object(http.get("api/agents/" + AGENT + "/security/whitelist", Http.admin()).body())
                .getJsonArray("addresses").toString().contains("198.51.100.0/24"));
        remove.click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("button[aria-label='Remove 198.51.100.0/24']")));
        assertFalse(object(http.get("api/agents/" + AGENT + "/security/whitelist", Http.admin()).body())
                .getJsonArray("addresses").toString().contains("198.51.100.0/24"));
    }

    @Test
    void deletingAnAgentAsksFirstAndEnablingBringsItBack() {
        signedInAsAdmin();
        go("#/agents/support-agent", "support-agent");
        byId("agent-delete").click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
        assertTrue(dialog.getText().contains("Delete “support-agent”?"), dialog.getText());
        confirmDialog("Delete agent");
        expectText("lifecycle-title", "This agent is disabled");
        assertEquals(404, http.get("support").statusCode(), "its route is gone");

        byId("agent-enable").click();
        expectText("lifecycle-title", "Delete this agent");
        assertEquals(200, http.get("support").statusCode(), "its route is back");
    }

    // --- markup from the server is text --------------------------------------------------------------------------

    @Test
    void anAgentsMarkupIsShownAsTextAndRunsNothing() {
        signedInAsAdmin();
        go("#/agents/markup-agent", "markup-agent");
        WebElement functions = browser.findElement(By.tagName("table"));
        wait.until(d -> functions.getText().contains(MarkupAgent.MARKUP));
        assertTrue(functions.findElements(By.tagName("img")).isEmpty(), "no image element was made");
        assertNull(script("return window.__xss;"), "no handler ran");
    }

    @Test
    void markupInAnAuditValueIsShownAsTextAndRunsNothing() {
        HttpResponse<String> refused = http.json("POST", "api/console/session", "{\"username\":\""
                + MarkupAgent.MARKUP + "\",\"password\":\"wrong\"}", null);
        assertProblem(refused, 401, "invalid_credentials");
        signedInAsAdmin();
        go("#/audit", "Audit log");
        WebElement filter = byId("audit-filter");
        filter.sendKeys("auth.failed", Keys.ENTER);
        WebElement results = byId("audit-results");
        wait.until(d -> results.getText().contains(MarkupAgent.MARKUP));
        assertTrue(results.findElements(By.tagName("img")).isEmpty(), "no image element was made");
        assertNull(script("return window.__xss;"), "no handler ran");
    }

    @Test
    void markupInAValidationErrorIsShownAsTextAndRunsNothing() {
        signedInAsAdmin();
        go("#/agents/" + AGENT, AGENT);
        byId("whitelist-ip").sendKeys(MarkupAgent.MARKUP, Keys.ENTER);
        WebElement error = wait.until(d -> {
            WebElement e = d.findElement(By.id("whitelist-ip-error"));
            return e.getText().isEmpty() ? null : e;
        });
        assertTrue(error.getText().contains(MarkupAgent.MARKUP), error.getText());
        assertTrue(error.findElements(By.tagName("img")).isEmpty());
        assertNull(script("return window.__xss;"));
    }

    @Test
    void anAgentsAuditIsFilteredAndExported() throws IOException {
        HttpResponse<String> created = http.json("POST", "api/agents/" + AGENT + "/keys", "{\"name\":\"audited\"}",
                Http.admin());
        assertEquals(201, created.statusCode(), created.body());
        Files.createDirectories(DOWNLOADS);
        Path file = DOWNLOADS.resolve("audit-" + AGENT + "-24h.csv");
        Files.deleteIfExists(file);
        signedInAsAdmin();
        go("#/audit", "Audit log");
        new org.openqa.selenium.support.ui.Select(byId("audit-scope")).selectByValue(AGENT);
        byId("audit-filter").sendKeys("key.created", Keys.ENTER);
        WebElement results = byId("audit-results");
        wait.until(d -> results.getText().contains("key.created"));
        List<String> types = results.findElements(By.cssSelector("tbody th")).stream().map(WebElement::getText)
                .distinct().toList();
        assertEquals(List.of("key.created"), types);

        byId("audit-export-csv").click();
        wait.until(d -> Files.exists(file));
        String csv = Files.readString(file);
        assertTrue(csv.startsWith("id,type,agent,at,peer,principal,detail\r\n"), csv);
        assertTrue(csv.contains("key.created"), csv);
    }

    // --- MFA -----------------------------------------------------------------------------------------------------

    @Test
    void enrollingMfaThenSigningInWithTheCode() {
        String user = newUser("admin");
        http.freezeClock();
        try {
            Instant now = http.advanceClock(Duration.ofSeconds(30));
            signedInAs(user, USER_PASSWORD);
            browser.findElement(By.linkText("My account")).click();
            expectHeading("My account");
            byId("mfa-start").click();
            String secret = byId("mfa-secret").getText();
            assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
            WebElement qr = browser.findElement(By.cssSelector("img.qr"));
            assertTrue(qr.getAttribute("src").startsWith("data:image/png;base64,"));
            wait.until(d -> ((Number) script("return arguments[0].naturalWidth;", qr)).intValue() > 0);

            byId("mfa-code").sendKeys(MfaIT.totp(secret, now), Keys.ENTER);
            WebElement codes = byId("recovery-codes");
            assertEquals(10, codes.findElements(By.tagName("li")).size());
            assertTrue(browser.findElement(By.tagName("main")).getText().contains("Save these recovery codes now."));

            signOut();
            signIn(user, USER_PASSWORD);
            WebElement code = byId("signin-code");
            assertEquals("Enter the code of your authenticator app to finish signing in.",
                    byId("signin-error").getText());
            now = http.advanceClock(Duration.ofSeconds(30));
            code.sendKeys(MfaIT.totp(secret, now), Keys.ENTER);
            expectHeading("Agents");
            expectText("who-name", "Signed in as " + user);
            browser.findElement(By.linkText("My account")).click();
            expectHeading("My account");
            assertTrue(browser.findElement(By.tagName("main")).getText().contains("With a second factor"));
        } finally {
            http.releaseClock();
        }
    }

    @Test
    void anOperationTheAgentProtectsAsksForACode() {
        String user = newUser("admin");
        http.freezeClock();
        try {
            Instant now = http.advanceClock(Duration.ofSeconds(30));
            String basic = Http.basic(user, USER_PASSWORD);
            HttpResponse<String> enrolled = http.json("POST", "api/me/mfa", null, basic);
            assertEquals(201, enrolled.statusCode(), enrolled.body());
            String secret = object(enrolled.body()).getString("secret");
            HttpResponse<String> confirmed = http.json("POST", "api/me/mfa/confirm",
                    "{\"code\":\"" + MfaIT.totp(secret, now) + "\"}", basic);
            assertEquals(200, confirmed.statusCode(), confirmed.body());
            AgentSecurity.with(http, AGENT, "{\"mfa\":{\"enabled\":true,\"operations\":[\"keys\"]}}", () -> {
                signedOut();
                signIn(user, USER_PASSWORD);
                Instant later = http.advanceClock(Duration.ofSeconds(30));
                byId("signin-code").sendKeys(MfaIT.totp(secret, later), Keys.ENTER);
                expectHeading("Agents");

                // the sign-in's second factor is fresh for 15 minutes; after that the console asks again
                Instant stale = http.advanceClock(Duration.ofMinutes(16));
                go("#/agents/" + AGENT + "/keys", "API keys of " + AGENT);
                byId("key-name").sendKeys("stepped-up");
                browser.findElement(By.xpath("//button[normalize-space()='Create key']")).click();
                WebElement message = byId("code-dialog-message");
                assertTrue(message.getText().contains("requires a second factor"), message.getText());
                byId("code-dialog-code").sendKeys(MfaIT.totp(secret, stale), Keys.ENTER);
                String key = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key")))
                        .getAttribute("value");
                assertTrue(key.startsWith("sk_live_"), key);
                assertEquals("active", keyStatus("stepped-up"));
            });
        } finally {
            http.releaseClock();
        }
    }

    // --- CSRF and the cookie -------------------------------------------------------------------------------------

    @Test
    void aCrossSitePostWithTheCookieButNoCsrfTokenIsRefused() {
        signedInAsAdmin();
        Cookie cookie = sessionCookie();
        HttpResponse<String> refused = Http.send(http.request("api/agents/" + AGENT + "/keys")
                .header("Cookie", "warden_console=" + cookie.getValue())
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"cross-site\"}")));
        assertProblem(refused, 403, "csrf_invalid");
        assertFalse(http.get("api/agents/" + AGENT + "/keys", Http.admin()).body().contains("cross-site"),
                "no key was made");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndStrict() {
        signedInAsAdmin();
        Cookie cookie = sessionCookie();
        assertTrue(cookie.isHttpOnly());
        assertEquals("Strict", cookie.getSameSite());
        assertEquals(http.uri("api").getPath(), cookie.getPath());
        assertFalse(cookie.isSecure(), "plain HTTP here; Secure on HTTPS");
        load("#/agents");
        assertEquals("", script("return document.cookie;"), "script sees no cookie");
    }

    @Test
    void theCsrfTokenOfTheSessionLetsTheSameRequestThrough() {
        signedInAsAdmin();
        Cookie cookie = sessionCookie();
        HttpResponse<String> current = Http.send(http.request("api/console/session")
                .header("Cookie", "warden_console=" + cookie.getValue()).GET());
        assertEquals(200, current.statusCode(), current.body());
        String csrf = object(current.body()).getString("csrf_token");
        HttpResponse<String> created = Http.send(http.request("api/agents/" + AGENT + "/keys")
                .header("Cookie", "warden_console=" + cookie.getValue()).header("X-CSRF-Token", csrf)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"same-site\"}")));
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> wrong = Http.send(http.request("api/agents/" + AGENT + "/keys")
                .header("Cookie", "warden_console=" + cookie.getValue()).header("X-CSRF-Token", csrf + "x")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"wrong-token\"}")));
        assertProblem(wrong, 403, "csrf_invalid");
    }

    // --- headers, layout, keyboard -------------------------------------------------------------------------------

    @Test
    void everyConsoleResponseCarriesTheContentSecurityPolicy() {
        for (String file : List.of("console/", "console/index.html", "console/app.js", "console/api.js",
                "console/dom.js", "console/console.css", "console/pages/keys.js")) {
            HttpResponse<String> response = Http.send(http.request(file).GET());
            assertEquals(200, response.statusCode(), file);
            assertEquals(CSP, response.headers().firstValue("Content-Security-Policy").orElse(null), file);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), file);
            assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(null), file);
            if (file.endsWith(".js")) {
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"),
                        file + ": " + response.headers().firstValue("Content-Type"));
            }
        }
        HttpResponse<String> missing = Http.send(http.request("console/nothing-here.js").GET());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void theFilesHoldNoInlineScriptOrStyleAndNoMarkupSink() {
        for (String file : List.of("console/index.html", "console/app.js", "console/api.js", "console/dom.js",
                "console/pages/signin.js", "console/pages/agents.js", "console/pages/keys.js",
                "console/pages/account.js", "console/pages/audit.js")) {
            String body = Http.send(http.request(file).GET()).body();
            for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                    "style=", "<style", "onclick=")) {
                assertFalse(body.contains(sink), file + " contains " + sink);
            }
        }
        String index = Http.send(http.request("console/index.html").GET()).body();
        assertTrue(index.contains("<script type=\"module\" src=\"app.js\"></script>"), "one external module only");
    }

    @Test
    void noPageBreaksThePolicy() {
        signedInAsAdmin();
        for (String[] page : List.of(new String[] {"#/agents/" + AGENT, AGENT},
                new String[] {"#/agents/" + AGENT + "/keys", "API keys of " + AGENT},
                new String[] {"#/account", "My account"}, new String[] {"#/audit", "Audit log"})) {
            go(page[0], page[1]);
        }
        List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught")).toList();
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void thePagesFitANarrowScreen() {
        signedInAsAdmin();
        browser.manage().window().setSize(new Dimension(390, 844));
        for (String[] page : List.of(new String[] {"#/agents", "Agents"},
                new String[] {"#/agents/" + AGENT, AGENT},
                new String[] {"#/agents/" + AGENT + "/keys", "API keys of " + AGENT},
                new String[] {"#/account", "My account"}, new String[] {"#/audit", "Audit log"})) {
            go(page[0], page[1]);
            long overflow = ((Number) script("return document.documentElement.scrollWidth"
                    + " - document.documentElement.clientWidth;")).longValue();
            assertTrue(overflow <= 0, page[0] + " is wider than the screen by " + overflow + " px");
            assertTrue(browser.findElement(By.id("sign-out")).isDisplayed());
        }
    }

    /** Each page at both widths, saved in target/console-screenshots/pages/ (the README's pictures come from here). */
    @Test
    void everyPageRendersAtBothWidths() throws IOException {
        signedInAsAdmin();
        Path pages = Files.createDirectories(SCREENSHOTS.resolve("pages"));
        for (int width : new int[] {1280, 390}) {
            browser.manage().window().setSize(new Dimension(width, width == 390 ? 844 : 900));
            for (String[] page : List.of(new String[] {"#/agents", "Agents", "agents"},
                    new String[] {"#/agents/" + AGENT, AGENT, "agent"},
                    new String[] {"#/agents/" + AGENT + "/keys", "API keys of " + AGENT, "keys"},
                    new String[] {"#/account", "My account", "account"},
                    new String[] {"#/audit", "Audit log", "audit"})) {
                go(page[0], page[1]);
                File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
                Files.copy(png.toPath(), pages.resolve(page[2] + "-" + width + ".png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        load("#/agents");
        signOut();
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                pages.resolve("signin-390.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theKeyboardAloneOpensAnAgent() {
        signedInAsAdmin();
        wait.until(d -> "page-title".equals(script("return document.activeElement.id;"))); // the heading has the focus
        Actions keys = new Actions(browser);
        for (int i = 0; i < 6 && !AGENT.equals(script("return document.activeElement.textContent;")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertEquals(AGENT, script("return document.activeElement.textContent;"));
        keys.sendKeys(Keys.ENTER).perform();
        expectHeading(AGENT);
        assertEquals("page-title", script("return document.activeElement.id;"));
    }

    @Test
    void everyControlHasALabel() {
        signedInAsAdmin();
        for (String[] page : List.of(new String[] {"#/agents/" + AGENT, AGENT},
                new String[] {"#/agents/" + AGENT + "/keys", "API keys of " + AGENT},
                new String[] {"#/audit", "Audit log"})) {
            go(page[0], page[1]);
            Object unlabelled = script("return [...document.querySelectorAll('input, select, textarea')]"
                    + ".filter(e => !e.labels.length && !e.getAttribute('aria-label')).map(e => e.name || e.id);");
            assertEquals(List.of(), unlabelled, page[0]);
        }
    }
}
