package io.switchboard.redaction.detection;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer-support chat with names that no gazetteer has (made up for this test; the test checks they
 * are unknown), capitalised and in lower case, with and without a cue: the default {@link Redactor}
 * (design A+C) must find each marked entity and nothing else. Design A alone finds none of the
 * lower-case ones without a cue phrase; the trained model (design C) is what finds them.
 */
class UnknownNamesTest {
    private static final Redactor REDACTOR = Redactor.create();
    private static final Gazetteers GAZETTEERS = Gazetteers.shared();

    @ParameterizedTest
    @ValueSource(strings = {
            // lower case, as chat is typed
            "can you tell [NAME:marisolde] i said thanks",
            "[NAME:kelvaro] said you'd call me back",
            "the courier guy [NAME:zembro] was really rude",
            "ask [NAME:tarquinn] about my invoice please",
            "my daughter [NAME:elidor] ordered it",
            "is [NAME:nessaly] working today?",
            "i already told [NAME:ulfric danmore] everything",
            "please send the invoice to [NAME:orlaith menzebach] at the office",
            "this is [NAME:tamzie okorafor], order [NUMERIC:55120] is missing a cable",
            "hey it's [NAME:brevik] again",
            "thanks [NAME:quillon]!!",
            "[NAME:yselde marrakov] here, my parcel is stuck",
            "i'm [NAME:caspiane] and i need help with my bill",
            "my neighbour [NAME:wenzeslava] signed for it",
            "i spoke to [NAME:quillon] yesterday and he said it would ship today",
            "my name's [NAME:jorvik stennagel] and i live in [GPE:Leeds]",
            // capitalised
            "hi, my name is [NAME:Zorvan Petrakel] and my parcel never arrived",
            "[NAME:Brevik Salmundo] here, can you check my refund?",
            "can you put me through to Ms. [NAME:Vandrekova]?",
            "my wife [NAME:Orlaith Menzebach] placed the order on her card",
            "[NAME:Dravenna] told me the replacement was on its way",
            "thanks [NAME:Kelvaro], that fixed it!",
            "the parcel was signed for by [NAME:Tobiah Quernsby] but i don't know him",
            "hello, it's [NAME:Yselde Marrakov] again, any news?",
            "please change the name on the account to [NAME:Ardwen Pellowe]",
            "the technician, [NAME:Zembro], never showed up",
            "can i speak to [NAME:Ulfric Danmore] please?",
            "[NAME:Wenzeslava Pritchek] is the account holder, not me",
            "ask Mr. [NAME:Hollowmere] to call me back",
            "hi [NAME:Tarquinn], still waiting for my invoice",
            "the booking is in the name of [NAME:Solvei Brannock]",
            "your agent [NAME:Marisolde] said the refund would be processed",
            "the driver, [NAME:Kazimer Thwaite], left it at the wrong door",
            "i talked to [NAME:Bravio] and [NAME:Nessaly] but nobody called back",
    })
    void findsNamesNoGazetteerHas(String annotated) {
        Annotated a = Annotated.parse(annotated);
        for (EntitySpan e : a.expected()) {
            if (e.type().equals("NAME")) {
                for (String word : a.text().substring(e.start(), e.end()).toLowerCase(Locale.ROOT).split("[ .]+")) {
                    assertThat(GAZETTEERS.isName(word) || GAZETTEERS.isPlace(word)).as("%s is in a gazetteer", word).isFalse();
                }
            }
        }
        List<EntitySpan> detected = REDACTOR.detect(a.text(), RedactionPolicy.defaults());
        assertThat(a.missed(detected)).as("missed in: %s", a.text()).isEmpty();
        assertThat(a.spurious(detected)).as("spurious in: %s", a.text()).isEmpty();
    }
}
