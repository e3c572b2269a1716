package io.chat4all.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md's boundaries as rules over the compiled main code of every module: the command
 * side, the query side and the saga/connectors meet only through shared-events types and the
 * buses; shared-events depends on none of them; only infra (the assembly) sees them all. And
 * package by feature: no layer packages.
 */
class ArchitectureRulesTest {

    private static JavaClasses hub;

    @BeforeAll
    static void importMainClasses() {
        hub = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.chat4all");
    }

    @Test
    void theSidesMeetOnlyThroughSharedEvents() {
        ArchRule rule = slices().matching("io.chat4all.(command|query|saga)..")
                .namingSlices("$1 side")
                .should()
                .notDependOnEachOther();
        rule.check(hub);
    }

    @Test
    void sharedEventsDependsOnNoSide() {
        noClasses()
                .that()
                .resideInAPackage("io.chat4all.events..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.chat4all.command..", "io.chat4all.query..", "io.chat4all.saga..", "io.chat4all.hub..")
                .check(hub);
    }

    @Test
    void onlyTheAssemblyKnowsTheAssembly() {
        noClasses()
                .that()
                .resideInAnyPackage("io.chat4all.command..", "io.chat4all.query..", "io.chat4all.saga..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.chat4all.hub..")
                .check(hub);
    }

    @Test
    void packagesAreFeaturesNotLayers() {
        noClasses()
                .should()
                .resideInAnyPackage(
                        "..controller..",
                        "..controllers..",
                        "..service..",
                        "..services..",
                        "..repository..",
                        "..repositories..",
                        "..model..",
                        "..dto..",
                        "..entity..",
                        "..impl..")
                .because("STYLE: package by feature (...command.message), not by layer")
                .check(hub);
    }

    @Test
    void aggregatesAndProjectionsTakeNoWebTypes() {
        classes()
                .that()
                .areAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackages("org.springframework.web..", "jakarta.servlet..")
                .check(hub);
    }
}
