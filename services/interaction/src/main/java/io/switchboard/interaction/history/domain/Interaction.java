package io.switchboard.interaction.history.domain;

import io.switchboard.events.interaction.InteractionEvents.InteractionStepRecorded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of an interaction, folded from its events. {@code steps} are the recorded steps in
 * order; {@code currentScreen} is the last screen shown (the one answers refer to);
 * {@code variableSets} maps set name → group → variable → value.
 */
public record Interaction(String id, String accountId, String uniqueId, String dialledNumber, String numberToDial,
                          Map<String, String> callerAttributes, InteractionStatus status, Instant startedAt,
                          Instant endedAt, String endReason, List<InteractionStepRecorded> steps,
                          InteractionStepRecorded currentScreen,
                          Map<String, Map<String, Map<String, String>>> variableSets) {

    /** Copies, so the state cannot change under it (the nested variable maps are built unmodifiable below). */
    public Interaction {
        callerAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(callerAttributes));
        steps = Collections.unmodifiableList(new ArrayList<>(steps));
        variableSets = Collections.unmodifiableMap(new LinkedHashMap<>(variableSets));
    }

    /** The state of an interaction that has no events: it does not exist. */
    public static final Interaction NONE = new Interaction(null, null, null, null, null, Map.of(), null, null, null,
            null, List.of(), null, Map.of());

    public boolean exists() {
        return status != null;
    }

    Interaction withStep(InteractionStepRecorded step) {
        List<InteractionStepRecorded> all = new ArrayList<>(steps);
        all.add(step);
        InteractionStepRecorded screen = StepType.SCREEN.value().equals(step.stepType()) ? step : currentScreen;
        return new Interaction(id, accountId, uniqueId, dialledNumber, numberToDial, callerAttributes, status,
                startedAt, endedAt, endReason, all, screen, variableSets);
    }

    Interaction withVariables(String setName, String group, Map<String, String> variables) {
        Map<String, Map<String, Map<String, String>>> sets = new LinkedHashMap<>(variableSets);
        Map<String, Map<String, String>> groups = new LinkedHashMap<>(sets.getOrDefault(setName, Map.of()));
        Map<String, String> values = new LinkedHashMap<>(groups.getOrDefault(group, Map.of()));
        values.putAll(variables);
        groups.put(group, Collections.unmodifiableMap(values));
        sets.put(setName, Collections.unmodifiableMap(groups));
        return new Interaction(id, accountId, uniqueId, dialledNumber, numberToDial, callerAttributes, status,
                startedAt, endedAt, endReason, steps, currentScreen, sets);
    }

    Interaction ended(String reason, Instant at) {
        return new Interaction(id, accountId, uniqueId, dialledNumber, numberToDial, callerAttributes,
                InteractionStatus.ENDED, startedAt, at, reason, steps, currentScreen, variableSets);
    }
}
