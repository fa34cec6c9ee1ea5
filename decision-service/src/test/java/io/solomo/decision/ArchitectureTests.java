package io.solomo.decision;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the module boundaries that the Maven build alone cannot enforce inside one class path. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.solomo");

    @Test
    void modelUsesNoFramework() {
        noClasses().that().resideInAPackage("io.solomo.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "org.hibernate..", "org.apache.camel..", "org.drools..", "org.kie..")
                .check(CLASSES);
    }

    @Test
    void routesReachTheServiceOnlyThroughTheModel() {
        noClasses().that().resideInAPackage("io.solomo.routes..")
                .should().dependOnClassesThat().resideInAnyPackage("io.solomo.decision..", "io.solomo.rules..",
                        "org.springframework..")
                .check(CLASSES);
    }

    /**
     * The offer engine queues deliveries and words its offers with the delivery's treatments, so the dependency
     * runs from offer to delivery only. A lookup both need lives in delivery.
     */
    @Test
    void deliveryDoesNotDependOnOfferEngine() {
        noClasses().that().resideInAPackage("io.solomo.decision.delivery..")
                .should().dependOnClassesThat().resideInAPackage("io.solomo.decision.offer..")
                .check(CLASSES);
    }

    @Test
    void rulesDoNotKnowTheService() {
        noClasses().that().resideInAPackage("io.solomo.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("io.solomo.decision..", "io.solomo.routes..",
                        "org.springframework..")
                .check(CLASSES);
    }
}
