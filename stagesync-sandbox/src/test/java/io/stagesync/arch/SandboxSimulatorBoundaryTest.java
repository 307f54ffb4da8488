package io.stagesync.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each vendor simulator of the sandbox stands alone on the shared HTTP and query infrastructure: it knows neither
 * the other simulators, nor the sandbox orchestration that seeds it, nor any of stagesync's own code.
 */
class SandboxSimulatorBoundaryTest {
    private static final JavaClasses SANDBOX = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stagesync.sandbox");

    @ParameterizedTest
    @ValueSource(strings = {"salesforce", "netsuite", "pardot", "eloqua"})
    void aVendorSimulatorDependsOnNoStagesyncCodeButItsOwnAndTheSharedHttpAndQueryPackages(String vendor) {
        String own = "io.stagesync.sandbox." + vendor + "..";
        classes().that().resideInAPackage(own)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.stagesync..")
                        .or(resideInAnyPackage(own, "io.stagesync.sandbox.http..", "io.stagesync.sandbox.query..")))
                .because("a simulator answers in the vendor's shapes; sharing code with the connectors or another"
                        + " simulator would let it agree with the connector by construction, and the orchestration"
                        + " drives it only through its public Java API")
                .check(SANDBOX);
    }

    @Test
    void theSharedHttpAndQueryPackagesKnowNoVendorAndNoOrchestration() {
        for (String shared : new String[] {"io.stagesync.sandbox.http..", "io.stagesync.sandbox.query.."}) {
            classes().that().resideInAPackage(shared)
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.stagesync..")
                            .or(resideInAnyPackage(shared)))
                    .check(SANDBOX);
        }
    }
}
