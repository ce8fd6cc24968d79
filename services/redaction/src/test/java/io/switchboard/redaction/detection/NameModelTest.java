package io.switchboard.redaction.detection;

import opennlp.tools.ml.model.MaxentModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The trained name model of design C ({@link NameModel}) and its features. */
class NameModelTest {
    private static NameModel model;
    private static MaxentModel raw;

    @BeforeAll
    static void load() {
        model = NameModel.shared();
        raw = NameModel.read(NameModel.class.getResourceAsStream(NameModel.RESOURCE));
    }

    @Test
    void probabilitiesAreTheMaxentModelsOwn() {
        NameFeatures f = model.features();
        for (String s : List.of("hi, my name is john smith", "I work for Acme Corporation in Paris",
                "ok thanks bye", "Dear Mr. Kowalski,\nplease see below")) {
            Text text = new Text(s);
            NameFeatures.Prepared p = f.prepare(text);
            for (int i = 0; i < p.n; i++) {
                String[] features = f.withTags(f.base(p, i), p, i, "O", "B-NAME");
                double[] expected = raw.eval(features);
                double[] actual = model.probabilities(features);
                for (int o = 0; o < expected.length; o++) {
                    assertThat(actual[o]).as("outcome %s of token %d in %s", raw.getOutcome(o), i, s)
                            .isCloseTo(expected[o], within(1e-4));
                }
            }
        }
    }

    @Test
    void tagsNamesPlacesAndOrganisations() {
        assertThat(types("my name is Zorvan Petrakel and I live in Leeds")).containsExactly("NAME:Zorvan Petrakel", "GPE:Leeds");
        assertThat(types("i spoke to quillon yesterday")).containsExactly("NAME:quillon");
        assertThat(types("I work for Northwind Traders Ltd")).containsExactly("ORG:Northwind Traders Ltd");
        assertThat(types("ok thanks, have a nice day!")).isEmpty();
    }

    @Test
    void entitiesNeverCrossALineBreakNorIncludeAWebAddress() {
        assertThat(types("Regards,\nZorvan Petrakel\nDatamoxie Labs")).allMatch(s -> !s.contains("\n"));
        assertThat(types("see https://ClickFunnel.com/help for details")).isEmpty();
        assertThat(types("You can check it online")).isEmpty();
    }

    @Test
    void shapes() {
        assertThat(NameFeatures.shape("Smith")).isEqualTo("Xx");
        assertThat(NameFeatures.shape("SMITH")).isEqualTo("XX");
        assertThat(NameFeatures.shape("K.")).isEqualTo("X.");
        assertThat(NameFeatures.shape("Mayo-Walters")).isEqualTo("Xx-Xx");
        assertThat(NameFeatures.shape("90210")).isEqualTo("d");
        assertThat(NameFeatures.shape("john")).isEqualTo("x");
    }

    private static List<String> types(String s) {
        return model.find(new Text(s)).stream().map(e -> e.type() + ":" + s.substring(e.start(), e.end())).toList();
    }
}
