package io.invitekit.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

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
                    "com.bucket4j..", "io.github.bucket4j..", ADAPTERS)
            .as("the application depends on no Jdbi, Javalin, Jackson, Jakarta Mail or adapter class");

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

    /** No two packages need each other. */
    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("io.invitekit.(**)")
            .should().beFreeOfCycles()
            .as("no package cycles");
}
