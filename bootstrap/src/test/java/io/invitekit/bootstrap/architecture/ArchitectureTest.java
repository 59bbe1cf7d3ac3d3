package io.invitekit.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.invitekit.adapter.alpha.archfixture.First;
import io.invitekit.adapter.beta.archfixture.Second;
import io.invitekit.adapter.http.archfixture.HandlerUsingTheStorage;
import io.invitekit.adapter.http.archfixture.ok.HandlerUsingAUseCase;
import io.invitekit.adapter.jdbi.archfixture.StoreCallingAUseCase;
import io.invitekit.application.archfixture.leak.UsingAnAdapter;
import io.invitekit.application.archfixture.ping.Ping;
import io.invitekit.application.archfixture.pong.Pong;
import io.invitekit.application.port.in.archfixture.InboundPortNamingOutboundPort;
import io.invitekit.application.port.in.archfixture.LongUseCase;
import io.invitekit.application.port.in.archfixture.PositionalCommand;
import io.invitekit.domain.archfixture.DomainLeakingIntoApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionCode() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.invitekit");
    }

    @Test
    void everyPackageTheRulesNameHoldsClasses() {
        for (String pkg : new String[] {"io.invitekit.domain", "io.invitekit.application", "io.invitekit.application.port.in",
                "io.invitekit.application.port.out", "io.invitekit.adapter.jdbi", "io.invitekit.adapter.mail",
                "io.invitekit.adapter.ratelimit", "io.invitekit.adapter.webhook", "io.invitekit.adapter.http"}) {
            assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("classes in %s", pkg).isTrue();
        }
    }

    @Test
    void theDomainDependsOnlyOnJava() {
        ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_JAVA.check(production);
    }

    @Test
    void theApplicationKnowsNoTechnology() {
        ArchitectureRules.APPLICATION_KNOWS_NO_TECHNOLOGY.check(production);
    }

    @Test
    void inboundPortsIgnoreOutboundPorts() {
        ArchitectureRules.INBOUND_PORTS_IGNORE_OUTBOUND_PORTS.check(production);
    }

    @Test
    void adaptersAreIndependent() {
        ArchitectureRules.ADAPTERS_ARE_INDEPENDENT.check(production);
    }

    @Test
    void noPackageCycles() {
        ArchitectureRules.NO_PACKAGE_CYCLES.check(production);
    }

    @Test
    void drivingAdaptersUseOnlyInboundPorts() {
        ArchitectureRules.DRIVING_ADAPTERS_USE_ONLY_INBOUND_PORTS.check(production);
    }

    @Test
    void drivenAdaptersOnlyImplementOutboundPorts() {
        ArchitectureRules.DRIVEN_ADAPTERS_ONLY_IMPLEMENT_OUTBOUND_PORTS.check(production);
    }

    @Test
    void useCasesAndCommandsTakeAtMostFourParameters() {
        ArchitectureRules.USE_CASE_METHODS_TAKE_AT_MOST_FOUR_PARAMETERS.check(production);
        ArchitectureRules.COMMAND_CONSTRUCTORS_TAKE_AT_MOST_FOUR_PARAMETERS.check(production);
    }

    // The rules bite: each deliberate violation (test fixtures, never production code) is caught.

    @Test
    void aDomainClassUsingTheApplicationBreaksTheDomainRule() {
        JavaClasses bad = new ClassFileImporter().importClasses(DomainLeakingIntoApplication.class);
        assertThat(ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_JAVA.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void anInboundPortNamingAnOutboundPortBreaksThePortRule() {
        JavaClasses bad = new ClassFileImporter().importClasses(InboundPortNamingOutboundPort.class);
        assertThat(ArchitectureRules.INBOUND_PORTS_IGNORE_OUTBOUND_PORTS.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void aPackageCycleBreaksTheCycleRule() {
        JavaClasses bad = new ClassFileImporter().importClasses(Ping.class, Pong.class);
        assertThat(ArchitectureRules.NO_PACKAGE_CYCLES.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void anApplicationClassUsingAnAdapterBreaksTheApplicationRule() {
        JavaClasses bad = new ClassFileImporter().importClasses(UsingAnAdapter.class);
        assertThat(ArchitectureRules.APPLICATION_KNOWS_NO_TECHNOLOGY.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void anAdapterCallingAnotherAdapterBreaksTheAdapterRule() {
        JavaClasses bad = new ClassFileImporter().importClasses(First.class, Second.class);
        assertThat(ArchitectureRules.ADAPTERS_ARE_INDEPENDENT.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void anHttpHandlerUsingTheStorageBreaksTheDrivingAdapterRule() {
        JavaClasses bad = new ClassFileImporter().importClasses(HandlerUsingTheStorage.class);
        assertThat(ArchitectureRules.DRIVING_ADAPTERS_USE_ONLY_INBOUND_PORTS.evaluate(bad).hasViolation()).isTrue();
        JavaClasses good = new ClassFileImporter().importClasses(HandlerUsingAUseCase.class);
        assertThat(ArchitectureRules.DRIVING_ADAPTERS_USE_ONLY_INBOUND_PORTS.evaluate(good).hasViolation())
                .as("the façade and inbound ports are allowed").isFalse();
    }

    @Test
    void aStoreCallingAUseCaseBreaksTheDrivenAdapterRule() {
        JavaClasses bad = new ClassFileImporter().importClasses(StoreCallingAUseCase.class);
        assertThat(ArchitectureRules.DRIVEN_ADAPTERS_ONLY_IMPLEMENT_OUTBOUND_PORTS.evaluate(bad).hasViolation()).isTrue();
    }

    @Test
    void aFiveParameterCommandOrUseCaseBreaksTheParameterRules() {
        assertThat(ArchitectureRules.COMMAND_CONSTRUCTORS_TAKE_AT_MOST_FOUR_PARAMETERS
                .evaluate(new ClassFileImporter().importClasses(PositionalCommand.class)).hasViolation()).isTrue();
        assertThat(ArchitectureRules.USE_CASE_METHODS_TAKE_AT_MOST_FOUR_PARAMETERS
                .evaluate(new ClassFileImporter().importClasses(LongUseCase.class)).hasViolation()).isTrue();
    }
}
