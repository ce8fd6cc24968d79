package io.switchboard.redaction.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** VADER's rules, one at a time, and the contact-center phrases the score is for. */
class SentimentTest {
    private static final Sentiment VADER = Sentiment.load();

    private static double s(String text) {
        return VADER.score(text);
    }

    @Test
    void aRatedWordIsNormalisedWithAlpha15() {
        // "good" is rated 1.9 in the lexicon: 1.9 / sqrt(1.9² + 15).
        assertThat(s("good")).isCloseTo(1.9 / Math.sqrt(1.9 * 1.9 + 15), within(1e-4));
        assertThat(s("the service was good")).isEqualTo(s("good"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "my order number is 12345", "I called on Tuesday about the delivery address",
            "please send it to the other address", "can you check the status of ticket 889"})
    void neutralTextIsZeroOrCloseToIt(String text) {
        assertThat(Math.abs(s(text))).isLessThan(0.5);
    }

    @Test
    void textWithoutRatedWordsIsExactlyZero() {
        assertThat(s("my order is 12345")).isZero();
        assertThat(s("")).isZero();
        assertThat(s("the parcel is at the depot")).isZero();
    }

    @Test
    void negationWithinThreeWordsFlipsAndDampens() {
        assertThat(s("this is not good")).isNegative();
        assertThat(s("this isn't good")).isEqualTo(s("this is not good"));
        assertThat(s("it doesn't really work well")).isNegative();
        // "not" three words before still negates, four words before does not.
        assertThat(s("not at all good")).isNegative();
        assertThat(s("not at all a good")).isPositive();
        assertThat(s("no problem at all")).isPositive();
        assertThat(s("never so happy")).isGreaterThan(s("so happy")).isPositive();
    }

    @Test
    void butShiftsTheWeightToWhatFollows() {
        assertThat(s("the agent was nice but the problem is still there")).isNegative();
        assertThat(s("the wait was terrible but the agent was great")).isPositive();
        assertThat(s("the wait was terrible but the agent was great"))
                .isGreaterThan(s("the wait was terrible and the agent was great"));
    }

    @Test
    void capitalsAndBoostersAndDampenersScaleTheWord() {
        assertThat(s("this is GREAT news")).isGreaterThan(s("this is great news"));
        assertThat(s("this is very good")).isGreaterThan(s("this is good"));
        assertThat(s("this is slightly good")).isLessThan(s("this is good")).isPositive();
        assertThat(s("it was kind of good")).isLessThan(s("it was good")).isPositive();
        // "kind" alone is a positive word; in "kind of" it is not.
        assertThat(s("that was kind")).isPositive();
        assertThat(s("it was kind of late")).isZero();
        // The whole text in capitals is shouting, not emphasis of one word.
        assertThat(s("THIS IS GOOD")).isEqualTo(s("this is good"));
    }

    @Test
    void exclamationAndQuestionMarksAmplify() {
        assertThat(s("great!!!")).isGreaterThan(s("great!")).isGreaterThan(s("great"));
        assertThat(s("useless!!")).isLessThan(s("useless"));
        assertThat(s("are you serious??? useless")).isLessThan(s("are you serious useless"));
    }

    @Test
    void leastNegatesExceptInAtLeast() {
        assertThat(s("the least helpful agent")).isNegative();
        assertThat(s("at least helpful")).isPositive();
    }

    @Test
    void emoticonsAndIdiomsCount() {
        assertThat(s("ok :)")).isGreaterThan(s("ok"));
        assertThat(s("still waiting :(")).isNegative();
        // A rated word inside an expression takes the expression's valence ("bomb" alone is -2.2).
        assertThat(s("this app is the bomb")).isPositive();
        assertThat(s("bomb")).isNegative();
    }

    @ParameterizedTest
    @ValueSource(strings = {"this is the third time I call, useless", "I'm really frustrated, nobody answers",
            "this is unacceptable", "worst support ever", "the app is broken again and I lost my order",
            "you didn't help at all", "I am very disappointed with the delivery", "stop wasting my time",
            "I hate this", "my card was charged twice and nobody helps, terrible"})
    void complaintsAreNegative(String text) {
        assertThat(s(text)).as(text).isLessThan(-0.05);
    }

    @ParameterizedTest
    @ValueSource(strings = {"thanks, that fixed it", "great, thank you so much!", "perfect, problem solved :)",
            "you were very helpful, have a nice day", "awesome, it works now", "thx, appreciate it",
            "no problem, take your time", "love the new app"})
    void thanksArePositive(String text) {
        assertThat(s(text)).as(text).isGreaterThan(0.05);
    }

    @Test
    void theScoreStaysInRange() {
        assertThat(s("GREAT GREAT GREAT awesome love best perfect!!!!!!")).isLessThanOrEqualTo(1).isGreaterThan(0.9);
        assertThat(s("worst terrible hate awful useless horrible!!!!")).isGreaterThanOrEqualTo(-1).isLessThan(-0.9);
    }
}
