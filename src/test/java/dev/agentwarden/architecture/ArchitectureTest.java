package dev.agentwarden.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The package walls (docs/architecture.md), checked on every build: breaking one fails {@code mvn verify}. Each rule
 * says why it exists.
 */
class ArchitectureTest {

    /** The main classes, imported once (plain JUnit tests: each rule fails its own test, with ArchUnit's report). */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.agentwarden");

    /** The packages that decide who may do what; an agent must never reach into them. */
    private static final String[] SECURITY = {"dev.agentwarden.auth..", "dev.agentwarden.authz..",
        "dev.agentwarden.token..", "dev.agentwarden.apikey..", "dev.agentwarden.user..", "dev.agentwarden.audit..",
        "dev.agentwarden.ratelimit..", "dev.agentwarden.route..", "dev.agentwarden.http..",
        "dev.agentwarden.store..", "dev.agentwarden.session..", "dev.agentwarden.swaig..", "dev.agentwarden.swml.."};

    private static final ArchRule noPackageCyclesRule = slices().matching("dev.agentwarden.(*)..")
            .should().beFreeOfCycles()
            .because("a package that imports one that imports it back cannot be read, tested or replaced alone");

    private static final ArchRule theAgentApiImportsNoSecurityRule = noClasses()
            .that().resideInAPackage("dev.agentwarden.agent..")
            .should().dependOnClassesThat().resideInAnyPackage(SECURITY)
            .because("the API users extend (AgentBase, Tool, @SwaigFunction, @Param, SwaigFunctionResult) must not let"
                    + " an agent reach the controls that guard it, nor change when they change");

    private static final ArchRule securityNeverImportsAnAgentRule = noClasses().that().resideInAnyPackage(SECURITY)
            .should().dependOnClassesThat().resideInAPackage("dev.agentwarden.example..")
            .because("the controls serve every agent alike: they know agents only through the registry");

    private static final ArchRule persistenceOnlyInTheStoreRule = noClasses().that()
            .resideOutsideOfPackage("dev.agentwarden.store..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "jakarta.persistence..")
            .because("one place owns transactions, SQL dialects and the schema: the store");

    private static final ArchRule resourcesNeverTouchTheDatabaseRule = noClasses().that()
            .areAnnotatedWith(jakarta.ws.rs.Path.class)
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.agentwarden.store.Database")
            .because("a resource asks a repository or a service; it never opens a connection or an entity manager");

    private static final ArchRule sharedTypesStayBelowTheFeaturesRule = noClasses().that()
            .resideInAnyPackage("dev.agentwarden.json..", "dev.agentwarden.config..", "dev.agentwarden.clock..",
                    "dev.agentwarden.http..", "dev.agentwarden.problem..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.agentwarden.auth..", "dev.agentwarden.authz..",
                    "dev.agentwarden.agent..", "dev.agentwarden.swaig..", "dev.agentwarden.swml..",
                    "dev.agentwarden.token..", "dev.agentwarden.endpoint..", "dev.agentwarden.audit..")
            .because("what many features share (client address, error shapes, JSON, settings, the clock) lives below"
                    + " all of them, so every feature can use it without a cycle");

    private static final ArchRule timeComesFromTheClockRule = noClasses().that().resideOutsideOfPackage("dev.agentwarden.clock..")
            .and().doNotHaveFullyQualifiedName("dev.agentwarden.store.Ids")
            .and().resideOutsideOfPackage("dev.agentwarden.cli..")
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(java.time.Instant.class, "now")
            .because("every decision that depends on time reads the one Clock, so tests move time instead of sleeping"
                    + " (exempt: store.Ids, whose time prefix decides nothing, and the CLI, a client on its own clock)");

    private static final ArchRule theCliIsAClientOnlyRule = noClasses().that().resideInAPackage("dev.agentwarden.cli..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.agentwarden..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("dev.agentwarden.cli.."))))
            .because("warden.jar ships without the server: it speaks to it over HTTP only");

    private static final ArchRule filtersAreBoundByNameRule = classes().that()
            .implement(jakarta.ws.rs.container.ContainerRequestFilter.class)
            .and().areAnnotatedWith(jakarta.ws.rs.ext.Provider.class)
            .should().beAnnotatedWith(jakarta.annotation.Priority.class)
            .because("the order of the request's checks is part of its security: every filter states its place");

    @Test
    void noPackageCycles() {
        noPackageCyclesRule.check(MAIN);
    }

    @Test
    void theAgentApiImportsNoSecurity() {
        theAgentApiImportsNoSecurityRule.check(MAIN);
    }

    @Test
    void securityNeverImportsAnAgent() {
        securityNeverImportsAnAgentRule.check(MAIN);
    }

    @Test
    void persistenceOnlyInTheStore() {
        persistenceOnlyInTheStoreRule.check(MAIN);
    }

    @Test
    void resourcesNeverTouchTheDatabase() {
        resourcesNeverTouchTheDatabaseRule.check(MAIN);
    }

    @Test
    void sharedTypesStayBelowTheFeatures() {
        sharedTypesStayBelowTheFeaturesRule.check(MAIN);
    }

    @Test
    void timeComesFromTheClock() {
        timeComesFromTheClockRule.check(MAIN);
    }

    @Test
    void filtersAreBoundByName() {
        filtersAreBoundByNameRule.check(MAIN);
    }

    @Test
    void theCliIsAClientOnly() {
        theCliIsAClientOnlyRule.check(MAIN);
    }
}
