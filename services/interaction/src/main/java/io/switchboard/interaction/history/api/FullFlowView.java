package io.switchboard.interaction.history.api;

import io.switchboard.events.WireTime;
import io.switchboard.events.interaction.InteractionEvents.InteractionStepRecorded;
import io.switchboard.events.interaction.InteractionEvents.ScreenElement;
import io.switchboard.interaction.history.domain.Interaction;
import io.switchboard.interaction.history.domain.StepType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Get Full Interaction Flow (docs/api/interaction-history.md#page-model): a JSON array with one page object per screen shown, in
 * the v7 page model's own camelCase keys ({@code pageNavigation}, {@code pageContent}), every
 * element shown with what the user gave for it. Built as ordered maps so the keys are exactly these
 * whatever the service's naming strategy. Where the vendor documents no key, ours are: {@code timestamp}
 * (page object, when the screen was shown) and {@code selected} (each choice, whether the user
 * answered it); an {@code uploadImageList} element lists its uploaded paths in {@code imagePaths}.
 */
final class FullFlowView {
    static final String NEXT = "server://navigationType?type=NEXT&shouldSendFormData=true";
    static final String PREVIOUS = "server://navigationType?type=PREVIOUS&shouldSendFormData=false";

    private FullFlowView() {
    }

    /** A screen shown and the answers given on it, in order. */
    record Page(InteractionStepRecorded screen, List<InteractionStepRecorded> answers) {
        List<InteractionStepRecorded> answersTo(String elementId) {
            return answers.stream().filter(a -> elementId.equals(a.elementId())).toList();
        }
    }

    static List<Page> pages(Interaction interaction) {
        List<Page> pages = new ArrayList<>();
        for (InteractionStepRecorded step : interaction.steps()) {
            if (StepType.SCREEN.value().equals(step.stepType())) {
                pages.add(new Page(step, new ArrayList<>()));
            } else if (!pages.isEmpty()) {
                // The decider only accepts answers to the current screen: the last page.
                pages.get(pages.size() - 1).answers().add(step);
            }
        }
        return pages;
    }

    static List<Map<String, Object>> of(Interaction interaction) {
        List<Page> pages = pages(interaction);
        List<Map<String, Object>> flow = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            flow.add(page(pages.get(i), i == 0));
        }
        return flow;
    }

    private static Map<String, Object> page(Page page, boolean first) {
        InteractionStepRecorded screen = page.screen();
        Map<String, Object> navigation = new LinkedHashMap<>();
        navigation.put("navigationTitle", screen.screenTitle() == null ? "" : screen.screenTitle());
        navigation.put("navigationRight", button(true, "Next", NEXT));
        navigation.put("navigationLeft", button(!first, "Back", PREVIOUS));

        Map<String, Object> header = new LinkedHashMap<>();
        header.put("id", screen.screenId() + "-header");
        header.put("innerHtml", screen.header() == null ? "" : screen.header());

        List<Map<String, Object>> choices = new ArrayList<>();
        for (ScreenElement element : screen.elements()) {
            choices.add(choice(element, page.answersTo(element.id())));
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("id", screen.screenId() + "-section");
        section.put("sectionLabel", "");
        section.put("sectionGroupType", "SINGLE");
        section.put("sectionNumberOfColumns", 0);
        section.put("sectionChoices", choices);

        Map<String, Object> content = new LinkedHashMap<>();
        content.put("contentHeader", header);
        content.put("contentSections", List.of(section));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pageNavigation", navigation);
        result.put("pageContent", content);
        result.put("timestamp", WireTime.format(screen.recordedAt()));
        return result;
    }

    private static Map<String, Object> choice(ScreenElement element, List<InteractionStepRecorded> answers) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("id", element.id());
        choice.put("choiceValue", answers.isEmpty() ? "" : answers.get(answers.size() - 1).value());
        choice.put("choiceLabel", element.label() == null ? "" : element.label());
        choice.put("selected", !answers.isEmpty());
        Map<String, Object> presentation = new LinkedHashMap<>();
        if ("uploadImageList".equals(element.presentation())) {
            presentation.put("imagePaths", answers.stream().map(InteractionStepRecorded::value).toList());
        }
        choice.put(element.presentation(), presentation);
        return choice;
    }

    private static Map<String, Object> button(boolean visible, String label, String action) {
        Map<String, Object> button = new LinkedHashMap<>();
        button.put("buttonState", "NORMAL");
        button.put("buttonVisible", visible);
        button.put("buttonLabel", label);
        button.put("buttonAction", action);
        return button;
    }
}
