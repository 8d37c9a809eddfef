package dev.rmkit.checks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * JNA may only be used by the Windows backend. Everything else, on every OS, must load without
 * JNA so Linux users pay nothing for it and the portable API never leaks native types.
 */
class JnaConfinementTest {

    private static final JavaClasses RMKIT = new ClassFileImporter().importPackages("dev.rmkit");

    @Test
    void onlyTheWindowsBackendDependsOnJna() {
        ArchRule rule = noClasses()
                .that().resideOutsideOfPackage("dev.rmkit.rm.windows..")
                .should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..")
                .because("JNA is confined to dev.rmkit.rm.windows (docs/architecture.md)");
        rule.check(RMKIT);
    }

    @Test
    void theImportSeesEveryModule() {
        // Guards the rule above against passing vacuously because a module's classes were not imported.
        for (String pkg : new String[] {"dev.rmkit.rm", "dev.rmkit.burner", "dev.rmkit.updater"}) {
            if (RMKIT.stream().noneMatch(c -> c.getPackageName().startsWith(pkg))) {
                throw new AssertionError("no classes imported from " + pkg);
            }
        }
    }
}
