package io.invitekit.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import io.invitekit.application.Invitekit;
import io.invitekit.application.port.out.StoreUnavailableException;

/**
 * The hexagon's rules that Maven's module graph cannot see. Each names packages that exist;
 * {@code ArchitectureTest} checks that, and proves the rules bite on deliberate violations.
 */
final class ArchitectureRules {
    static final String DOMAIN = "io.invitekit.domain..";
    static final String APPLICATION = "io.invitekit.application..";
    static final String PORTS_IN = "io.invitekit.application.port.in..";
    static final String PORTS_OUT = "io.invitekit.application.port.out..";
    static final String ADAPTERS = "io.invitekit.adapter..";

    private ArchitectureRules() {
    }

    /** The domain is plain Java: it sees only itself and the JDK's java.* packages. */
    static final ArchRule DOMAIN_DEPENDS_ONLY_ON_JAVA = noClasses()
            .that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideOutsideOfPackages(DOMAIN, "java..")
            .as("the domain depends only on java.*");

    /** The application knows ports, not technologies: no framework and no adapter class. */
    static final ArchRule APPLICATION_KNOWS_NO_TECHNOLOGY = noClasses()
            .that().resideInAPackage(APPLICATION)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.jdbi..", "io.javalin..", "com.fasterxml.jackson..", "jakarta.mail..", "org.eclipse.angus..",
                    "org.flywaydb..", "com.zaxxer..", "org.h2..", "org.postgresql..", "io.micrometer..",
                    "com.bucket4j..", "io.github.bucket4j..", "org.eclipse.jetty..", ADAPTERS)
            .as("the application depends on no Jdbi, Javalin, Jetty, Jackson, Jakarta Mail or adapter class");

    /** Use cases are described without naming what they are built from. */
    static final ArchRule INBOUND_PORTS_IGNORE_OUTBOUND_PORTS = noClasses()
            .that().resideInAPackage(PORTS_IN)
            .should().dependOnClassesThat().resideInAPackage(PORTS_OUT)
            .as("inbound ports do not depend on outbound ports");

    /** Each adapter stands alone; only bootstrap wires them together. */
    static final ArchRule ADAPTERS_ARE_INDEPENDENT = slices()
            .matching("io.invitekit.adapter.(*)..")
            .should().notDependOnEachOther()
            .as("adapters do not depend on each other");

    /** Driving adapters: the HTTP API and anything else that calls the application. */
    static final String DRIVING_ADAPTERS = "io.invitekit.adapter.http..";
    /** Driven adapters: what the application calls through its outbound ports. */
    static final String[] DRIVEN_ADAPTERS = {"io.invitekit.adapter.jdbi..", "io.invitekit.adapter.mail..",
            "io.invitekit.adapter.ratelimit..", "io.invitekit.adapter.webhook.."};

    /**
     * A driving adapter reaches the application only through its inbound ports and the façade
     * that builds them (and the one technical failure use cases let through): never a service, an
     * outbound port or an in-memory adapter. So an embedder calling the use cases gets every rule
     * the HTTP API gets.
     */
    static final ArchRule DRIVING_ADAPTERS_USE_ONLY_INBOUND_PORTS = noClasses()
            .that().resideInAPackage(DRIVING_ADAPTERS)
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(APPLICATION)
                    .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(PORTS_IN)))
                    .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(Invitekit.class)))
                    .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(StoreUnavailableException.class)))
                    .as("application classes other than inbound ports and the Invitekit façade"))
            .as("driving adapters use only the inbound ports and the façade");

    /** A driven adapter implements outbound ports: it never calls a use case, a service or the façade. */
    static final ArchRule DRIVEN_ADAPTERS_ONLY_IMPLEMENT_OUTBOUND_PORTS = noClasses()
            .that().resideInAnyPackage(DRIVEN_ADAPTERS)
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(APPLICATION)
                    .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(PORTS_OUT)))
                    .as("application classes other than outbound ports"))
            .as("driven adapters depend on the application only through its outbound ports");

    /** Read models may carry as many values as they show; commands and use cases may not. */
    private static final java.util.List<String> READ_MODEL_SUFFIXES = java.util.List.of(
            "View", "Result", "Preview", "Availability", "Page", "AcceptedInvitation", "FirstAdmin");

    private static final com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaCodeUnit>
            AT_MOST_FOUR_PARAMETERS = new com.tngtech.archunit.lang.ArchCondition<>("take at most four parameters") {
                @Override
                public void check(com.tngtech.archunit.core.domain.JavaCodeUnit unit,
                                  com.tngtech.archunit.lang.ConditionEvents events) {
                    int count = unit.getRawParameterTypes().size();
                    if (count > 4) {
                        events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(unit,
                                unit.getFullName() + " takes " + count + " parameters"));
                    }
                }
            };

    private static final DescribedPredicate<JavaClass> READ_MODEL = new DescribedPredicate<>("a read model") {
        @Override
        public boolean test(JavaClass type) {
            String name = type.getSimpleName();
            return READ_MODEL_SUFFIXES.stream().anyMatch(name::endsWith)
                    || type.getEnclosingClass().map(e -> READ_MODEL_SUFFIXES.stream().anyMatch(e.getSimpleName()::endsWith))
                    .orElse(false);
        }
    };

    /** Use cases are called with a few typed values: a command, an actor, an id. */
    static final ArchRule USE_CASE_METHODS_TAKE_AT_MOST_FOUR_PARAMETERS = com.tngtech.archunit.lang.syntax.ArchRuleDefinition
            .codeUnits().that().areDeclaredInClassesThat().resideInAPackage(PORTS_IN)
            .and().areDeclaredInClassesThat().areInterfaces()
            .should(AT_MOST_FOUR_PARAMETERS)
            .as("use-case methods take at most four parameters");

    /** Commands are built by builders and named factories, never from a long row of positional values. */
    static final ArchRule COMMAND_CONSTRUCTORS_TAKE_AT_MOST_FOUR_PARAMETERS = com.tngtech.archunit.lang.syntax.ArchRuleDefinition
            .constructors().that().areDeclaredInClassesThat().resideInAPackage(PORTS_IN)
            .and().areDeclaredInClassesThat(DescribedPredicate.not(READ_MODEL))
            .should(AT_MOST_FOUR_PARAMETERS)
            .as("command constructors take at most four parameters (read models are exempt)");

    /** No two packages need each other. */
    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("io.invitekit.(**)")
            .should().beFreeOfCycles()
            .as("no package cycles");
}
