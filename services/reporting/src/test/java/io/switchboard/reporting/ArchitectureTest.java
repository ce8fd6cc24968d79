package io.switchboard.reporting;

import io.switchboard.testing.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Reporting is a read side sliced by read model (root README, services/reporting/README.md): one package
 * per read model — {@code calls}, {@code chats}, {@code changes}, {@code directory}, {@code media}, {@code messages} — each
 * with its projection, queries and typed views, on the shared SQL machinery of {@code jdbc}; above them
 * {@code projection} (which read model an event goes to), {@code messaging} (the Kafka loops),
 * {@code rebuild} and {@code api}. It has no {@code domain} (it decides nothing), so the write side's
 * domain rule does not apply; these do.
 */
class ArchitectureTest {
    private static final String ROOT = "io.switchboard.reporting";
    private static final String[] READ_MODELS = {ROOT + ".calls..", ROOT + ".chats..", ROOT + ".changes..",
            ROOT + ".directory..", ROOT + ".media..", ROOT + ".messages..", ROOT + ".ivr..", ROOT + ".live.."};
    private final ServiceArchitecture service = ServiceArchitecture.of(ROOT);

    @Test
    void noPackageCycles() {
        service.check(service.noPackageCycles());
    }

    @Test
    void readModelsKnowNeitherTheApiNorTheLoopsThatFeedThem() {
        service.check(noClasses().that().resideInAnyPackage(READ_MODELS)
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".messaging..",
                        ROOT + ".projection..", ROOT + ".rebuild..")
                .because("a read model is its projection, queries and views; who feeds it and who serves it sit above"));
    }

    @Test
    void theSharedSqlMachineryKnowsNoReadModel() {
        service.check(noClasses().that().resideInAPackage(ROOT + ".jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage(READ_MODELS)
                .because("jdbc is the machinery every read model uses; a rule of one read model lives in its package"));
    }

    /** Calls and chats show names, menu paths and photos: they read the directory and media slices, never the reverse. */
    @Test
    void directoryAndMediaAreReadByOthersAndReadNoOtherReadModel() {
        service.check(noClasses().that().resideInAnyPackage(ROOT + ".directory..", ROOT + ".media..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".calls..", ROOT + ".chats..", ROOT + ".changes..")
                .because("the reference read models (names, menus, media) are leaves the others compose"));
        service.check(noClasses().that().resideInAnyPackage(ROOT + ".directory..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".media..")
                .because("the reference read models are independent of each other"));
        service.check(noClasses().that().resideInAnyPackage(ROOT + ".media..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".directory..")
                .because("the reference read models are independent of each other"));
    }
}
