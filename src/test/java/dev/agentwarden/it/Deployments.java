package dev.agentwarden.it;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment builder of the integration tests: the WAR the build produced ({@code target/agent-warden.war}),
 * unchanged but for a test configuration file, the movable clock and, where a test needs them, extra agent classes.
 */
public final class Deployments {

    /** Basic credentials every test deployment uses. */
    public static final String USER = "tester";
    public static final String PASSWORD = "tester-Password-0123456789";
    /** The function-token secret every test deployment uses, so tests can mint tokens as another node would. */
    public static final String TOKEN_SECRET = "integration-test-secret-0123456789abcdef";
    /** The first admin of {@code /api} in every test deployment. */
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-Password-0123456789";
    /** The key sealing stored secrets in every test deployment (base64 of 32 bytes), so restarts can open them. */
    public static final String SECRETS_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private Deployments() {
    }

    /** The product WAR with the standard test settings plus {@code overrides}, and {@code extraClasses}. */
    public static WebArchive war(Map<String, String> overrides, Class<?>... extraClasses) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("SWML_BASIC_AUTH_USER", USER);
        config.put("SWML_BASIC_AUTH_PASSWORD", PASSWORD);
        config.put("SWML_FUNCTION_TOKEN_SECRET", TOKEN_SECRET);
        config.put("WARDEN_ADMIN_USER", ADMIN);
        config.put("WARDEN_ADMIN_PASSWORD", ADMIN_PASSWORD);
        config.put("WARDEN_SECRETS_KEY", SECRETS_KEY);
        // Every deployment gets a store of its own, so tests never see each other's data.
        config.put("WARDEN_DATA_DIR", new File("target/it-data/" + UUID.randomUUID()).getAbsolutePath());
        String pgUrl = System.getProperty("warden.it.pg.url");
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (pgUrl != null) {
            config.put("WARDEN_DATASOURCE", "java:app/jdbc/warden");
            config.put("WARDEN_DB_SCHEMA", schema);
        }
        config.putAll(overrides);
        String properties = config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("warden.war",
                "target/agent-warden.war")));
        war.addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
        war.addClasses(extraClasses);
        // Time in tests moves on request (Http.advanceClock), never by sleeping.
        war.addClasses(MovableClock.class, MovableClockProducer.class, ClockServlet.class);
        if (pgUrl != null) {
            war.addAsLibrary(new File(System.getProperty("warden.it.pg.driver")));
            war.setWebXML(new StringAsset(postgresWebXml(pgUrl, schema)));
        }
        return war;
    }

    /** A web.xml declaring the PostgreSQL data source of one deployment, on its own schema. */
    private static String postgresWebXml(String url, String schema) {
        String separator = url.contains("?") ? "&amp;" : "?";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                    <context-param>
                        <param-name>resteasy.preferJacksonOverJsonB</param-name>
                        <param-value>false</param-value>
                    </context-param>
                    <data-source>
                        <name>java:app/jdbc/warden</name>
                        <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>
                        <url>%s%scurrentSchema=%s</url>
                        <user>%s</user>
                        <password>%s</password>
                        <max-pool-size>16</max-pool-size>
                    </data-source>
                </web-app>
                """.formatted(url, separator, schema, System.getProperty("warden.it.pg.user"),
                System.getProperty("warden.it.pg.password")).strip();
    }

    /** The product WAR with the standard test settings. */
    public static WebArchive war() {
        return war(Map.of());
    }
}
