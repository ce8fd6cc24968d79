package io.switchboard.testing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering rules of the root README, once, for every service to check on its own classes. Inside a
 * service, packages follow the flow of data: {@code api} (REST) → {@code domain} (deciders, plain Java) →
 * {@code store} (aggregates and read models) → {@code messaging} (Kafka). An area may have all four
 * ({@code call.api}, {@code call.domain}, …); the rules hold in every area:
 * <ul>
 *   <li>{@link #domainIsPlainJava}: domain code uses no framework (no Jakarta, Quarkus, Vert.x, SmallRye,
 *       MicroProfile), so it is unit-tested without one;</li>
 *   <li>{@link #layersFollowTheFlowOfData}: domain depends on no api, store or messaging; store on no api or
 *       messaging; messaging on no api;</li>
 *   <li>{@link #noPackageCycles}: no two packages of the service depend on each other, directly or not.</li>
 * </ul>
 * Only main classes are checked: tests may reach across layers.
 */
public final class ServiceArchitecture {
    private final String root;
    private final JavaClasses classes;

    private ServiceArchitecture(String root) {
        this.root = root;
        this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root);
        if (classes.isEmpty()) {
            throw new IllegalStateException("no main classes under " + root);
        }
    }

    /** The service whose classes live under {@code rootPackage} ({@code io.switchboard.chat}). */
    public static ServiceArchitecture of(String rootPackage) {
        return new ServiceArchitecture(rootPackage);
    }

    public ArchRule domainIsPlainJava() {
        return noClasses().that().resideInAPackage(root + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax..", "io.quarkus..",
                        "io.vertx..", "io.smallrye..", "org.eclipse.microprofile..", "org.jboss..")
                .because("domain code is plain Java, unit-tested without a framework (root README)");
    }

    public List<ArchRule> layersFollowTheFlowOfData() {
        String api = root + "..api..", domain = root + "..domain..", store = root + "..store..",
                messaging = root + "..messaging..";
        return List.of(
                noClasses().that().resideInAPackage(domain)
                        .should().dependOnClassesThat().resideInAnyPackage(api, store, messaging)
                        .because("api → domain → store → messaging: the domain knows none of the others"),
                noClasses().that().resideInAPackage(store)
                        .should().dependOnClassesThat().resideInAnyPackage(api, messaging)
                        .because("api → domain → store → messaging: a store answers the api, it never calls it"),
                noClasses().that().resideInAPackage(messaging)
                        .should().dependOnClassesThat().resideInAPackage(api)
                        .because("api → domain → store → messaging: consumers go through stores, not endpoints"));
    }

    public ArchRule noPackageCycles() {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .because("a package cycle makes every package of it one unit to read and to change");
    }

    /** Checks one rule on the service's classes (a failure lists every violation). */
    public void check(ArchRule rule) {
        rule.check(classes);
    }

    /** Every rule above. */
    public void checkAll() {
        check(domainIsPlainJava());
        layersFollowTheFlowOfData().forEach(this::check);
        check(noPackageCycles());
    }
}
