package io.switchboard.interaction.history.domain;

import io.switchboard.eventstore.decider.DeciderSpec;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.InteractionEvents.InteractionEnded;
import io.switchboard.events.interaction.InteractionEvents.InteractionStarted;
import io.switchboard.events.interaction.InteractionEvents.InteractionStepRecorded;
import io.switchboard.events.interaction.InteractionEvents.ScreenElement;
import io.switchboard.events.interaction.InteractionEvents.UserVariablesSet;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.interaction.history.domain.InteractionCommand.Answer;
import io.switchboard.interaction.history.domain.InteractionCommand.Element;
import io.switchboard.interaction.history.domain.InteractionCommand.End;
import io.switchboard.interaction.history.domain.InteractionCommand.SetVariables;
import io.switchboard.interaction.history.domain.InteractionCommand.ShowScreen;
import io.switchboard.interaction.history.domain.InteractionCommand.Start;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Given events, when a command, then events or a rejection: no I/O, no framework. */
class InteractionDeciderTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final Instant LATER = NOW.plusSeconds(30);
    private final DeciderSpec<InteractionCommand, Interaction, DomainEvent> spec = DeciderSpec.of(new InteractionDecider());

    private static final InteractionStarted STARTED = new InteractionStarted("1000", "12345678", "959595",
            "1-800-123-4567", "1-800-123-4567,959595", Map.of("call_return_number", "2121234567"), NOW);
    private static final InteractionStepRecorded BILLING = new InteractionStepRecorded("1000", 1, "screen", "billing",
            "Billing", null, null, NOW, null, "<p>How can we help?</p>", List.of(
                    new ScreenElement("pay", "Pay my bill", "choiceOption"),
                    new ScreenElement("account", "Account number", "textInput"),
                    new ScreenElement("receipt", "Photo of the receipt", "uploadImageList")));
    private static final InteractionEnded ENDED = new InteractionEnded("1000", "hung up", LATER);

    private static Start start(String uniqueId, String dialled, Map<String, String> attributes) {
        return new Start("1000", "12345678", uniqueId, dialled, attributes, NOW);
    }

    private static Answer answer(StepType type, String screen, String element, String value, String photoId) {
        return new Answer(type, screen, element, value, photoId, LATER);
    }

    @Test
    void startAppendsTheUniqueIdToTheDialledNumber() {
        var start = spec.when(start("959595", "1-800-123-4567", Map.of("call_return_number", "2121234567")));

        start.then(STARTED);
        Interaction interaction = start.thenState();
        assertThat(interaction.status()).isEqualTo(InteractionStatus.ACTIVE);
        assertThat(interaction.numberToDial()).isEqualTo("1-800-123-4567,959595");
    }

    @Test
    void startingTwiceIsAConflictNamingTheStatus() {
        spec.given(STARTED).when(start("959595", "1-800-123-4567", Map.of())).thenIllegal("active");
        spec.given(STARTED, ENDED).when(start("959595", "1-800-123-4567", Map.of())).thenIllegal("ended");
    }

    static Stream<Object[]> invalidStarts() {
        return Stream.of(
                new Object[]{start(null, "1-800-123-4567", Map.of()), "unique_id"},
                new Object[]{start("95a595", "1-800-123-4567", Map.of()), "unique_id"},
                new Object[]{start("959595", null, Map.of()), "dialled_number"},
                new Object[]{start("959595", "call me", Map.of()), "dialled_number"},
                new Object[]{start("959595", "1-800-123-4567", Map.of("favourite_colour", "blue")),
                        "caller_attributes.favourite_colour"},
                new Object[]{start("959595", "1-800-123-4567", Map.of("history_search_id", " ")),
                        "caller_attributes.history_search_id"});
    }

    @ParameterizedTest
    @MethodSource("invalidStarts")
    void invalidStartNamesTheField(Start command, String field) {
        spec.when(command).thenInvalid(field);
    }

    @Test
    void everyCommandButStartNeedsAnExistingInteraction() {
        for (InteractionCommand command : List.of(new ShowScreen("s", null, null, List.of(), NOW),
                answer(StepType.CHOICE, "s", "e", null, null), new SetVariables("set", Map.of("voice", Map.of("a", "b")), NOW),
                new End(null, NOW))) {
            spec.when(command).thenNotFound();
        }
    }

    @Test
    void aScreenIsRecordedWithItsElementsAsTheNextStep() {
        var show = spec.given(STARTED).when(new ShowScreen("billing", "Billing", "<p>How can we help?</p>",
                List.of(new Element("pay", "Pay my bill", "choiceOption"),
                        new Element("account", "Account number", "textInput"),
                        new Element("receipt", "Photo of the receipt", "uploadImageList")), NOW));

        show.then(BILLING);
        assertThat(show.thenState().currentScreen()).isEqualTo(BILLING);
    }

    static Stream<Object[]> invalidScreens() {
        return Stream.of(
                new Object[]{new ShowScreen(" ", "t", null, List.of(), NOW), "screen_id"},
                new Object[]{new ShowScreen("s", "x".repeat(257), null, List.of(), NOW), "screen_title"},
                new Object[]{new ShowScreen("s", "t", null, List.of(new Element("", "l", "textInput")), NOW), "elements[0].id"},
                new Object[]{new ShowScreen("s", "t", null, List.of(new Element("a", "l", "textInput"),
                        new Element("a", "l", "textInput")), NOW), "elements[1].id"},
                new Object[]{new ShowScreen("s", "t", null, List.of(new Element("a", "l", "slider")), NOW),
                        "elements[0].presentation"});
    }

    @ParameterizedTest
    @MethodSource("invalidScreens")
    void invalidScreenNamesTheField(ShowScreen command, String field) {
        spec.given(STARTED).when(command).thenInvalid(field);
    }

    @Test
    void choiceInputAndPhotoAnswerTheCurrentScreen() {
        var state = spec.given(STARTED, BILLING);

        state.when(answer(StepType.CHOICE, "billing", "pay", null, null))
                .then(new InteractionStepRecorded("1000", 2, "choice", "billing", "Billing", "pay", null,
                        LATER, "pay", null, List.of()));
        state.when(answer(StepType.INPUT, "billing", "account", "ACC-1", null))
                .then(new InteractionStepRecorded("1000", 2, "input", "billing", "Billing", "ACC-1", null,
                        LATER, "account", null, List.of()));
        state.when(answer(StepType.PHOTO, "billing", "receipt", "/mnt/sdcard/r.png", "p-1"))
                .then(new InteractionStepRecorded("1000", 2, "photo", "billing", "Billing",
                        "/mnt/sdcard/r.png", "p-1", LATER, "receipt", null, List.of()));
    }

    @Test
    void anAnswerBeforeAnyScreenIsAConflict() {
        spec.given(STARTED).when(answer(StepType.CHOICE, "billing", "pay", null, null)).thenIllegal("active")
                .hasMessageContaining("no screen");
    }

    @Test
    void anAnswerToAnEarlierScreenIsAConflict() {
        InteractionStepRecorded next = new InteractionStepRecorded("1000", 2, "screen", "thanks", "Thanks", null, null,
                LATER, null, null, List.of(new ScreenElement("done", "Done", "clickToContinue")));

        spec.given(STARTED, BILLING, next).when(answer(StepType.CHOICE, "billing", "pay", null, null))
                .thenRejected(IllegalTransitionException.class).hasMessageContaining("not the current screen (thanks)");
    }

    static Stream<Object[]> invalidAnswers() {
        return Stream.of(
                new Object[]{answer(StepType.CHOICE, "billing", "nowhere", null, null), "element_id"},
                new Object[]{answer(StepType.CHOICE, "billing", "account", "x", null), "element_id"},
                new Object[]{answer(StepType.INPUT, "billing", "pay", "x", null), "element_id"},
                new Object[]{answer(StepType.PHOTO, "billing", "pay", "/p.png", "p-1"), "element_id"},
                new Object[]{answer(StepType.INPUT, "billing", "account", null, null), "value"},
                new Object[]{answer(StepType.INPUT, "billing", "account", "x".repeat(4001), null), "value"},
                new Object[]{answer(StepType.PHOTO, "billing", "receipt", " ", "p-1"), "img_path"},
                new Object[]{answer(StepType.CHOICE, " ", "pay", null, null), "screen_id"},
                new Object[]{answer(StepType.CHOICE, "billing", null, null, null), "element_id"},
                new Object[]{answer(StepType.SCREEN, "billing", "pay", null, null), "step_type"});
    }

    @ParameterizedTest
    @MethodSource("invalidAnswers")
    void invalidAnswerNamesTheField(Answer command, String field) {
        spec.given(STARTED, BILLING).when(command).thenInvalid(field);
    }

    @Test
    void variablesAreSetPerGroupAndLaterValuesWin() {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        groups.put("voice", Map.of("customerId", "12345"));
        List<DomainEvent> events = spec.given(STARTED).when(new SetVariables("customerInfoSet", groups, NOW)).events();
        assertThat(events).containsExactly(new UserVariablesSet("1000", "customerInfoSet", Map.of("customerId", "12345"),
                NOW, "voice"));

        Interaction state = spec.given(STARTED, events.get(0),
                new UserVariablesSet("1000", "customerInfoSet", Map.of("customerId", "999", "language", "en-us"), LATER, "voice"))
                .state();
        assertThat(state.variableSets()).isEqualTo(Map.of("customerInfoSet",
                Map.of("voice", Map.of("customerId", "999", "language", "en-us"))));
    }

    static Stream<Object[]> invalidVariables() {
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("customerId", null);
        return Stream.of(
                new Object[]{new SetVariables("bad name!", Map.of("voice", Map.of("a", "b")), NOW), "setName"},
                new Object[]{new SetVariables("set", Map.of(), NOW), "body"},
                new Object[]{new SetVariables("set", Map.of("voice", Map.of()), NOW), "voice.data"},
                new Object[]{new SetVariables("set", Map.of("voice", Map.of("bad name", "b")), NOW), "voice.data.bad name"},
                new Object[]{new SetVariables("set", Map.of("voice", nullValue), NOW), "voice.data.customerId"},
                new Object[]{new SetVariables("set", Map.of("voice", Map.of("a", "x".repeat(4001))), NOW), "voice.data.a"});
    }

    @ParameterizedTest
    @MethodSource("invalidVariables")
    void invalidVariablesNameTheField(SetVariables command, String field) {
        spec.given(STARTED).when(command).thenInvalid(field);
    }

    @Test
    void endEndsTheInteraction() {
        var end = spec.given(STARTED, BILLING).when(new End("hung up", LATER));

        end.then(ENDED);
        Interaction ended = end.thenState();
        assertThat(ended.status()).isEqualTo(InteractionStatus.ENDED);
        assertThat(ended.endedAt()).isEqualTo(LATER);
        spec.given(STARTED).when(new End("x".repeat(257), LATER)).thenInvalid("reason");
    }

    static Stream<InteractionCommand> everythingAfterTheEnd() {
        return Stream.of(new ShowScreen("thanks", "Thanks", null, List.of(), LATER),
                answer(StepType.CHOICE, "billing", "pay", null, null),
                answer(StepType.INPUT, "billing", "account", "ACC-1", null),
                answer(StepType.PHOTO, "billing", "receipt", "/r.png", "p-1"),
                new SetVariables("set", Map.of("voice", Map.of("a", "b")), LATER),
                new End("again", LATER));
    }

    @ParameterizedTest
    @MethodSource("everythingAfterTheEnd")
    void nothingIsAcceptedAfterTheEndAndTheStatusIsNamed(InteractionCommand command) {
        spec.given(STARTED, BILLING, ENDED).when(command).thenIllegal("ended");
    }

    @Test
    void everyCommandIsDecided() {
        spec.given(STARTED, BILLING).everyCommandIsDecided(InteractionCommand.class);
    }
}
