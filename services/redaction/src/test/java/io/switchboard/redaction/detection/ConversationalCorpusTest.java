package io.switchboard.redaction.detection;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer-support chat written by us (not from pii-dev), the kind of text the service will see:
 * lower-case names, names that are also words, dates, times and amounts in many forms, identifiers
 * versus plain quantities. Each utterance must come out with exactly the marked entities (same type,
 * overlapping span) and nothing else.
 */
class ConversationalCorpusTest {
    private static final Redactor REDACTOR = Redactor.create();

    @ParameterizedTest
    @ValueSource(strings = {
            // names, lower-case and capitalised, names that are words
            "hi, my name is [NAME:john smith] and my order [ID:AB12345] hasn't arrived, call me on [NUMERIC:555 123 4567]",
            "hello this is [NAME:maria] from the billing team",
            "i'm [NAME:sarah], i placed an order yesterday",
            "My name is [NAME:Rose Walker] and I need help with my account",
            "Can I speak to [NAME:Bill] please? He handled my case last week",
            "[NAME:Jordan] said the refund would be processed",
            "please ask [NAME:Ms. Kowalski] to call me back",
            "name: [NAME:priya raman]",
            "The account is under my wife's name, [NAME:Anna Schmidt]",
            "thanks [NAME:Tom], that fixed it!",
            "I spoke with [NAME:Jennifer Lopez] on the phone and she said it was fine",
            "my husband [NAME:Michael] ordered it for me",
            "you can call me [NAME:Kate]",
            "Hi [NAME:Carlos], I still haven't received anything",
            "I talked to [NAME:Ahmed] and [NAME:Fatima] yesterday",
            "[NAME:Dr. Müller] recommended this product",
            "Could you send it to [NAME:Olivia Brown] instead?",
            "i will rose to the occasion, said nobody",
            "The bill is wrong, I was charged twice",
            "I will check and get back to you",
            "May I ask why my package is late?",
            // a title or a middle initial makes a person of words that are also words or places
            "[NAME:Mr. Spears] called about the same order on [DATE:Monday]",
            "Please tell [NAME:Ms Alvarez] that the parcel arrived.",
            "The manager, [NAME:Mr. Demidov], promised a refund",
            "the invoice was signed by [NAME:Brad L Key] from your team",
            "I already spoke to [NAME:Ravil G Yefimov] about it",
            // after a phrase only a place can follow, a proper noun is a place
            "we moved here from [GPE:Kenosha] in March",
            "I grew up in [GPE:Jackson] so I know the store there",
            // places and organisations
            "I'm travelling to [GPE:Paris] next week and need it before then",
            "we moved from [GPE:Germany] to [GPE:Canada] last year",
            "can you ship to [GPE:New Zealand]?",
            "The parcel is stuck in [GPE:Chicago]",
            "I work for [ORG:Acme Corporation] and need an invoice",
            "is this sold by [ORG:Northwind Traders Ltd] or by you?",
            "my bank, [ORG:First National Bank], blocked the payment",
            // e-mail
            "my email is [EMAIL:john.smith@example.com]",
            "send it to [EMAIL:j_doe+orders@mail.co.uk] please",
            // money with and without symbols
            "I was charged [MONEY:$40] instead of [MONEY:$25.99]",
            "the refund of [MONEY:40 dollars] never came",
            "it cost me [MONEY:EUR 12,50] plus shipping",
            "they took [MONEY:£1,250.00] from my account",
            "that's [MONEY:twelve bucks] for a cable!",
            "the total was [MONEY:300 euros]",
            "I paid [MONEY:USD 99] for the upgrade",
            // dates in many forms
            "it was delivered on [DATE:May 23]",
            "my order from [DATE:23/05/2024] never shipped",
            "the invoice is dated [DATE:2024-05-23]",
            "can you deliver it [DATE:next Monday]?",
            "I was born on [DATE:3rd of March 1985]",
            "the subscription renews on [DATE:June 1st, 2025]",
            "it expires in [DATE:December 2026]",
            "i called on [DATE:friday] and nobody answered",
            "the offer ended on [DATE:12.03.2024]",
            // times
            "please call me back at [TIME:10:30 am]",
            "the store closes at [TIME:14:00]",
            "I'll be home after [TIME:6pm]",
            "let's talk at [TIME:noon] tomorrow",
            // numbers and identifiers
            "my card number is [NUMERIC:4111 1111 1111 1111]",
            "my ssn is [NUMERIC:123-45-6789]",
            "the tracking number is [ID:1Z999AA10123456784]",
            "my IBAN is [ID:DE89 3704 0044 0532 0130 00]",
            "booking reference [ID:XK7Q9P2], flight tomorrow",
            "my zip code is [NUMERIC:90210]",
            "my pin is [NUMERIC:4821]",
            "account number [NUMERIC:00123456789]",
            "I connect from [NUMERIC:192.168.1.20] and get an error",
            "driver licence [ID:D1234567]",
            "call me on [NUMERIC:+44 20 7946 0958]",
            "my number is [NUMERIC:(415) 555-0132]",
            "the order [ID:ORD-2024-8812] is wrong",
            // plain quantities are not PII
            "I ordered 2 items but only got 1",
            "it's been 3 weeks and 4 days",
            "the top 10 results were useless",
            "I need 15 more minutes",
            "the battery lasts about 8 hours",
            "I have 2 kids and 1 dog",
            // addresses
            "please send it to [NUMERIC:221] [GPE:Baker Street], [GPE:London]",
            "my address is [NUMERIC:42] [GPE:Wallaby Way], [GPE:Sydney]",
            "can you deliver to flat [NUMERIC:5], [NUMERIC:10] [GPE:Downing Street]?",
            // mixed
            "hey its [NAME:jake], order [ID:A1B2C3D4] was [MONEY:$15] short",
            "[NAME:Laura Palmer] here, my phone is [NUMERIC:07700 900123] and email [EMAIL:laura@twinpeaks.net]",
            "ok thanks bye",
            "its fine, i'm good now",
            "this is great, thank you so much",
            "im ok with a refund",
            "WHAT IS GOING ON WITH MY ORDER??",
    })
    void findsTheMarkedEntitiesAndNothingElse(String annotated) {
        Annotated a = Annotated.parse(annotated);
        List<EntitySpan> detected = REDACTOR.detect(a.text(), RedactionPolicy.defaults());
        assertThat(a.missed(detected)).as("missed in: %s", a.text()).isEmpty();
        assertThat(a.spurious(detected)).as("spurious in: %s", a.text()).isEmpty();
    }
}
