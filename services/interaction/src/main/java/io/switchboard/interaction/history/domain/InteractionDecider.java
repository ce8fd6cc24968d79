package io.switchboard.interaction.history.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.InteractionEvents.InteractionEnded;
import io.switchboard.events.interaction.InteractionEvents.InteractionStarted;
import io.switchboard.events.interaction.InteractionEvents.InteractionStepRecorded;
import io.switchboard.events.interaction.InteractionEvents.ScreenElement;
import io.switchboard.events.interaction.InteractionEvents.UserVariablesSet;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.FieldChecks;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.UnhandledCommandException;
import io.switchboard.interaction.history.domain.InteractionCommand.Answer;
import io.switchboard.interaction.history.domain.InteractionCommand.Element;
import io.switchboard.interaction.history.domain.InteractionCommand.End;
import io.switchboard.interaction.history.domain.InteractionCommand.SetVariables;
import io.switchboard.interaction.history.domain.InteractionCommand.ShowScreen;
import io.switchboard.interaction.history.domain.InteractionCommand.Start;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The interaction aggregate: a visual-IVR session from start to end. Screens are shown, their
 * elements answered (only on the current screen, and only in the way the element is answered),
 * variables set; after the end nothing more is accepted. Every check happens before any event.
 */
public final class InteractionDecider implements Decider<InteractionCommand, Interaction, DomainEvent> {
    /** The caller attributes a client may give at the start (DTMF is the unique id itself). */
    public static final Set<String> CALLER_ATTRIBUTES = Set.of("call_return_number", "click_to_call_caller_id",
            "dnid", "history_search_id");
    public static final String DEFAULT_GROUP = "voice";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_ID = 128;
    private static final int MAX_TEXT = 4000;
    private static final int MAX_ELEMENTS = 100;

    @Override
    public Interaction initialState() {
        return Interaction.NONE;
    }

    @Override
    public List<DomainEvent> decide(InteractionCommand command, Interaction interaction) {
        if (command instanceof Start start) {
            if (interaction.exists()) {
                throw new IllegalTransitionException(interaction.status().value(), "interaction already started");
            }
            return List.of(start(start));
        }
        if (!interaction.exists()) {
            throw new AggregateNotFoundException("interaction");
        }
        if (interaction.status() == InteractionStatus.ENDED) {
            throw new IllegalTransitionException(interaction.status().value(),
                    "interaction " + interaction.uniqueId() + " has ended");
        }
        if (command instanceof ShowScreen screen) {
            return List.of(screen(screen, interaction));
        }
        if (command instanceof Answer answer) {
            return List.of(answer(answer, interaction));
        }
        if (command instanceof SetVariables variables) {
            return variables(variables, interaction);
        }
        if (command instanceof End end) {
            optionalText(end.reason(), "reason", 256);
            return List.of(new InteractionEnded(interaction.id(), end.reason(), end.now()));
        }
        throw new UnhandledCommandException(command);
    }

    private static InteractionStarted start(Start start) {
        if (start.uniqueId() == null || !FieldChecks.isUniqueId(start.uniqueId())) {
            throw new InvalidCommandException("unique_id", "unique_id must be 1 to 20 digits");
        }
        if (start.dialledNumber() == null || !FieldChecks.isPhone(start.dialledNumber())) {
            throw new InvalidCommandException("dialled_number",
                    "dialled_number must be a phone number (digits, +, *, #, spaces, dots, dashes, parentheses)");
        }
        Map<String, String> attributes = start.callerAttributes() == null ? Map.of() : start.callerAttributes();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String field = "caller_attributes." + attribute.getKey();
            if (!CALLER_ATTRIBUTES.contains(attribute.getKey())) {
                throw new InvalidCommandException(field, "unknown caller attribute; known: " + CALLER_ATTRIBUTES);
            }
            requireText(attribute.getValue(), field, MAX_ID);
        }
        return new InteractionStarted(start.interactionId(), start.accountId(), start.uniqueId(), start.dialledNumber(),
                start.dialledNumber() + "," + start.uniqueId(), Map.copyOf(attributes), start.now());
    }

    private static InteractionStepRecorded screen(ShowScreen screen, Interaction interaction) {
        requireText(screen.screenId(), "screen_id", MAX_ID);
        optionalText(screen.screenTitle(), "screen_title", 256);
        optionalText(screen.header(), "header", MAX_TEXT);
        List<Element> elements = screen.elements() == null ? List.of() : screen.elements();
        if (elements.size() > MAX_ELEMENTS) {
            throw new InvalidCommandException("elements", "a screen has at most " + MAX_ELEMENTS + " elements");
        }
        Set<String> ids = new HashSet<>();
        List<ScreenElement> shown = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            Element element = elements.get(i);
            String prefix = "elements[" + i + "].";
            if (element == null) {
                throw new InvalidCommandException("elements[" + i + "]", "an element is required");
            }
            requireText(element.id(), prefix + "id", MAX_ID);
            if (!ids.add(element.id())) {
                throw new InvalidCommandException(prefix + "id", "element id " + element.id() + " appears twice");
            }
            optionalText(element.label(), prefix + "label", MAX_TEXT);
            if (Presentation.of(element.presentation()).isEmpty()) {
                throw new InvalidCommandException(prefix + "presentation", "presentation must be one of "
                        + Arrays.stream(Presentation.values()).map(Presentation::value).toList());
            }
            shown.add(new ScreenElement(element.id(), element.label(), element.presentation()));
        }
        return new InteractionStepRecorded(interaction.id(), interaction.steps().size() + 1, StepType.SCREEN.value(),
                screen.screenId(), screen.screenTitle(), null, null, screen.now(), null, screen.header(),
                List.copyOf(shown));
    }

    private static InteractionStepRecorded answer(Answer answer, Interaction interaction) {
        if (answer.type() == null || answer.type() == StepType.SCREEN) {
            throw new InvalidCommandException("step_type", "an answer is a choice, input or photo step");
        }
        requireText(answer.screenId(), "screen_id", MAX_ID);
        requireText(answer.elementId(), "element_id", MAX_ID);
        InteractionStepRecorded current = interaction.currentScreen();
        if (current == null) {
            throw new IllegalTransitionException(interaction.status().value(), "no screen has been shown yet");
        }
        if (!current.screenId().equals(answer.screenId())) {
            throw new IllegalTransitionException(interaction.status().value(), "screen " + answer.screenId()
                    + " is not the current screen (" + current.screenId() + ")");
        }
        ScreenElement element = current.elements().stream().filter(e -> e.id().equals(answer.elementId()))
                .findFirst().orElseThrow(() -> new InvalidCommandException("element_id",
                        "element " + answer.elementId() + " is not on screen " + current.screenId()));
        StepType expected = Presentation.of(element.presentation()).orElseThrow().answeredBy();
        if (expected != answer.type()) {
            throw new InvalidCommandException("element_id", "element " + element.id() + " is a "
                    + element.presentation() + ": it takes a " + expected.value() + " step, not a "
                    + answer.type().value() + " step");
        }
        String value = answer.value();
        switch (answer.type()) {
            case CHOICE -> {
                optionalText(value, "value", MAX_TEXT);
                value = value == null ? element.id() : value;
            }
            case INPUT -> requirePresent(value, "value", MAX_TEXT);
            case PHOTO -> {
                requireText(value, "img_path", 1024);
                requireText(answer.photoId(), "photo_id", MAX_ID);
            }
            default -> throw new IllegalStateException();
        }
        return new InteractionStepRecorded(interaction.id(), interaction.steps().size() + 1, answer.type().value(),
                current.screenId(), current.screenTitle(), value,
                answer.type() == StepType.PHOTO ? answer.photoId() : null, answer.now(), element.id(), null, List.of());
    }

    private static List<DomainEvent> variables(SetVariables set, Interaction interaction) {
        if (set.setName() == null || !NAME.matcher(set.setName()).matches()) {
            throw new InvalidCommandException("setName", "a variable set name is 1 to 64 letters, digits, _ . or -");
        }
        if (set.groups() == null || set.groups().isEmpty()) {
            throw new InvalidCommandException("body", "give the variables as {\"<group>\": {\"data\": {...}}}");
        }
        List<DomainEvent> events = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> group : set.groups().entrySet()) {
            if (group.getKey() == null || !NAME.matcher(group.getKey()).matches()) {
                throw new InvalidCommandException(String.valueOf(group.getKey()),
                        "a group name is 1 to 64 letters, digits, _ . or -");
            }
            String prefix = group.getKey() + ".data";
            if (group.getValue() == null || group.getValue().isEmpty()) {
                throw new InvalidCommandException(prefix, "give at least one variable");
            }
            Map<String, String> variables = new LinkedHashMap<>();
            for (Map.Entry<String, String> variable : group.getValue().entrySet()) {
                String field = prefix + "." + variable.getKey();
                if (variable.getKey() == null || !NAME.matcher(variable.getKey()).matches()) {
                    throw new InvalidCommandException(field, "a variable name is 1 to 64 letters, digits, _ . or -");
                }
                if (variable.getValue() == null) {
                    throw new InvalidCommandException(field, "a variable value is a string (use \"\" for none)");
                }
                if (variable.getValue().length() > MAX_TEXT) {
                    throw new InvalidCommandException(field, "at most " + MAX_TEXT + " characters");
                }
                variables.put(variable.getKey(), variable.getValue());
            }
            events.add(new UserVariablesSet(interaction.id(), set.setName(), variables, set.now(), group.getKey()));
        }
        return events;
    }

    @Override
    public Interaction evolve(Interaction interaction, DomainEvent event) {
        if (event instanceof InteractionStarted started) {
            return new Interaction(started.interactionId(), started.accountId(), started.uniqueId(),
                    started.dialledNumber(), started.numberToDial(),
                    started.callerAttributes() == null ? Map.of() : started.callerAttributes(),
                    InteractionStatus.ACTIVE, started.startedAt(), null, null, List.of(), null, Map.of());
        }
        if (event instanceof InteractionStepRecorded step) {
            return interaction.withStep(step);
        }
        if (event instanceof UserVariablesSet set) {
            return interaction.withVariables(set.setName(), set.group() == null ? DEFAULT_GROUP : set.group(),
                    set.variables());
        }
        if (event instanceof InteractionEnded ended) {
            return interaction.ended(ended.reason(), ended.endedAt());
        }
        return interaction;
    }

    private static void requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommandException(field, field + " is required");
        }
        optionalText(value, field, max);
    }

    private static void requirePresent(String value, String field, int max) {
        if (value == null) {
            throw new InvalidCommandException(field, field + " is required");
        }
        optionalText(value, field, max);
    }

    private static void optionalText(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidCommandException(field, field + " has at most " + max + " characters");
        }
    }
}
