package io.switchboard.interaction.history.api;

import io.switchboard.events.WireTime;
import io.switchboard.events.interaction.InteractionEvents.InteractionStepRecorded;
import io.switchboard.events.interaction.InteractionEvents.ScreenElement;
import io.switchboard.interaction.history.domain.Interaction;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Get Interaction Summary (docs/api/interaction-history.md#get-interaction-summary; the vendor documents no keys, so these are ours, snake_case):
 * only the pages where the user gave something, and on them only what was given — per page its
 * id, title, timestamp and header as plain text; per question its reference name (element id),
 * label and answer (a photo's answer is its image path; several are joined with ", ").
 */
public record SummaryView(String interactionUniqueId, String status, String startedAt, String endedAt,
                          List<Page> pages) {

    public record Page(String id, String title, String timestamp, String header, List<Question> questions) {
    }

    public record Question(String referenceName, String label, String answer) {
    }

    static SummaryView of(Interaction interaction) {
        List<Page> pages = new ArrayList<>();
        for (FullFlowView.Page page : FullFlowView.pages(interaction)) {
            List<Question> questions = new ArrayList<>();
            for (ScreenElement element : page.screen().elements()) {
                List<InteractionStepRecorded> answers = page.answersTo(element.id());
                if (answers.isEmpty()) {
                    continue;
                }
                String answer = "uploadImageList".equals(element.presentation())
                        ? answers.stream().map(InteractionStepRecorded::value).collect(Collectors.joining(", "))
                        : answers.get(answers.size() - 1).value();
                questions.add(new Question(element.id(), plainText(element.label()), answer));
            }
            if (!questions.isEmpty()) {
                InteractionStepRecorded screen = page.screen();
                pages.add(new Page(screen.screenId(), screen.screenTitle(), WireTime.format(screen.recordedAt()),
                        plainText(screen.header()), questions));
            }
        }
        return new SummaryView(interaction.uniqueId(), interaction.status().value(),
                WireTime.format(interaction.startedAt()), WireTime.format(interaction.endedAt()), pages);
    }

    /** Styling, images and video are stripped: only the text remains. */
    static String plainText(String html) {
        if (html == null) {
            return "";
        }
        return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("<[^>]*>", " ")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&")
                .replaceAll("\\s+", " ").trim();
    }
}
