package io.switchboard.redaction.analysis;

import io.switchboard.redaction.domain.Analysis;
import io.switchboard.redaction.domain.Intent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intents by sentence embeddings: paraphrases find their intent and its closest phrase, unrelated text gets no
 * topic (but its top matches), phrases are embedded once. The messages here are not the threshold's
 * development messages.
 */
class IntentMatcherTest {
    private static final Embeddings EMBEDDINGS = Embeddings.load(1);
    /** The service's default threshold (application.properties), chosen on dev-messages.tsv. */
    private static final IntentMatcher.Settings SETTINGS = new IntentMatcher.Settings(0.4, 16, 1000);
    private static final IntentMatcher MATCHER = new IntentMatcher(EMBEDDINGS, SETTINGS);
    private static final List<Intent> SUPPORT = IntentExamples.intents();

    @Test
    void aParaphraseFindsTheIntentAndItsClosestPhrase() {
        List<Intent> intents = List.of(
                new Intent("refund", List.of("I'd like a refund", "please refund my order")),
                new Intent("order_status", List.of("where is my order", "my package hasn't arrived")),
                new Intent("cancel", List.of("I want to cancel my subscription")));
        IntentMatcher.Result result = MATCHER.match("I want my money back", intents);
        assertThat(result.topic()).isEqualTo("refund");
        assertThat(result.score()).isGreaterThanOrEqualTo(0.4);
        Analysis.TopMatch best = result.topMatches().get(0);
        assertThat(best.intent()).isEqualTo("refund");
        assertThat(best.phrase()).isEqualTo("I'd like a refund");
        assertThat(best.confidence()).isEqualTo(result.score());
        assertThat(result.topMatches()).hasSize(3).isSortedAccordingTo((a, b) -> Double.compare(b.confidence(), a.confidence()));
        assertThat(result.topMatches().get(1).confidence()).isLessThan(best.confidence());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "the parcel never showed up | order_status",
            "I'd like to speak with somebody from your team | speak_to_agent",
            "the mug came shattered in the box | damaged_item",
            "I keep getting 'wrong password' and can't get into my account | password_reset",
            "there are two identical payments on my credit card | billing_issue",
            "I don't want to be a member anymore, cancel it | cancel_subscription",
            "please deliver to my new flat instead | change_address",
            "how do I get reimbursed for the broken order I sent back | refund"})
    void supportParaphrasesFindTheirIntent(String message, String intent) {
        IntentMatcher.Result result = MATCHER.match(message, SUPPORT);
        assertThat(result.topic()).as(message + " " + result.topMatches()).isEqualTo(intent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"the weather in spring is lovely", "what is the capital of France",
            "my cat likes to sleep on the sofa", "good morning", "see you"})
    void unrelatedTextGetsNoTopicButItsTopMatches(String message) {
        IntentMatcher.Result result = MATCHER.match(message, SUPPORT);
        assertThat(result.topic()).as(message + " " + result.topMatches()).isNull();
        assertThat(result.score()).isNull();
        assertThat(result.topMatches()).hasSize(3);
        assertThat(result.topMatches().get(0).confidence()).isLessThan(0.4);
    }

    @Test
    void nothingToMatchWithoutIntentsOrText() {
        assertThat(MATCHER.match("I want my money back", List.of())).isEqualTo(IntentMatcher.Result.NONE);
        assertThat(MATCHER.match("   ", SUPPORT)).isEqualTo(IntentMatcher.Result.NONE);
    }

    @Test
    void phrasesAreEmbeddedOnceAndAChangedIntentOnlyItsNewPhrases() {
        AtomicInteger calls = new AtomicInteger();
        IntentMatcher matcher = new IntentMatcher(text -> {
            calls.incrementAndGet();
            return EMBEDDINGS.embed(text);
        }, SETTINGS);
        int phrases = SUPPORT.stream().mapToInt(i -> i.phrases().size()).sum();
        matcher.match("where is my stuff", SUPPORT);
        assertThat(calls.get()).isEqualTo(phrases + 1);
        // The policy cache reloads the same intents as new objects: equal content, no new embedding.
        List<Intent> reloaded = SUPPORT.stream().map(i -> new Intent(new String(i.name()), List.copyOf(i.phrases()))).toList();
        matcher.match("where is my stuff", reloaded);
        assertThat(calls.get()).isEqualTo(phrases + 2);
        // An admin adds a phrase to one intent: only that phrase is new.
        List<Intent> changed = new java.util.ArrayList<>(SUPPORT);
        Intent refund = changed.get(0);
        changed.set(0, new Intent(refund.name(), java.util.stream.Stream.concat(refund.phrases().stream(),
                java.util.stream.Stream.of("reverse the charge please")).toList()));
        IntentMatcher.Result result = matcher.match("reverse that charge please", changed);
        assertThat(calls.get()).isEqualTo(phrases + 4);
        assertThat(result.topMatches().get(0).phrase()).isEqualTo("reverse the charge please");
        assertThat(matcher.cached()).containsExactly(2, phrases + 1);
    }
}
